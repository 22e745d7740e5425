import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from tests.content import loaded_once, start_from

# Module-scoped fixtures that load content for the tests of one module (see tests.content.loaded_once).
MODULE_CONTENT = {"starter_content_of_module", "wiki_content"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """In each run of one module's tests, those that use its loaded content come last.

    The content stays in the database from the first test that asks for it to the end of the run,
    so a test after it that expects an empty wiki would find pages. Runs after pytest-django's own
    ordering (database tests first), and keeps it.
    """
    ordered, run = [], []
    for item in items:
        if run and getattr(item, "module", None) is not getattr(run[0], "module", None):
            ordered += sorted(run, key=_uses_module_content)
            run = []
        run.append(item)
    ordered += sorted(run, key=_uses_module_content)
    items[:] = ordered


def _uses_module_content(item) -> bool:
    return not MODULE_CONTENT.isdisjoint(getattr(item, "fixturenames", ()))


@pytest.fixture(scope="module")
def starter_content_of_module(django_db_setup, django_db_blocker):
    with loaded_once(django_db_blocker, lambda: call_command("load_content", verbosity=0)) as snapshot:
        yield snapshot


@pytest.fixture
def starter_content(starter_content_of_module, db):
    """The starter content (en + da) in the test database and in the search index."""
    start_from(starter_content_of_module)


@pytest.fixture(autouse=True)
def _empty_search_index(request):
    """Each test starts with an empty search index (the database is rolled back, so must the index be).

    A test of a module's loaded content starts from that content's index instead (tests.content.start_from)."""
    uses_database = (
        "db" in request.fixturenames or "transactional_db" in request.fixturenames
        or request.node.get_closest_marker("django_db")
    )
    if uses_database and not _uses_module_content(request.node):
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


@pytest.fixture(autouse=True)
def _fresh_antispam_state():
    """Spent challenges and save budgets (the shared anti-spam cache) do not carry over from one test to the next."""
    from editing.conf import antispam_cache

    antispam_cache().clear()
    yield

