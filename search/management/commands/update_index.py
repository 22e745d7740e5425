"""`manage.py update_index`: Wagtail's command, with a progress line per chunk and a timing.

The Whoosh backend builds a new index generation and switches to it only when
complete (search.backend.WhooshRebuilder), so searches keep working meanwhile.
Chunks are read by primary key ranges (an OFFSET re-reads every row before it, on each chunk) with
each page's locale, which the document's analysers are chosen by (one query per page otherwise).
"""

import time

from django.db import transaction
from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

CHUNK_SIZE = 500


class Command(RebuildCommand):
    help = "Rebuild the search index (into a new directory, then switch to it), showing progress."

    def update_backend(self, backend_name, schema_only=False, chunk_size=CHUNK_SIZE):
        started = time.monotonic()
        super().update_backend(backend_name, schema_only=schema_only, chunk_size=chunk_size)
        self.write(f"{backend_name}: done in {time.monotonic() - started:.1f} s")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(chunk_size=CHUNK_SIZE)

    def print_iter_progress(self, iterable):
        return iterable

    @transaction.atomic  # as Wagtail's: the rows do not change while they are read
    def queryset_chunks(self, qs, chunk_size=CHUNK_SIZE):
        if any(field.name == "locale" for field in qs.model._meta.get_fields()):
            qs = qs.select_related("locale")
        total = qs.count()
        done = 0
        started = time.monotonic()
        last = None
        while True:
            chunk = list((qs if last is None else qs.filter(pk__gt=last))[:chunk_size])
            if not chunk:
                break
            last = chunk[-1].pk
            yield chunk
            done += len(chunk)
            rate = done / max(time.monotonic() - started, 1e-6)
            self.write(f"{done}/{total} ({rate:.0f}/s) ", ending="")
            self.stdout.flush()
