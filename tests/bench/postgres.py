"""python -m tests.bench.postgres: the relevance set (tests/bench/relevance.py) on PostgreSQL.

Needs DATABASE_URL (an empty PostgreSQL database: `.ci/with-postgres` makes one); `make bench` runs it after the
SQLite benchmarks when PostgreSQL is installed. Loads the starter content and the planted pages, builds each
index, and prints MRR and nDCG@10 (overall and per kind of query) for our Whoosh index, search in two languages
on PostgreSQL (`SEARCH_URL=database://`) and Wagtail's stock PostgreSQL search, ranked as the search page lists
them (tests.bench.run.measure_relevance).
"""

from __future__ import annotations

import os
import sys
import time
from io import StringIO
from pathlib import Path

COLUMNS = (("default", "Whoosh (ours)"), ("postgres", "PostgreSQL, da+en (ours)"), ("database", "PostgreSQL, stock"))


def setup() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name an empty PostgreSQL database (e.g. through .ci/with-postgres)")
    data_dir = Path(os.environ.get("BENCH_DATA_DIR", Path(__file__).resolve().parents[2] / "var" / "bench-postgres"))
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings_postgres"
    import django

    django.setup()


def main() -> int:
    from django.core.management import call_command
    from django.db import connection

    from . import relevance
    from .loader import load_pages
    from .run import measure_relevance, page_names, say

    started = time.perf_counter()
    say(f"\nRelevance on PostgreSQL {connection.cursor().connection.info.server_version // 10000} "
        "(starter content and the planted pages)")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_content", "--if-empty", verbosity=0)
    names = page_names(load_pages(relevance.PLANTED))
    results = {}
    for alias, label in COLUMNS:
        call_command("update_index", backend_name=alias, stdout=StringIO())
        results[label] = measure_relevance(alias, names)
    labels = [label for _alias, label in COLUMNS]
    rows = [("relevance MRR", [f"{results[lb]['mrr']:.3f}" for lb in labels]),
            ("relevance nDCG@10", [f"{results[lb]['ndcg']:.3f}" for lb in labels])]
    kinds = sorted({kind for lb in labels for kind in results[lb]["by_kind"]})
    rows += [(f"  MRR, {kind} queries", [f"{results[lb]['by_kind'].get(kind, (0, 0))[0]:.3f}" for lb in labels])
             for kind in kinds]
    say("\n| measure | " + " | ".join(labels) + " |")
    say("|---|" + "---|" * len(labels))
    for name, values in rows:
        say(f"| {name} | " + " | ".join(values) + " |")
    misses = [d for d in results[COLUMNS[1][1]]["details"] if d["rr"] < 1]
    say(f"\nPostgreSQL (ours): {len(misses)} of {len(relevance.QUERIES)} queries without the best page first:")
    for detail in misses:
        say(f"  {detail['kind']:9} {detail['query']!r}: rr {detail['rr']:.2f}, top 3 {detail['top3']}")
    say(f"\nTotal {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    setup()
    sys.exit(main())
