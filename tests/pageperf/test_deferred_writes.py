"""Work moved out of a save's transaction (and out of the request) still happens, once, after the commit."""

import pytest
from django.db import transaction
from wagtail.models import Page

from caching import deferred
from search.backend import buffer as index_buffer
from search.models import PendingIndexUpdate
from wiki.revisions import save_wiki_revision


class InlineExecutor:
    """Stands for the background thread: runs what it is handed when told to (same thread, same connection)."""

    def __init__(self):
        self.handed = []

    def submit(self, fn, *args):
        self.handed.append((fn, args))

    def run(self):
        handed, self.handed = self.handed, []
        for fn, args in handed:
            fn(*args)


@pytest.fixture
def inline_index_writer(monkeypatch, settings):
    settings.SEARCH_INDEX_WRITER = "thread"
    executor = InlineExecutor()
    monkeypatch.setattr(index_buffer, "_worker", executor)
    monkeypatch.setattr(index_buffer, "inside_a_test_case", lambda using="default": False)
    return executor


def test_search_writes_go_to_the_background_writer_after_the_commit_in_one_batch(
    inline_index_writer, definition, case_study, django_capture_on_commit_callbacks
):
    from search.backend import WhooshIndex

    index_buffer.flush()  # what loading the content left for the (never-committed) test transaction
    written = []

    real_write = WhooshIndex.write_objects

    def spy(self, entries, **options):
        written.append(sorted(str(pk) for _model, pk, _action in entries))
        return real_write(self, entries, **options)

    WhooshIndex.write_objects = spy
    try:
        for page, word in ((definition, "Backgroundword"), (case_study, "Othercommitword")):
            with django_capture_on_commit_callbacks(execute=True):
                with transaction.atomic():
                    revision_page = page.get_latest_revision_as_object()
                    revision_page.body += f"\n\n{word}"
                    save_wiki_revision(revision_page, summary="bg")
                # Not written yet, but durable in the queue.
                assert PendingIndexUpdate.objects.filter(object_pk=str(page.pk)).exists()
        assert written == []  # the requests did not write the index
        assert len(inline_index_writer.handed) == 1  # the second handover joined the first batch
        inline_index_writer.run()
    finally:
        WhooshIndex.write_objects = real_write
    assert written == [sorted([str(definition.pk), str(case_study.pk)])]
    assert not PendingIndexUpdate.objects.exists()
    assert [p.pk for p in Page.objects.search("Backgroundword")] == [definition.pk]
    assert [p.pk for p in Page.objects.search("Othercommitword")] == [case_study.pk]


@pytest.fixture
def deferred_references(monkeypatch, definition):
    """(the deferring backend, the stand-in for its thread, the reference-index updates that ran since the
    content was loaded)."""
    from wagtail.tasks import update_reference_index_task

    executor = InlineExecutor()
    monkeypatch.setattr(deferred, "_worker", executor)
    monkeypatch.setattr(deferred, "_in_application_transaction", lambda: True)
    ran = []
    monkeypatch.setattr(type(update_reference_index_task), "call", lambda self, *args, **kw: ran.append(args))
    return deferred.DeferredReferenceIndexBackend("default", {}), executor, ran


def test_reference_index_updates_run_once_per_object_after_the_commit(
    deferred_references, definition, django_capture_on_commit_callbacks
):
    from wagtail.tasks import update_reference_index_task

    backend, executor, ran = deferred_references
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for _ in range(2):  # a revision save and its publish both save the page
                backend.enqueue(update_reference_index_task, ["wiki", "definitionpage", str(definition.pk)], {})
            assert ran == [] and executor.handed == []
    executor.run()
    assert ran == [("wiki", "definitionpage", str(definition.pk))]


def test_a_rolled_back_transaction_does_not_keep_the_next_ones_reference_update_from_running(
    deferred_references, definition, django_capture_on_commit_callbacks
):
    from wagtail.tasks import update_reference_index_task

    backend, executor, ran = deferred_references
    args = ["wiki", "definitionpage", str(definition.pk)]
    with pytest.raises(RuntimeError), transaction.atomic():  # a conflicting save
        backend.enqueue(update_reference_index_task, args, {})
        raise RuntimeError("conflict")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            backend.enqueue(update_reference_index_task, args, {})
    executor.run()
    assert ran == [tuple(args)]


def test_other_tasks_and_tasks_outside_a_transaction_run_at_once(monkeypatch, definition):
    from wagtail.tasks import update_reference_index_task

    backend = deferred.DeferredReferenceIndexBackend("default", {})
    ran = []
    monkeypatch.setattr(type(update_reference_index_task), "call", lambda self, *args, **kw: ran.append(args))
    monkeypatch.setattr(deferred, "_in_application_transaction", lambda: False)
    backend.enqueue(update_reference_index_task, ["wiki", "definitionpage", str(definition.pk)], {})
    assert ran == [("wiki", "definitionpage", str(definition.pk))]


def test_production_settings_defer_both(tmp_path):
    from tests.prod.test_production import STRONG_KEY, run_manage

    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'], settings.SEARCH_INDEX_WRITER)"
    result = run_manage(["shell", "-c", code], tmp_path, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="wiki.example.com")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["caching.deferred.DeferredReferenceIndexBackend", "thread"]
