"""`manage.py search_index_writer [--once]`: the embedded index's writer process.

Applies the index writes that web processes queue with SEARCH_INDEX_WRITER = "process"
(search.backend.writer), until SIGTERM or SIGINT, or until the process that started it is gone,
then applies what is left and exits.
site/deploy/gunicorn.conf.py starts it beside the workers, restarts it if it dies and stops it
last. It lowers its own CPU priority (--nice, default SEARCH_INDEX_WRITER_NICE or 10): the index
takes the CPU the requests leave.
"""

import os
import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from modelsearch.backends import get_search_backend

from search.backend.writer import QueueWriter


class Command(BaseCommand):
    help = "Apply the search index writes queued by the web processes, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Apply what is queued now, then exit.")
        parser.add_argument("--nice", type=int, default=int(os.environ.get("SEARCH_INDEX_WRITER_NICE", "10")),
                            help="How much to lower the process's CPU priority (0: not at all).")
        parser.add_argument("--poll", type=float, default=0.2, help="Seconds between looks at an empty queue.")

    def handle(self, *args, once=False, nice=10, poll=0.2, **options):
        backend = get_search_backend()
        store = getattr(backend, "store", None)
        if store is None:
            raise CommandError("The default search backend is not the Whoosh index; it has no writer process.")
        writer = QueueWriter(store, timeout=backend.write_timeout, poll=poll)
        if once:
            applied = writer.apply_once()
            self.stdout.write(f"Applied {applied} queued update(s).")
            if writer.failed:
                raise CommandError("Some queued updates could not be applied (see the log); they stay queued.")
            return
        if nice > 0:
            os.nice(nice)
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        parent = os.getppid()
        writer.run(stop, parent_alive=lambda: os.getppid() == parent)
