import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.content import loaded_once, start_from

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


def load_wiki_content():
    call_command("load_content", verbosity=0)
    add_probe_pages()
    # The tree's root page predates indexing (a migration made it): add it, as update_index would.
    call_command("search_index_check", "--repair", verbosity=0, stdout=io.StringIO())


@pytest.fixture(scope="module")
def wiki_content(django_db_setup, django_db_blocker):
    """The starter content and the probe pages, loaded and indexed once per module (tests.content.loaded_once)."""
    with loaded_once(django_db_blocker, load_wiki_content) as snapshot:
        yield snapshot


@pytest.fixture
def content(wiki_content, db):
    """Starter content in the database and the index, for one test."""
    start_from(wiki_content)
    return wiki_content


@pytest.fixture
def quick_lock_timeout():
    """Index writes give up waiting for the lock after 0.2 s (then queue a retry)."""
    from django.conf import settings

    backends = {name: dict(conf) for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    backends["default"]["WRITE_TIMEOUT"] = 0.2
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


def publish_then_roll_back(page, title):
    """A save whose transaction rolls back after the publish (as an error late in the request would)."""
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        page.title = title
        page.save_revision().publish()
        raise RuntimeError("rolled back")
    page.refresh_from_db()


@pytest.fixture
def task_queue(monkeypatch):
    """Production's task backend (the database queue); the returned function runs its worker until the queue
    is empty, as ``manage.py db_worker --batch`` does, inside the test's transaction."""
    from django_tasks_db.management.commands import db_worker

    # The worker reconnects between tasks; inside the test's transaction that would close the connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with override_settings(TASKS={"default": {"BACKEND": "search.task_backend.CoalescingDatabaseBackend"}}):
        yield lambda: call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
