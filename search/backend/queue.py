"""Index writes that must be retried: failed ones, those made during a rebuild, and those awaiting a commit.

A row per object (the latest action wins). Rows are processed after the next
successful write in any process (a row awaiting a commit once it is orphaned,
see AWAITING_GRACE), after a rebuild, and by `manage.py search_index_check --repair`.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from modelsearch.index import get_indexed_instance

logger = logging.getLogger("search.backend")

BATCH = 500
AWAITING_COMMIT = "awaiting commit"  # recorded with the change; removed once the index has it
# A row awaiting commit is the index write that the thread which made the change applies right after its
# commit. Retried by any other write meanwhile, the same page would be indexed twice (with several app
# workers, most pages were). It is an orphan, for the next write to apply, only once it is this old: its
# process died between the commit and the index write.
AWAITING_GRACE = timedelta(seconds=10)


def queue_update(model, pk, action: str, error: str = "", retires_search: bool = True) -> None:
    """Remember an index write to apply or retry. Never raises: a page save must not fail because of search."""
    from search.models import PendingIndexUpdate

    try:
        with transaction.atomic():
            row, created = PendingIndexUpdate.objects.select_for_update().get_or_create(
                model_label=model._meta.label, object_pk=str(pk),
                defaults={"action": action, "last_error": error[:2000], "retires_search": retires_search},
            )
            if not created:
                row.action = action
                row.last_error = error[:2000]
                row.retires_search = row.retires_search or retires_search
                row.save(update_fields=["action", "last_error", "retires_search", "updated_at"])
    except Exception:
        logger.exception("Could not queue a search index %s for %s:%s", action, model._meta.label, pk)


def forget_awaiting(entries) -> None:
    """Drop the rows recorded while the transaction ran, now that the index has the changes."""
    from search.models import PendingIndexUpdate

    try:
        for model, pk, _action in entries:
            PendingIndexUpdate.objects.filter(
                model_label=model._meta.label, object_pk=str(pk), last_error=AWAITING_COMMIT
            ).delete()
    except Exception:
        logger.exception("Could not clear applied search index updates (they will be applied again)")


def _rows(due_only: bool):
    """The queued rows; ``due_only``: without those awaiting a recent commit (their writer applies them)."""
    from search.models import PendingIndexUpdate

    rows = PendingIndexUpdate.objects.all()
    if due_only:
        rows = rows.exclude(last_error=AWAITING_COMMIT, updated_at__gt=timezone.now() - AWAITING_GRACE)
    return rows


def pending_count(due_only: bool = False) -> int:
    try:
        return _rows(due_only).count()
    except Exception:
        return 0


def operations_for_objects(entries):
    """Index operations for [(model, pk, action)], from each object's current database state.

    An object that exists and belongs in the index is (re)added whatever the action says
    (a delete followed by a re-creation in the same transaction); otherwise it is deleted.
    """
    from .documents import build_document, document_key

    operations = []
    for model, pk, _action in entries:
        instance = model._default_manager.filter(pk=pk).first()
        indexed = get_indexed_instance(instance) if instance is not None else None
        if indexed is not None:
            operations.append(("add", build_document(indexed)))
        else:
            operations.append(("delete", document_key(model, pk)))
    return operations


def operations_for(rows):
    """Index operations for a batch of queued rows."""
    entries = []
    for row in rows:
        try:
            entries.append((apps.get_model(row.model_label), row.object_pk, row.action))
        except LookupError:
            continue
    return operations_for_objects(entries)


def process_pending(store, timeout: float, generation: str | None = None, limit: int | None = None,
                    due_only: bool = False) -> int:
    """Apply queued writes; returns how many were applied. Raises LockError if the index stays locked.

    ``due_only``: leave the rows awaiting a recent commit to the writer that is about to apply them.
    """
    from search.models import PendingIndexUpdate

    done = 0
    while limit is None or done < limit:
        rows = list(_rows(due_only)[:BATCH])
        if not rows:
            break
        try:
            store.write(operations_for(rows), timeout=timeout, generation=generation,
                        retire_search=any(row.retires_search for row in rows))
        except Exception as error:
            PendingIndexUpdate.objects.filter(pk__in=[r.pk for r in rows]).update(last_error=repr(error)[:2000])
            for row in rows:
                PendingIndexUpdate.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
            raise
        # Delete only rows not changed since they were read (a newer action waits for the next round).
        for row in rows:
            PendingIndexUpdate.objects.filter(pk=row.pk, updated_at=row.updated_at).delete()
        done += len(rows)
        if len(rows) < BATCH:
            break
    return done
