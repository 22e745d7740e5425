"""Settings for the benchmarks: the project's settings on a separate SQLite file in DATA_DIR
(var/bench/ by default, set by tests/bench/__main__.py), no result cache, and Wagtail's stock
database backend available as "database" next to whatever "default" is."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATA_DIR, DATABASES, WAGTAILSEARCH_BACKENDS

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES["default"].update({"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "bench.sqlite3")})
# No page cache either: both backends answer the same URLs, so the second would be served the
# first one's cached pages (the database backend measured 0.4 ms that way).
PAGE_CACHE_SECONDS = 0
SEARCH_CACHE_SECONDS = 0
WAGTAILSEARCH_BACKENDS = dict(WAGTAILSEARCH_BACKENDS)
WAGTAILSEARCH_BACKENDS.setdefault("database", {"BACKEND": "modelsearch.backends.database"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
