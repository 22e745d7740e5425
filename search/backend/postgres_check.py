"""`search_index_check` for the database search backend on PostgreSQL: its index entries against the database.

An entry is missing (an indexed object has none), stale (its text is not the object's text now) or extra (its
object is gone or no longer indexed). Repairing writes the missing and stale entries again and deletes the extra.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from modelsearch.backends.database.postgres.postgres import IndexEntry
from modelsearch.index import get_indexed_models

from .postgres import BilingualObjectIndexer


def _words(text: str) -> list[str]:
    # In any order: related values (a page's tags) are read from the database in no particular order.
    return sorted((text or "").split())


def _expected(backend) -> dict[tuple[int, str], tuple[type, object, str, str]]:
    """{(content type id, object id): (model, instance, title words, body words)} for every indexed object."""
    expected = {}
    for model in get_indexed_models():
        if model._meta.abstract or not model.get_search_fields():
            continue
        content_type_id = ContentType.objects.get_for_model(model).pk
        for obj in model.get_indexed_objects().iterator(chunk_size=500):
            instance = obj.get_indexed_instance()
            if instance is None:
                continue
            indexer = BilingualObjectIndexer(instance, backend)
            expected[(content_type_id, indexer.id)] = (model, instance, _words(indexer.title_text),
                                                       _words(indexer.body_text))
    return expected


def differences(backend):
    """(expected, missing, stale, extra): the keys of the entries that are not as they should be."""
    expected = _expected(backend)
    indexed = {
        (content_type_id, object_id): (_words(title_text), _words(body_text), pk)
        for content_type_id, object_id, title_text, body_text, pk in IndexEntry.objects.values_list(
            "content_type_id", "object_id", "title_text", "body_text", "pk"
        )
    }
    missing = sorted(key for key in expected if key not in indexed)
    extra = sorted(key for key in indexed if key not in expected)
    stale = sorted(key for key, (_m, _o, title, body) in expected.items()
                   if key in indexed and indexed[key][:2] != (title, body))
    return expected, missing, stale, extra, indexed


def repair(backend, expected, to_write, extra, indexed) -> int:
    by_model: dict[type, list] = {}
    for key in to_write:
        model, instance, _title, _body = expected[key]
        by_model.setdefault(model, []).append(instance)
    for model, objs in by_model.items():
        backend.get_index_for_model(model).add_items(model, objs)
    IndexEntry.objects.filter(pk__in=[indexed[key][2] for key in extra]).delete()
    return len(to_write) + len(extra)


def run(command, backend, *, repair_it: bool, show: int, queued: int) -> None:
    """The management command's report and repair, in the words it uses for the Whoosh index."""
    from django.core.management.base import CommandError

    expected, missing, stale, extra, indexed = differences(backend)
    command.stdout.write(
        f"Index (PostgreSQL): {len(expected)} expected, {len(missing)} missing, {len(stale)} stale, "
        f"{len(extra)} extra, {queued} queued."
    )
    for label, keys in (("missing", missing), ("stale", stale), ("extra", extra)):
        for content_type_id, object_id in keys[:show]:
            command.stdout.write(f"  {label}: {ContentType.objects.get_for_id(content_type_id).model}:{object_id}")
    if not (missing or stale or extra):
        return
    if not repair_it:
        raise CommandError("The search index is out of step with the database; run with --repair.")
    count = repair(backend, expected, missing + stale, extra, indexed)
    command.stdout.write(command.style.SUCCESS(f"Repaired {count} entr{'y' if count == 1 else 'ies'}."))
