import pytest
from django.core.cache import caches


@pytest.fixture
def page_cache(settings):
    """The page cache on (it is off for the rest of the suite), empty (the generation file is in this
    test process's own DATA_DIR)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.SEARCH_CACHE_SECONDS = 60
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield caches["pages"]
    for alias in ("default", "pages"):
        caches[alias].clear()
