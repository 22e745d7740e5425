import pytest
from django.core.cache import caches


@pytest.fixture
def page_cache(settings, tmp_path):
    """The page cache on (it is off for the rest of the suite), empty, with its own generation file."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.SEARCH_CACHE_SECONDS = 60
    settings.DATA_DIR = tmp_path
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield caches["pages"]
    for alias in ("default", "pages"):
        caches[alias].clear()
