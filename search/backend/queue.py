"""Index writes that must be retried: failed ones, and those made during a rebuild.

A row per object (the latest action wins). Rows are processed after the next
successful write in any process, after a rebuild, and by
`manage.py search_index_check --repair`.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import transaction
from modelsearch.index import get_indexed_instance

logger = logging.getLogger("search.backend")

BATCH = 500
AWAITING_COMMIT = "awaiting commit"  # recorded with the change; removed once the index has it


def queue_update(model, pk, action: str, error: str = "") -> None:
    """Remember an index write to retry. Never raises: a page save must not fail because of search."""
    from search.models import PendingIndexUpdate

    try:
        with transaction.atomic():
            row, created = PendingIndexUpdate.objects.select_for_update().get_or_create(
                model_label=model._meta.label, object_pk=str(pk), defaults={"action": action, "last_error": error[:2000]}
            )
            if not created:
                row.action = action
                row.last_error = error[:2000]
                row.save(update_fields=["action", "last_error", "updated_at"])
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


def pending_count() -> int:
    from search.models import PendingIndexUpdate

    try:
        return PendingIndexUpdate.objects.count()
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


def process_pending(store, timeout: float, generation: str | None = None, limit: int | None = None) -> int:
    """Apply queued writes; returns how many were applied. Raises LockError if the index stays locked."""
    from search.models import PendingIndexUpdate

    done = 0
    while limit is None or done < limit:
        rows = list(PendingIndexUpdate.objects.all()[:BATCH])
        if not rows:
            break
        try:
            store.write(operations_for(rows), timeout=timeout, generation=generation)
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
