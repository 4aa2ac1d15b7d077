"""Settings for the gunicorn that bench_health.py loads with wrk: the real
settings, plus bench/health_urls.py (every real URL and one bare-stack view).

The cache is a dummy so the API's rate limit (600 a minute per user) runs its
code but never refuses the load tool; nothing else differs from production.
"""

from linli.settings import *  # noqa: F403

ROOT_URLCONF = "bench.health_urls"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
