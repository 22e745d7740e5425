"""Index writes that must be retried: failed ones, those made during a rebuild, and those awaiting a commit.

A row per object (the latest action wins). Rows are processed after the next
successful write in any process (a row awaiting a commit once it is orphaned,
see AWAITING_GRACE), after a rebuild, and by `manage.py search_index_check --repair`.
"""

from __future__ import annotations

import functools
import logging
from datetime import timedelta

from django.apps import apps
from django.db import connections, transaction
from django.db.models import F
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
    try:
        _delete_rows_where(("model_label", "object_pk", "last_error"),
                           [(model._meta.label, str(pk), AWAITING_COMMIT) for model, pk, _action in entries])
    except Exception:
        logger.exception("Could not clear applied search index updates (they will be applied again)")


def _rows(due_only: bool):
    """The queued rows; ``due_only``: without those awaiting a recent commit (their writer applies them)."""
    from search.models import PendingIndexUpdate

    rows = PendingIndexUpdate.objects.all()
    if due_only:
        rows = rows.exclude(last_error=AWAITING_COMMIT, updated_at__gt=timezone.now() - AWAITING_GRACE)
    return rows


def pending_count() -> int:
    try:
        return _rows(due_only=False).count()
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


class UnindexableRowsError(Exception):
    """Some queued rows' objects could not be made into documents; the other rows were applied."""


def operations_for(rows):
    """(index operations, rows they cover, [(row, error)]) for a batch of queued rows.

    A row whose object cannot be read or made into a document is left out, not the whole batch: with one
    writer process for every save, one such page would otherwise hold back every other page's update.
    """
    operations, covered, failed = [], [], []
    for row in rows:
        try:
            model = apps.get_model(row.model_label)
        except LookupError:
            covered.append(row)  # a model removed since: nothing to index
            continue
        try:
            operations += operations_for_objects([(model, row.object_pk, row.action)])
        except Exception as error:
            failed.append((row, error))
            continue
        covered.append(row)
    return operations, covered, failed


def _record_failure(rows, error) -> None:
    from search.models import PendingIndexUpdate

    PendingIndexUpdate.objects.filter(pk__in=[row.pk for row in rows]).update(
        last_error=repr(error)[:2000], attempts=F("attempts") + 1
    )


def _build_into(built: dict, rows) -> list:
    """operations_for(rows), called under the index's write lock (IndexStore.write); the rows it covered and
    those that failed go into ``built``."""
    operations, built["covered"], built["failed"] = operations_for(rows)
    return operations


def _delete_rows_where(columns: tuple[str, ...], values: list[tuple]) -> None:
    """DELETE the queue rows whose ``columns`` equal each tuple of ``values``: one statement each, its condition
    checked by the database as it deletes.

    Not QuerySet.delete(): whenever anything listens for deletes, it selects the matching rows first and then
    deletes them by id, so a row changed between the two (a newer save of the same page, a failed write) went
    too, and its change never reached the index.
    """
    from search.models import PendingIndexUpdate

    if not values:
        return
    connection = connections[PendingIndexUpdate.objects.db]
    quote = connection.ops.quote_name
    # Only the model's own names are formatted in; the values are parameters.
    sql = f"DELETE FROM {quote(PendingIndexUpdate._meta.db_table)} WHERE " + " AND ".join(  # noqa: S608
        f"{quote(column)} = %s" for column in columns
    )
    with connection.cursor() as cursor:
        for params in values:
            cursor.execute(sql, list(params))


def _delete_unchanged(rows) -> None:
    """Delete the rows not changed since they were read; a newer change keeps its row for the next round."""
    from search.models import PendingIndexUpdate

    adapt = connections[PendingIndexUpdate.objects.db].ops.adapt_datetimefield_value
    _delete_rows_where(("id", "updated_at"), [(row.pk, adapt(row.updated_at)) for row in rows])


def process_pending(store, timeout: float, generation: str | None = None, limit: int | None = None,
                    due_only: bool = False) -> int:
    """Apply queued writes; returns how many were applied. Raises LockError if the index stays locked, and
    UnindexableRowsError (after applying the others) if some rows' objects could not be made into documents.

    ``due_only``: leave the rows awaiting a recent commit to the writer that is about to apply them.
    Rows that failed before come last, so that they cannot crowd out newer ones.
    """
    done = 0
    while limit is None or done < limit:
        rows = list(_rows(due_only).order_by("attempts", "created_at", "id")[:BATCH])
        if not rows:
            break
        built = {}
        try:
            store.write(functools.partial(_build_into, built, rows), timeout=timeout, generation=generation,
                        retire_search=any(row.retires_search for row in rows))
        except Exception as error:
            _record_failure(built.get("covered", rows), error)
            raise
        covered, failed = built["covered"], built["failed"]
        for row, error in failed:
            _record_failure([row], error)  # each its own error
        _delete_unchanged(covered)
        done += len(covered)
        if failed:
            raise UnindexableRowsError(
                f"{len(failed)} queued update(s) could not be applied, e.g. {failed[0][0]}: {failed[0][1]!r}"
            )
        if len(rows) < BATCH:
            break
    return done
