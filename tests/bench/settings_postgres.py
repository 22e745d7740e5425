"""The benchmark settings on PostgreSQL (DATABASE_URL): our Whoosh index, search in two languages on
PostgreSQL (search/backend/postgres.py) and Wagtail's stock database backend, which on PostgreSQL is its
PostgreSQL search with one text-search configuration."""

import os

import dj_database_url

from tests.bench.settings import *  # noqa: F403
from tests.bench.settings import WAGTAILSEARCH_BACKENDS as _SQLITE_BENCH_BACKENDS

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
WAGTAILSEARCH_BACKENDS = {
    "default": _SQLITE_BENCH_BACKENDS["default"],
    "postgres": {"BACKEND": "search.backend.postgres"},
    "database": {"BACKEND": "modelsearch.backends.database"},
}
