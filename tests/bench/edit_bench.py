"""Time per save from the site's edit form (p50/p95), through Django's test client.

    .venv/bin/python -m tests.bench.edit_bench [--saves 40]

Uses its own SQLite database in var/bench-edit/ (migrated and loaded with the starter
content on the first run). Measures anonymous saves (the proof of work is solved before
the clock starts) on the starter content, on one page with 200 revisions, and saves
that must be merged with a concurrent edit. Not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("BENCH_EDIT_DATA_DIR", ROOT / "var" / "bench-edit"))


def _setup():
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["DATA_DIR"] = str(DATA_DIR)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from home.models import HomePage

    call_command("migrate", verbosity=0)
    from django.db.utils import OperationalError

    try:
        empty = not HomePage.objects.exists()
    except OperationalError:
        empty = True
    if empty:
        call_command("load_content", verbosity=0)


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _timed_saves(pages, saves, *, stale=False):
    from django.test import Client

    from tests.editing.conftest import form_from_html

    times = []
    for n in range(saves):
        page = pages[n % len(pages)]
        url = page.url + "edit/"
        client = Client()
        data = form_from_html(client.get(url).content.decode())  # proof of work solved here
        data["body"] = data["body"].rstrip() + f"\n\nBenchmark paragraph {n} {time.time()}."
        data["summary"] = f"bench {n}"
        if stale:  # someone else saves first: this save must merge
            other = Client()
            theirs = form_from_html(other.get(url).content.decode())
            theirs["body"] = f"Concurrent first line {n}.\n\n" + theirs["body"]
            assert other.post(url, theirs).status_code == 302
        start = time.perf_counter()
        response = client.post(url, data)
        elapsed = time.perf_counter() - start
        assert response.status_code == 302, (response.status_code, response.content[:500])
        times.append(elapsed * 1000)
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument(
        "--production-writes", action="store_true",
        help="as in production: reference- and search-index updates queued in the database for the task worker",
    )
    args = parser.parse_args(argv)
    _setup()
    from django.core.cache import cache
    from django.test.utils import override_settings
    from wagtail.models import Revision

    from wiki.models import CaseStudyPage, DefinitionPage
    from wiki.revisions import save_wiki_revision

    rows = []
    production = {}
    if args.production_writes:
        production = {"TASKS": {"default": {"BACKEND": "search.task_backend.CoalescingDatabaseBackend"}}}
    with override_settings(EDIT_BUDGET_SESSION=(10**6, 600), EDIT_BUDGET_IP=(10**6, 600), ALLOWED_HOSTS=["*"], **production):
        cache.clear()
        starter = list(DefinitionPage.objects.live().filter(locale__language_code="en").exclude(slug="bench-200"))
        starter += list(CaseStudyPage.objects.live().filter(locale__language_code="en"))
        rows.append((f"starter content ({len(starter)} pages)", _timed_saves(starter, args.saves)))

        busy = DefinitionPage.objects.filter(slug="bench-200").first()
        if busy is None:
            from wiki.models import DefinitionIndexPage

            index = DefinitionIndexPage.objects.get(locale__language_code="en")
            busy = DefinitionPage(title="Bench 200", slug="bench-200", body="Line\n" * 50)
            index.add_child(instance=busy)
        existing = Revision.page_revisions.filter(object_id=str(busy.pk)).count()
        for n in range(existing, 200):
            busy.body = busy.body + f"Revision {n}\n"
            save_wiki_revision(busy, summary=f"filler {n}")
        busy.refresh_from_db()
        count = Revision.page_revisions.filter(object_id=str(busy.pk)).count()
        rows.append((f"one page with {count} revisions", _timed_saves([busy], args.saves)))
        rows.append(("merge with a concurrent edit", _timed_saves(starter, args.saves, stale=True)))

    print(f"\nTime per save from the site's edit form ({args.saves} saves each, ms)\n")
    print(f"{'case':<40} {'p50':>8} {'p95':>8} {'mean':>8}")
    for label, times in rows:
        print(f"{label:<40} {_percentile(times, .5):8.1f} {_percentile(times, .95):8.1f} {statistics.mean(times):8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
