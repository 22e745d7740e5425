"""A task backend that runs Wagtail's reference-index updates after the save, not inside it.

Wagtail 8 updates its reference index (the admin's "usage" of images, snippets, ...) through a task
on every page save; with the default immediate backend it runs inside the save's transaction, i.e.
inside SQLite's write lock, twice per published revision (the revision save and the publish). Here,
inside an application transaction, those tasks are collected (one per object), and once the
transaction commits they run on one background thread per process, off the request and in their
own short transactions. Every other task, and every task outside a transaction (or inside a test's
never-committed one), runs at once as before.

Enable with TASKS = {"default": {"BACKEND": "caching.deferred.DeferredReferenceIndexBackend"}}
(config/settings/production.py). A process killed between the commit and the update loses it;
``manage.py rebuild_references_index`` rebuilds the index (wiki pages reference little: Markdown text).
"""

from __future__ import annotations

import logging
import threading

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend

from caching.background import BackgroundWorker, in_application_transaction, inside_a_test_case

logger = logging.getLogger(__name__)

DEFERRED_TASKS = {"wagtail.tasks.update_reference_index_task"}

_worker = BackgroundWorker("deferred-tasks")
_local = threading.local()


def _in_application_transaction() -> bool:
    # A test's transaction never commits: tasks run at once there.
    return in_application_transaction() and not inside_a_test_case()


def _run(calls) -> None:
    for task, args, kwargs in calls:
        try:
            task.call(*args, **kwargs)
        except Exception:
            logger.exception("Deferred task %s%r failed", task.module_path, tuple(args))


def _submit_pending() -> None:
    calls = list(getattr(_local, "pending", {}).values())
    _local.pending = {}
    if calls:
        _worker.submit(_run, calls)


def wait_for_deferred_tasks(timeout: float = 30) -> None:
    """Block until the deferred tasks handed over so far have run (tests)."""
    _worker.wait(timeout)


class DeferredReferenceIndexBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        if task.module_path not in DEFERRED_TASKS or not _in_application_transaction():
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        pending = getattr(_local, "pending", None)
        if pending is None:
            pending = _local.pending = {}
        key = (task.module_path, tuple(args), tuple(sorted(kwargs.items())))
        pending[key] = (task, args, kwargs)
        # With every task, not once per object: a rolled-back transaction drops its callbacks but leaves its
        # tasks here, and the next transaction's task for the same object then had no callback. Later
        # callbacks find nothing left to hand over.
        transaction.on_commit(_submit_pending)
        return None
