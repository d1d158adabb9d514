"""Reading settings from the environment, strictly.

django-environ reads any word it does not know as False, so `DEBUG=ture` or
`SECURE_SSL_REDIRECT=yes please` would quietly turn a setting off. Here a
boolean must be one of the words below, or the process refuses to start and
names the variable.
"""

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"true", "yes", "on", "1"}
FALSE_WORDS = {"false", "no", "off", "0"}


class StrictEnv(environ.Env):
    def bool(self, var, default=environ.Env.NOTSET):
        raw = self.ENVIRON.get(var)
        if raw is None:
            return super().bool(var, default=default)
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(
            f"{var}={raw!r} is not a boolean. Use one of: {', '.join(sorted(TRUE_WORDS | FALSE_WORDS))}."
        )
