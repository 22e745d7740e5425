"""`manage.py search_index_check [--repair] [--merge]`: compare the search index with the database.

Reports documents missing from the index, stale (the object changed since it
was indexed), extra (the object is gone), and the index updates still waiting in
the task queue (search.backend.tasks). With --repair, fixes every difference.
Without it, exits with an error when the index is out of step (for monitoring). With --merge, first
merges the index into one segment, dropping the old versions of edited pages
(a weekly job: site/deploy/cron/wiki.crontab).
"""

from django.core.management.base import BaseCommand, CommandError
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models

from search.backend import postgres_check, tasks
from search.backend.documents import build_document
from search.backend.postgres import BilingualPostgresSearchBackend

BATCH = 200


def expected_documents():
    """{key: document} for every object that should be in the index."""
    documents = {}
    for model in get_indexed_models():
        if model._meta.abstract:
            continue
        for obj in model.get_indexed_objects().iterator(chunk_size=500):
            instance = obj.get_indexed_instance()
            if instance is None:
                continue
            document = build_document(instance)
            documents[document["key"]] = document
    return documents


def indexed_digests(store) -> dict[str, str]:
    reader = store.searcher().reader()
    return {fields["key"]: fields.get("digest", "") for fields in reader.all_stored_fields() if "key" in fields}


def compare(store):
    expected = expected_documents()
    indexed = indexed_digests(store)
    missing = sorted(key for key in expected if key not in indexed)
    extra = sorted(key for key in indexed if key not in expected)
    stale = sorted(key for key in expected if key in indexed and indexed[key] != expected[key]["digest"])
    return expected, missing, stale, extra


class Command(BaseCommand):
    help = "Compare the search index with the database (missing, stale, extra documents); --repair fixes it."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix every difference found.")
        parser.add_argument("--show", type=int, default=10, help="How many keys to list per kind (default 10).")
        parser.add_argument("--merge", action="store_true",
                            help="First merge the index into one segment (drops the old versions of edited pages).")

    def handle(self, *args, repair=False, show=10, merge=False, **options):
        backend = get_search_backend()
        store = getattr(backend, "store", None)
        if isinstance(backend, BilingualPostgresSearchBackend):
            return postgres_check.run(self, backend, repair_it=repair, show=show, queued=tasks.queued_count())
        if store is None:
            raise CommandError("The default search backend is not the Whoosh index; nothing to check.")
        if merge:
            segments, deleted = store.merge_all(timeout=max(backend.write_timeout, 60.0))
            self.stdout.write(f"Merged {segments} segment(s) into one; {deleted} deleted document(s) dropped.")
        pending = tasks.queued_count()
        expected, missing, stale, extra = compare(store)
        self.stdout.write(
            f"Index: {len(expected)} expected, {len(missing)} missing, {len(stale)} stale, {len(extra)} extra, "
            f"{pending} queued."
        )
        for label, keys in (("missing", missing), ("stale", stale), ("extra", extra)):
            for key in keys[:show]:
                self.stdout.write(f"  {label}: {key}")
        if not (missing or stale or extra):
            return
        if not repair:
            raise CommandError("The search index is out of step with the database; run with --repair.")
        operations = [("add", expected[key]) for key in missing + stale] + [("delete", key) for key in extra]
        for start in range(0, len(operations), BATCH):
            store.write(operations[start : start + BATCH], timeout=backend.write_timeout)
        self.stdout.write(self.style.SUCCESS(f"Repaired {len(operations)} document(s)."))
