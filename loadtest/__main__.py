"""python -m loadtest: gunicorn on a copy of the site, readers and editors for a while, one worker killed.

Loopback only; every loop stops at the deadline. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from urllib.parse import quote

from loadtest import checks
from loadtest.editors import EDITORS, Target
from loadtest.http import Client, ConnectionFailedError
from loadtest.server import HOST, Site
from loadtest.stats import Stats

SEARCHES = [
    "micro-business", "mikrovirksomhed", "export", "eksport", "shoes", "sko", "Aarhus", "Århus", "konkollega",
    "growth", "vækst", "children's clothes", "børnetøj", "South America", "Sydamerika", "jewellery", "smykker",
    "exchange rate", "valutakurs", "trade fair", "messe", "partnership", "network", "mikrovirksomheder eksport",
]


def discover(client: Client) -> tuple[list[str], list[Target]]:
    """Page paths for readers (every live page of both languages, tags) and pages for editors."""
    response = client.get("/api/v2/pages/?limit=100&fields=_,id,title,html_url,type")
    items = json.loads(response.body)["items"]
    paths, targets = [], []
    for item in items:
        url = item["meta"]["html_url"]
        path = "/" + url.split("://", 1)[-1].split("/", 1)[-1]
        paths.append(path)
        if item["meta"]["type"] in ("wiki.DefinitionPage", "wiki.CaseStudyPage"):
            targets.append(Target(item["id"], path, item["title"]))
    paths += ["/en/tags/", "/da/tags/"]
    return paths, targets


def reader(client: Client, paths: list[str], stats: Stats, deadline: float, search_share: float, rng: random.Random):
    while time.monotonic() < deadline:
        if rng.random() < search_share:
            kind = "search"
            path = f"/{rng.choice(['en', 'da'])}/search/?q={quote(rng.choice(SEARCHES))}"
        else:
            kind, path = "page view", rng.choice(paths)
        try:
            stats.record(kind, client.get(path))
        except ConnectionFailedError as exc:
            stats.connection_error(kind, str(exc))


def editor_loop(editor, targets, stats: Stats, deadline: float, think: float, saves: list, rng: random.Random):
    # Editors arrive one by one, as people do, not all pressing "save" in the same millisecond.
    time.sleep(rng.uniform(0, think))
    while time.monotonic() < deadline:
        target = rng.choice(targets)
        try:
            form, outcome = editor.save(target)
        except ConnectionFailedError as exc:
            stats.connection_error("save", str(exc))
            continue
        stats.record("edit form", form)
        if outcome.response is not None:
            stats.record("save", outcome.response)
            if outcome.acknowledged:
                with stats.lock:
                    saves.append((target.page_id, outcome.marker))
            else:
                with stats.lock:
                    stats.not_acknowledged[outcome.detail[:70] or "?"] += 1
        if think:
            time.sleep(max(0.0, min(rng.uniform(0.5 * think, 1.5 * think), deadline - time.monotonic())))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__)
    parser.add_argument("--port", type=int, default=8350)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--duration", type=float, default=60, help="seconds measured, after the warm-up")
    parser.add_argument("--warmup", type=float, default=5,
                        help="seconds of load before measuring (new worker threads, first index write)")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--editors", type=int, default=10)
    parser.add_argument("--search-share", type=float, default=0.2, help="share of reader requests that search")
    parser.add_argument("--think", type=float, default=0.5, help="mean seconds an editor waits between saves")
    parser.add_argument("--editor", choices=sorted(EDITORS), default=None,
                        help="how editors save (default: the wiki's edit form when present, else the admin)")
    parser.add_argument("--no-kill", action="store_true", help="do not kill a worker mid-run")
    parser.add_argument("--keep", action="store_true", help="keep the run's data folder")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)

    names = [f"loadtest-editor-{i}" for i in range(args.editors)]
    site = Site(port=args.port, workers=args.workers, threads=args.threads)
    print(f"Preparing a copy of the site in {site.data_dir} ... (load average {_load()})", flush=True)
    failures: list[str] = []
    try:
        site.prepare(names)
        site.start()
        probe = Client(HOST, args.port)
        paths, targets = discover(probe)
        editor_class = EDITORS[args.editor] if args.editor else pick_editor(probe, targets)
        print(f"gunicorn pid {site.process.pid}, workers {site.worker_pids()}, "
              f"task worker {site.task_worker_pid()}; {len(paths)} pages, "
              f"{len(targets)} editable; editors save through {editor_class.name}", flush=True)

        editors = []
        for name in names:
            editor = editor_class(Client(HOST, args.port), name, site.editor_password)
            editor.login()
            editors.append(editor)

        stats, saves = Stats(measuring=not args.warmup), []
        deadline = time.monotonic() + args.warmup + args.duration
        threads = [
            threading.Thread(target=reader, args=(Client(HOST, args.port), paths, stats, deadline, args.search_share,
                                                  random.Random(args.seed * 1000 + i)), daemon=True)
            for i in range(args.readers)
        ] + [
            threading.Thread(target=editor_loop, args=(editor, targets, stats, deadline, args.think, saves,
                                                       random.Random(args.seed * 2000 + i)), daemon=True)
            for i, editor in enumerate(editors)
        ]
        for thread in threads:
            thread.start()
        if args.warmup:
            time.sleep(args.warmup)
            with stats.lock:
                stats.measuring = True
        start = time.monotonic()
        killed = None
        if not args.no_kill:
            time.sleep(args.duration / 2)
            killed = site.kill_a_worker()
            print(f"t={time.monotonic() - start:.1f}s: SIGKILL to worker {killed}", flush=True)
        for thread in threads:
            thread.join(timeout=max(1, deadline - time.monotonic() + 40))
        elapsed = time.monotonic() - start
        alive = sum(t.is_alive() for t in threads)
        if alive:
            failures.append(f"{alive} client threads still running after the deadline")
        workers_after = site.worker_pids()

        print()
        print(f"{args.readers} readers, {args.editors} editors ({editor_class.name}, think {args.think}s), "
              f"{args.workers} workers x {args.threads} threads, {elapsed:.1f} s measured after a {args.warmup:g} s warm-up; "
              f"machine load average {_load()} "
              f"on {os.cpu_count()} cores (the load generator and anything else running count too)")
        print(stats.table(elapsed))
        print()
        if killed:
            respawned = len(workers_after) >= args.workers and killed not in workers_after
            print(f"killed worker {killed}; workers afterwards {workers_after} "
                  f"({'respawned' if respawned else 'NOT respawned'})")
            if not respawned:
                failures.append("the killed worker was not replaced")
        for reason, count in stats.not_acknowledged.most_common(5):
            print(f"saves answered but not done: {count} x {reason}")
        conn_errors = sum(stats.connection_errors.values())
        print(f"connection errors (requests in flight on the killed worker, counted apart): {conn_errors}")
        if conn_errors > args.readers + args.editors + 10:
            failures.append(f"{conn_errors} connection errors: more than the requests one worker can hold in flight")
        server_errors = stats.server_errors()
        print(f"5xx answers: {server_errors}")
        if server_errors:
            failures.append(f"{server_errors} answers with status 5xx")
        if not saves and args.editors:
            failures.append("no save was acknowledged")

        site.stop()
        print(f"index updates still queued when the site stopped: {site.queued_tasks()} "
              "(run now by a fresh worker, as after a restart)")
        site.drain_queue()
        result = checks.verify(site.env, saves)
        print(f"saves acknowledged: {result['acknowledged']}; missing from the history: {result['missing_count']} "
              f"{result['missing_from_history'] or ''}")
        print(f"acknowledged markers still in the live text: {result['in_live_text']} (later saves may replace them)")
        print(f"revisions of the edited pages: {result['revisions']}, wiki edit records: {result['edit_meta']}")
        if result["missing_count"]:
            failures.append(f"{result['missing_count']} acknowledged saves are not in the history")
        search = result["search_check"]
        print(f"search index vs database ({search['command']}): {'consistent' if search['ok'] else 'INCONSISTENT'}"
              f" {search.get('checked', '')} {search.get('problems') or search.get('output', '')}".rstrip())
        if not search["ok"]:
            failures.append("the search index does not match the database")
        for line in stats.failures[:5]:
            print("  e.g.", line)
    finally:
        site.stop()
        if args.keep:
            print(f"data kept in {site.data_dir}")
        else:
            site.remove()
    print()
    if failures:
        print("FAILED: " + "; ".join(failures))
        return 1
    print("PASSED: no lost edit, no 5xx, workers respawned, search index consistent")
    return 0


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def pick_editor(client: Client, targets: list[Target]):
    """The wiki's edit form when this branch has it, else Wagtail's admin."""
    if targets and client.get(targets[0].url + "edit/").status in (200, 302, 403):
        return EDITORS["wiki-edit-form"]
    return EDITORS["wagtail-admin"]


if __name__ == "__main__":
    sys.exit(main())
