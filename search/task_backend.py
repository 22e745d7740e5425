"""The task queue of production: django-tasks-db's, where an index update already waiting stands for a new one.

Its own module, apart from the tasks: a task is bound to its backend when it is defined, so the backend
must be importable before them.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks.utils import normalize_json
from django_tasks_db import DatabaseBackend

INDEX_TASKS = (
    "modelsearch.tasks.insert_or_update_object_task",
    "search.backend.tasks.update_index_task",
)


# Tasks that bring an object's index entries in line with its current database state: the same task for the
# same object, run once after the last change, does the work of all of them.
COALESCED_TASKS = frozenset((*INDEX_TASKS, "wagtail.tasks.update_reference_index_task"))


class CoalescingDatabaseBackend(DatabaseBackend):
    """django-tasks-db's queue, where an index update still waiting for the same object stands for a new one.

    A publish queues each update twice (the page is saved twice), and while the worker is behind, the saves
    of a busy page queue one each. The waiting row is locked until the enqueuing transaction ends (on
    SQLite, the transaction holds the database's write lock anyway), so the worker cannot start it before
    the change it stands for is committed; a row the worker has already started is not waiting any more.
    """

    def enqueue(self, task, args, kwargs):
        if task.module_path in COALESCED_TASKS and task.run_after is None:
            waiting = self._waiting(task, args, kwargs)
            if waiting is not None:
                return waiting.task_result
        return super().enqueue(task, args, kwargs)

    def _waiting(self, task, args, kwargs):
        from django_tasks_db.models import DBTaskResult

        with transaction.atomic():
            return (
                DBTaskResult.objects.ready()
                .select_for_update()
                .filter(backend_name=self.alias, queue_name=task.queue_name, task_path=task.module_path,
                        args_kwargs=normalize_json({"args": args, "kwargs": kwargs}))
                .first()
            )
