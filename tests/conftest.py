import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture
def starter_content(db):
    """The starter content loaded into the test database (en + da), and in the search index.

    Inside the test's transaction (which never commits) index writes wait in the thread's buffer until
    the next search; applying them here keeps that first search from writing the index (and so from
    retiring the search results cached just before)."""
    from search.backend import buffer

    call_command("load_content", verbosity=0)
    buffer.flush()


@pytest.fixture(autouse=True)
def _empty_search_index(request):
    """Each test starts with an empty search index (the database is rolled back, so must the index be)."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames or request.node.get_closest_marker(
        "django_db"
    ):
        from search.backend.testing import reset_search_index

        reset_search_index()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request under /da/ leaves Danish active in its thread
    (LocaleMiddleware), and reverse() in the next test would build /da/ addresses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
