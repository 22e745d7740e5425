"""python -m scaleout: two app servers on one PostgreSQL, one Redis and one task queue, checked over HTTP.

Needs DATABASE_URL (PostgreSQL) and CACHE_URL (redis://): `make test-scaleout` starts private ones on the
loopback (.ci/with-postgres, .ci/with-redis). Exit status 1 when a check fails; everything it started is
stopped and removed, also on failure.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time

from loadtest.__main__ import discover
from loadtest.editors import EDITORS
from loadtest.http import Client
from loadtest.server import HOST, manage

from . import checks, load
from .cluster import Cluster
from .visitors import SiteEditor

CONTRIBUTOR = """
from django.contrib.auth import get_user_model
user, _ = get_user_model().objects.get_or_create(username={name!r})
user.set_password({password!r})
user.save()
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scaleout", description=__doc__)
    parser.add_argument("--ports", type=int, nargs=2, default=(8640, 8641), metavar=("A", "B"))
    parser.add_argument("--duration", type=float, default=30, help="seconds of the load test")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--editors", type=int, default=6)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds an editor waits between saves")
    parser.add_argument("--keep", action="store_true", help="keep the servers' data folders")
    args = parser.parse_args(argv)

    started = time.monotonic()
    cluster = Cluster(ports=tuple(args.ports))
    password = secrets.token_urlsafe(16)
    moderator, contributor = "scaleout-moderator", "scaleout-contributor"
    editor_names = [f"scaleout-editor-{i}" for i in range(args.editors)]
    results: list[checks.Result] = []
    print(f"PostgreSQL {os.environ['DATABASE_URL'].rsplit('@', 1)[-1]}, Redis {os.environ['CACHE_URL']}, "
          f"servers A :{args.ports[0]} and B :{args.ports[1]}", flush=True)
    try:
        cluster.a.editor_password = password
        cluster.prepare([moderator, *editor_names])
        manage(cluster.a.env, "shell", "-c", CONTRIBUTOR.format(name=contributor, password=password))
        print(f"prepared (migrate, starter content, index, accounts) in {time.monotonic() - started:.0f} s", flush=True)
        cluster.start()
        print(f"started: A gunicorn {cluster.a.process.pid} + task worker {cluster.a.task_worker_pid()}, "
              f"B gunicorn {cluster.b.process.pid} + task worker {cluster.b.task_worker_pid()}", flush=True)

        paths, targets = discover(Client(HOST, cluster.a.port))
        target, index, tag = checks.tagged_target(Client(HOST, cluster.b.port), targets)
        print(f"page under test: {target.url} (index {index}, tag page {tag})", flush=True)

        editor_a = SiteEditor(Client(HOST, cluster.a.port), moderator, password)
        editor_a.login()
        results.append(checks.edit_is_live_everywhere(cluster, editor_a, target, index, tag))
        _report(results[-1])
        results.append(checks.challenges_and_budgets_are_shared(cluster, target))
        _report(results[-1])
        moderator_a = EDITORS["wagtail-admin"](Client(HOST, cluster.a.port), moderator, password)
        moderator_a.login()
        contributor_b = SiteEditor(Client(HOST, cluster.b.port), contributor, password)
        contributor_b.login()
        results.append(checks.block_reaches_the_other_server(cluster, moderator_a, contributor_b, target))
        _report(results[-1])
        results.append(checks.tasks_ran_once(cluster))
        _report(results[-1])

        load_result, saves = load.run_load(cluster, paths, targets, editor_names, password, readers=args.readers,
                                           duration=args.duration, think=args.think)
        cluster.stop()
        load.verify_saves(cluster, saves, load_result)
        results.append(load_result)
        _report(results[-1])
    except Exception as exc:  # a step that could not run is a failed check, reported with the rest
        failed = checks.Result("the run itself", ok=False)
        failed.lines.append(f"FAIL {type(exc).__name__}: {exc}")
        results.append(failed)
        _report(failed)
        for site in cluster.sites.values():
            if site.log_path and site.log_path.exists():
                print(f"--- end of {site.log_path} ---\n{site.log_path.read_text()[-2000:]}")
    finally:
        cluster.stop()
        if args.keep:
            print("data kept in " + ", ".join(str(s.data_dir) for s in cluster.sites.values()))
        else:
            cluster.remove()

    print()
    print(f"Summary ({time.monotonic() - started:.0f} s):")
    for result in results:
        print(f"  {'PASSED' if result.ok else 'FAILED'}  {result.name}")
    return 0 if results and all(r.ok for r in results) else 1


def _report(result: checks.Result) -> None:
    print(f"\n== {result.name}: {'PASSED' if result.ok else 'FAILED'}")
    for line in result.lines:
        print("   " + line)
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
