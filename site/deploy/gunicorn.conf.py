"""gunicorn settings, read from the environment (see env.example).

Run: gunicorn -c site/deploy/gunicorn.conf.py   (from the project folder)
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project, for search.writer_process
from search.writer_process import WriterProcess  # noqa: E402 - after the path

wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"

# Processes x threads. gthread keeps a slow client or a save waiting on the database
# lock from holding a whole process; two processes per core is the usual start.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10

# Only the proxy in front may set X-Forwarded-* (comma-separated addresses, or * inside a private network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") not in ("0", "false", "no", "off") else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Several servers on one machine would otherwise share one control socket path.
control_socket_disable = True
# Worker heartbeats go to memory, not to a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# The embedded search index (no SEARCH_URL) is written by one process beside the workers, at a lower CPU
# priority, not by a background thread in each worker: the index's pure-Python work then neither holds a
# worker's GIL while a save there holds SQLite's write lock, nor takes the cores from the requests. The
# workers inherit the setting (search/backend/buffer.py); SEARCH_INDEX_WRITER=thread keeps the threads.
if not os.environ.get("SEARCH_URL", "").strip():
    os.environ.setdefault("SEARCH_INDEX_WRITER", "process")
_index_writer = WriterProcess() if os.environ.get("SEARCH_INDEX_WRITER") == "process" else None


def when_ready(server):
    if _index_writer is not None:
        _index_writer.start()


def on_exit(server):
    # After the workers have stopped: the writer applies the last saves' queued writes, then exits.
    if _index_writer is not None:
        _index_writer.stop(timeout=graceful_timeout)
