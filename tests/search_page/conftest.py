import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache(settings, tmp_path):
    """An empty cache, and a content generation of this test's own (caching.generation keeps it in a
    file in DATA_DIR; the suite's other processes must not retire this test's cached results)."""
    settings.DATA_DIR = tmp_path
    cache.clear()
    yield
    cache.clear()
