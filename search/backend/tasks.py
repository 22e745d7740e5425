"""Index writes as tasks of Django's task framework, beside modelsearch's own (their queue: search.task_backend).

modelsearch enqueues ``insert_or_update_object_task`` on every save of an indexed object, but
removes a deleted object in the deleting request. ``update_index_task`` sends deletions (and
retries) through the same queue, so that with the database queue in production only the task
worker writes to Whoosh, and a delete is as durable as a save: its task row is written in the
delete's transaction.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, default_task_backend, task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

from search.task_backend import INDEX_TASKS

logger = logging.getLogger("search.backend")

RETRY_AFTER = timedelta(seconds=30)


@task()
def update_index_task(model_label: str, pks: list[str]):
    """Bring these objects' index documents in line with the database (added, replaced or removed)."""
    from modelsearch.backends import get_search_backend

    model = apps.get_model(model_label)
    backend = get_search_backend()
    write = getattr(backend, "write_objects", None)
    if write is not None:
        write([(model, pk) for pk in pks])


def enqueue_update(model, pks) -> None:
    """Queue an index update of these objects; never raises (a save must not fail because of search)."""
    try:
        update_index_task.enqueue(model._meta.label, [str(pk) for pk in pks])
    except Exception:
        logger.exception("Could not queue a search index update for %s %s", model._meta.label, list(pks)[:10])


def retry_later(model, pks) -> bool:
    """Queue these objects' update again for later, when the task backend can defer; False when it cannot
    (the immediate backend): then ``manage.py search_index_check --repair`` is what brings them in."""
    if not default_task_backend.supports_defer:
        logger.warning("Search index update of %s %s not applied; run search_index_check --repair",
                       model._meta.label, list(pks)[:10])
        return False
    try:
        update_index_task.using(run_after=timezone.now() + RETRY_AFTER).enqueue(
            model._meta.label, [str(pk) for pk in pks]
        )
    except Exception:
        logger.exception("Could not queue a search index retry for %s %s", model._meta.label, list(pks)[:10])
        return False
    return True


def runs_tasks_at_once() -> bool:
    """Tasks run as they are enqueued, inside the caller's transaction (development and tests)."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)




def queued_count() -> int:
    """Index updates waiting in the database queue (0 with a backend that runs tasks at once)."""
    if not apps.is_installed("django_tasks_db") or not default_task_backend.supports_get_result:
        return 0
    from django_tasks_db.models import DBTaskResult

    try:
        return DBTaskResult.objects.ready().filter(task_path__in=INDEX_TASKS).count()
    except Exception:  # no table yet (before migrate): nothing is queued
        return 0

