"""python -m tests.bench.save_profile: queries per save from the site's edit form, and how many run
inside the write transaction (SQLite's write lock), by table; optional cProfile.

Production settings against DATA_DIR (default var/; it writes revisions there), an editor account
(created if missing, so no proof of work), page cache off.

    python -m tests.bench.save_profile [--saves 20] [--profile] [--sql] [PATH]
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import re
import sys
import time

from tests.bench.page_profile import setup

TABLE = re.compile(r'(?:FROM|INTO|UPDATE|JOIN)\s+"?(\w+)"?', re.I)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.save_profile", description=__doc__)
    parser.add_argument("path", nargs="?", default="/en/definitions/konkollega/")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sql", action="store_true", help="print the queries of one save")
    args = parser.parse_args(argv)
    setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client

    from tests.editing.conftest import form_from_html

    user, _ = get_user_model().objects.get_or_create(username="save-profile")
    user.groups.add(*Group.objects.filter(name__in=["Editors"]))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = args.path + "edit/"
    captured = []

    def capture(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append((connection.in_atomic_block, sql, time.perf_counter() - start))

    def save(n):
        data = form_from_html(client.get(url).content.decode(), solve=False)
        data["body"] = data["body"].rstrip() + f"\n\nProfile paragraph {n} {time.time()}."
        data["summary"] = f"profile {n}"
        captured.clear()
        start = time.perf_counter()
        with connection.execute_wrapper(capture):
            response = client.post(url, data)
        assert response.status_code == 302, (response.status_code, response.content[:800])
        return time.perf_counter() - start

    save(0)
    inside = [(sql, t) for atomic, sql, t in captured if atomic]
    by_table = collections.Counter(m.group(1) for sql, _t in inside for m in [TABLE.search(sql)] if m)
    print(f"queries per save: {len(captured)} total, {len(inside)} inside the transaction")
    print("   inside, by table:", ", ".join(f"{t} {n}" for t, n in by_table.most_common()))
    if args.sql:
        for atomic, sql, t in captured:
            print("   ", "T" if atomic else " ", f"{t*1000:6.2f}ms", sql[:200])
    profiler = cProfile.Profile() if args.profile else None
    times = []
    for n in range(1, args.saves + 1):
        if profiler:
            profiler.enable()
        times.append(save(n))
        if profiler:
            profiler.disable()
    times.sort()
    print(f"{args.saves} saves: p50 {times[len(times)//2]*1000:.1f} ms, p95 {times[int(len(times)*.95)-1]*1000:.1f} ms, "
          f"mean {sum(times)/len(times)*1000:.1f} ms (one client)")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
