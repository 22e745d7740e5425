import io
import shutil

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from search.backend.testing import reset_search_index, restore_search_index, snapshot_search_index

PROBES = {
    "da": (
        "Sprogprøve",
        "Vi mødtes på iværksættermessen i Århus. Mange vækstiværksættere driver mikrovirksomheder "
        "og sejler til Ærø og over Øresund.",
    ),
    "en": (
        "Language probe",
        "Exporting companies shipped children's shoes. The entrepreneurs were running quickly to Aarhus.",
    ),
}


def add_probe_pages():
    """One page per language with words the analysis tests look for."""
    from wiki.models import DefinitionIndexPage, DefinitionPage

    for language, (title, body) in PROBES.items():
        index = DefinitionIndexPage.objects.get(locale__language_code=language)
        index.add_child(instance=DefinitionPage(title=title, body=body, slug=f"probe-{language}", locale=index.locale))


def probe(language):
    from wiki.models import DefinitionPage

    return DefinitionPage.objects.get(slug=f"probe-{language}")


@pytest.fixture(scope="module")
def wiki_content(django_db_setup, django_db_blocker):
    """The starter content, loaded and indexed once per module (rolled back at the end).

    Each test using it starts from a copy of the index as it was after loading
    (tests change pages inside their own savepoint, and the index is restored).
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            reset_search_index()
            call_command("load_content", verbosity=0)
            add_probe_pages()
            # The tree's root page predates indexing (a migration made it): add it, as update_index would.
            call_command("search_index_check", "--repair", verbosity=0, stdout=io.StringIO())
            snapshot = snapshot_search_index()
            yield snapshot
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            reset_search_index()
            if snapshot is not None:
                shutil.rmtree(snapshot.parent, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_search_index(request):
    """Overrides the project-wide fixture: content tests restore the loaded index instead of emptying it."""
    if "wiki_content" in request.fixturenames:
        restore_search_index(request.getfixturevalue("wiki_content"))
    elif "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        reset_search_index()
    yield


@pytest.fixture
def content(wiki_content, db):
    """Starter content in the database and the index, for one test."""
    return wiki_content


@pytest.fixture
def quick_lock_timeout():
    """Index writes give up waiting for the lock after 0.2 s (then queue a retry)."""
    from django.conf import settings

    backends = {name: dict(conf) for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    backends["default"]["WRITE_TIMEOUT"] = 0.2
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield
