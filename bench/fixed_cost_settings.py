"""Settings for bench/fixed_cost.py only: production settings with the
bench's own URL configuration in front (bench/fixed_cost_urls.py). Never used
by the site."""

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.fixed_cost_urls"
