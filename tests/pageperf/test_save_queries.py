"""A save from the edit form does a bounded amount of work inside its write transaction."""

from django.db import connection
from django.test import override_settings

from tests.editing.conftest import form_from_html
from wiki.models import EditMeta
from wiki.revisions import text_size

# Production's task backend: index updates are queued in the save's transaction, run by the worker later.
QUEUED = {"TASKS": {"default": {"BACKEND": "search.task_backend.CoalescingDatabaseBackend"}}}


def _save_queries(client, page):
    url = page.url + "edit/"
    data = form_from_html(client.get(url).content.decode(), solve=False)
    data["body"] = data["body"].rstrip() + "\n\nCounted paragraph."
    data["summary"] = "counted"
    inside, total = [], []
    depth = 0  # the save's atomic blocks are savepoints inside the test's own transaction

    def capture(execute, sql, params, many, context):
        nonlocal depth
        total.append(sql)
        if sql.startswith("SAVEPOINT"):
            depth += 1
        elif sql.startswith("RELEASE SAVEPOINT"):  # a rolled-back block is released too
            depth -= 1
        elif depth > 0:
            inside.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return inside, total


@override_settings(**QUEUED)
def test_an_editors_save_stays_under_100_queries_in_the_transaction(client, editor, definition):
    client.force_login(editor)
    size_before = text_size(definition)
    inside, total = _save_queries(client, definition)
    assert len(inside) <= 100, len(inside)
    assert len(total) <= 115, len(total)
    assert not [sql for sql in inside if "wagtailcore_referenceindex" in sql]  # queued for the worker
    assert [sql for sql in inside if "django_tasks_database_dbtaskresult" in sql]  # ... in the save's transaction
    meta = EditMeta.objects.filter(page_id=definition.pk).latest("pk")
    definition.refresh_from_db()
    assert meta.summary == "counted" and meta.size == text_size(definition)
    assert meta.size_delta == text_size(definition) - size_before > 0
    assert "Counted paragraph." in client.get(definition.url).content.decode()


def test_the_size_change_is_right_when_the_previous_revision_has_an_edit_record(client, editor, definition):
    client.force_login(editor)
    _save_queries(client, definition)  # the first save: its edit record holds its size
    definition.refresh_from_db()
    size_before = text_size(definition)
    _save_queries(client, definition)
    definition.refresh_from_db()
    meta = EditMeta.objects.filter(page_id=definition.pk).latest("pk")
    assert meta.size_delta == text_size(definition) - size_before > 0
