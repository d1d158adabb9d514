"""What every settings module reads first: the project folder, the strict
environment reader (and a developer's .env), DEBUG and SECRET_KEY.

Every value has a safe development default except SECRET_KEY, which production
(DEBUG off) refuses to run without.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from tracker.env import StrictEnv

BASE_DIR = Path(__file__).resolve().parent.parent

# Strict: a boolean that is not a boolean word stops the start (tracker/env.py).
env = StrictEnv()
# A developer's .env is read if present; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=true for local development."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
