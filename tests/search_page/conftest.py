import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """An empty cache (each test process has its own DATA_DIR, so its own content generation)."""
    cache.clear()
    yield
    cache.clear()
