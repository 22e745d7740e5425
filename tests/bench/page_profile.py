"""python -m tests.bench.page_profile: queries and CPU time per rendered (uncached) page view, in-process.

Runs the production settings against DATA_DIR (default var/) with the page cache off and the
per-process memos on, as a gunicorn worker would after its first requests. Load-independent
numbers: queries per view; CPU ms per view (process time) depends on the machine only.

    python -m tests.bench.page_profile [--views 200] [--profile] [--user NAME] [PATH ...]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import sys
import time

DEFAULT_PATHS = ["/en/definitions/konkollega/", "/en/case-studies/piccalilly/", "/en/", "/da/definitioner/mikrovirksomhed/"]


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("SECURE_COOKIES", "0")
    os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
    import django

    django.setup()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.page_profile", description=__doc__)
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--views", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print the top cProfile entries per path")
    parser.add_argument("--sql", action="store_true", help="print the queries of one view")
    parser.add_argument("--user", help="log in as this user (no password check)")
    args = parser.parse_args(argv)
    setup()
    from django.db import connection
    from django.test import Client

    captured = []

    def capture(execute, sql, params, many, context):
        captured.append(sql)
        return execute(sql, params, many, context)

    client = Client(HTTP_HOST="127.0.0.1")
    if args.user:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=args.user))
    for path in args.paths:
        for _ in range(3):  # warm memos and connections
            assert client.get(path).status_code == 200, path
        captured.clear()
        with connection.execute_wrapper(capture):  # survives the per-request connection (CONN_MAX_AGE=0)
            client.get(path)
        queries = list(captured)
        start_cpu, start = time.process_time(), time.perf_counter()
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        for _ in range(args.views):
            client.get(path)
        if profiler:
            profiler.disable()
        cpu = (time.process_time() - start_cpu) / args.views * 1000
        wall = (time.perf_counter() - start) / args.views * 1000
        print(f"{path:45} {len(queries):3d} queries  {cpu:6.2f} ms CPU/view  {wall:6.2f} ms wall/view", flush=True)
        if args.sql:
            for sql in queries:
                print("   ", sql[:300])
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    return 0


if __name__ == "__main__":
    sys.exit(main())
