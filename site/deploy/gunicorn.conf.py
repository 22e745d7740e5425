"""gunicorn settings, read from the environment (see env.example).

Run: gunicorn -c site/deploy/gunicorn.conf.py   (from the project folder), and beside it one
`manage.py db_worker` for the background work (search- and reference-index updates).
"""

import os

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

