import pytest
from django.core.cache import caches

from caching import generation


@pytest.fixture
def page_cache(settings):
    """The page cache on (it is off for the rest of the suite), empty (the generation file is in this
    test process's own DATA_DIR), and the per-process memos of earlier tests retired: their data was
    rolled back without a signal."""
    generation.bump()
    settings.PAGE_CACHE_SECONDS = 600
    settings.SEARCH_CACHE_SECONDS = 60
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield caches["pages"]
    for alias in ("default", "pages"):
        caches[alias].clear()
