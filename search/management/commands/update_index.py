"""`manage.py update_index`: Wagtail's command, with a progress line per chunk and a timing.

The Whoosh backend builds a new index generation and switches to it only when
complete (search.backend.WhooshRebuilder), so searches keep working meanwhile.
"""

import time

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand


class Command(RebuildCommand):
    help = "Rebuild the search index (into a new directory, then switch to it), showing progress."

    def update_backend(self, backend_name, schema_only=False, chunk_size=200):
        started = time.monotonic()
        super().update_backend(backend_name, schema_only=schema_only, chunk_size=chunk_size)
        self.write(f"{backend_name}: done in {time.monotonic() - started:.1f} s")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(chunk_size=200)

    def print_iter_progress(self, iterable):
        return iterable

    def queryset_chunks(self, qs, chunk_size=200):
        total = qs.count()
        done = 0
        started = time.monotonic()
        for chunk in super().queryset_chunks(qs, chunk_size):
            yield chunk
            done += len(chunk)
            rate = done / max(time.monotonic() - started, 1e-6)
            self.write(f"{done}/{total} ({rate:.0f}/s) ", ending="")
            self.stdout.flush()
