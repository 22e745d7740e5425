"""The main journeys on the production path: production's middleware stack, the page cache on, index updates
queued in the database (django-tasks-db) and applied by its worker (``manage.py db_worker``), in-process.

A visitor views a page, edits it without an account (with the proof of work) and saves; the worker indexes the
change; search finds the new text (the cached results retired by the index's signal); the history shows it.
The test's transaction never commits, so the worker runs inside it; the load test (``make loadtest``) runs the
same path across processes, with commits.
"""

import io
import json
import re
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from caching import generation
from tests.content import load_some_content
from tests.editing.conftest import form_from_html
from tests.prod.test_production import STRONG_KEY, run_manage
from wiki.models import DefinitionPage

CONTENT = ["definitions/micro-business.toml", "definitions/reactive-exporting.toml"]
# Taken from config/settings/production.py: what serves the site there, besides the secrets and hosts.
PRODUCTION_SETTINGS = ("MIDDLEWARE", "TASKS", "CSP_POLICY", "CSP_PATH_POLICIES", "CSP_REPORT_ONLY", "X_FRAME_OPTIONS",
                       "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY")
NEW_WORD = "Trampolinsalg"


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory) -> dict:
    """Read from a process started with the production settings, as gunicorn's are (environment and all)."""
    names = ", ".join(repr(name) for name in PRODUCTION_SETTINGS)
    code = f"import json; from django.conf import settings as s; print(json.dumps({{n: getattr(s, n) for n in [{names}]}}))"
    result = run_manage(["shell", "-c", code], tmp_path_factory.mktemp("production"), SECRET_KEY=STRONG_KEY,
                        ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_path(monkeypatch, db, tmp_path, page_cache_on, production_settings):
    settings = production_settings
    assert settings["TASKS"]["default"]["BACKEND"] == "search.task_backend.CoalescingDatabaseBackend"
    # The worker reconnects between tasks; inside the test's transaction that would close the connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    # WhiteNoise (production's) serves the collected static files from here.
    with override_settings(**settings, STATIC_ROOT=tmp_path / "static"):
        (tmp_path / "static").mkdir()
        load_some_content(tmp_path, CONTENT)
        yield


@pytest.fixture
def page_cache_on(settings):
    from django.core.cache import caches

    generation.bump()  # pages cached by earlier tests belong to rolled-back data
    settings.PAGE_CACHE_SECONDS = 600
    settings.SEARCH_CACHE_SECONDS = 60
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def queued() -> int:
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()


def search(client, words: str):
    response = client.get(f"/en/search/?q={quote(words)}")
    assert response.status_code == 200
    return response


def test_view_edit_search_and_history_on_the_production_path(client, production_path):
    run_worker()  # the starter content, as a fresh site's worker would
    assert queued() == 0
    # The tree's root page comes from a migration, before indexing: a deploy's check adds it (make content).
    call_command("search_index_check", "--repair", stdout=io.StringIO())
    page = DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")

    # A visitor reads the page: rendered once, then from the page cache, with production's headers.
    first, second = client.get(page.url), client.get(page.url)
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"
    assert NEW_WORD not in second.content.decode()
    assert search(client, NEW_WORD)["X-Cache"] == "miss"
    assert page.title not in _result_titles(search(client, NEW_WORD))

    # ... edits it without an account, proof of work solved, and saves.
    form = form_from_html(client.get(page.url + "edit/").content.decode())
    assert form.get("nonce"), "the anonymous edit form carries a proof-of-work challenge"
    form["body"] = form["body"].rstrip() + f"\n\nWe sell {NEW_WORD} at the fair."
    form["summary"] = "Added the fair's trampoline stand"
    response = client.post(page.url + "edit/", form)
    assert response.status_code == 302, response.content.decode()[:500]

    # The page shows the new text at once, to the editor and to another reader (the save retired its cached copy).
    assert NEW_WORD in client.get(page.url).content.decode()
    reader = Client()
    after = reader.get(page.url)
    assert after["X-Cache"] == "miss" and NEW_WORD in after.content.decode()

    # The index update waits in the queue, written with the save; the web process never writes the index.
    assert queued() > 0
    assert page.title not in _result_titles(search(reader, NEW_WORD))
    run_worker()
    assert queued() == 0

    # Search finds the new text: the index's change retired the cached results.
    found = search(reader, NEW_WORD)
    assert found["X-Cache"] == "miss"
    assert page.title in _result_titles(found)

    # The history lists the edit with its summary.
    history = client.get(page.url + "history/")
    assert history.status_code == 200
    assert "Added the fair&#x27;s trampoline stand" in history.content.decode()

    call_command("search_index_check")  # index and database agree


def _result_titles(response) -> list[str]:
    return re.findall(r'class="search-result__title"><a [^>]*>([^<]+)</a>', response.content.decode())
