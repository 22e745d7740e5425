"""The load test's readers and editors (loadtest/), spread over both servers, one server's web worker killed."""

from __future__ import annotations

import random
import threading
import time

from loadtest import checks as load_checks
from loadtest.__main__ import editor_loop, reader
from loadtest.editors import EDITORS, Target
from loadtest.http import Client
from loadtest.server import HOST
from loadtest.stats import Stats

from .checks import Result
from .cluster import Cluster


def run_load(cluster: Cluster, paths: list[str], targets: list[Target], editor_names: list[str], password: str, *,
             readers: int, duration: float, think: float, seed: int = 23) -> tuple[Result, list]:
    result = Result(f"load test over both servers: {readers} readers and {len(editor_names)} editors for "
                    f"{duration:g} s, one of A's web workers killed half-way")
    sites = [cluster.a, cluster.b]
    editors = []
    for i, name in enumerate(editor_names):
        editor = EDITORS["wiki-edit-form"](Client(HOST, sites[i % 2].port), name, password)
        editor.login()
        editors.append(editor)
    stats, saves = Stats(), []
    deadline = time.monotonic() + duration
    threads = [
        threading.Thread(target=reader, args=(Client(HOST, sites[i % 2].port), paths, stats, deadline, 0.2,
                                              random.Random(seed * 1000 + i)), daemon=True)
        for i in range(readers)
    ] + [
        threading.Thread(target=editor_loop, args=(editor, targets, stats, deadline, think, saves,
                                                   random.Random(seed * 2000 + i)), daemon=True)
        for i, editor in enumerate(editors)
    ]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(duration / 2)
    killed = cluster.a.kill_a_worker()
    result.lines.append(f"     t={time.monotonic() - start:.1f}s: SIGKILL to A's gunicorn worker {killed}")
    for thread in threads:
        thread.join(timeout=max(1, deadline - time.monotonic() + 40))
    elapsed = time.monotonic() - start
    result.see(not any(t.is_alive() for t in threads), "every reader and editor finished")
    result.lines.extend("     " + line for line in stats.table(elapsed).splitlines())
    workers_after = cluster.a.worker_pids()
    result.see(killed is not None and killed not in workers_after and len(workers_after) >= cluster.workers,
               f"A's killed worker {killed} replaced: workers now {workers_after}")
    server_errors = stats.server_errors()
    result.see(server_errors == 0, f"5xx answers: {server_errors}")
    conn_errors = sum(stats.connection_errors.values())
    # The connections the killed worker held (one per client at most, keep-alive) fail once; the client reconnects.
    clients_on_a = (readers + len(editors) + 1) // 2
    result.see(conn_errors <= clients_on_a,
               f"connection errors (connections held by the killed worker): {conn_errors}, "
               f"of {clients_on_a} clients on A")
    for reason, count in stats.not_acknowledged.most_common(3):
        result.lines.append(f"     saves answered but not done: {count} x {reason}")
    result.see(bool(saves), f"saves acknowledged: {len(saves)}")
    return result, saves


def verify_saves(cluster: Cluster, saves: list, result: Result) -> None:
    """After both servers stopped: every acknowledged save in the history; the index matches the database."""
    queued = cluster.a.queued_tasks()
    cluster.a.drain_queue()
    found = load_checks.verify(cluster.a.env, saves)
    result.see(found["missing_count"] == 0,
               f"acknowledged saves missing from the history: {found['missing_count']} of {found['acknowledged']} "
               f"{found['missing_from_history'] or ''}".rstrip())
    search = found["search_check"]
    output = (search.get("output") or "").strip().splitlines()
    result.see(search["ok"], f"{search['command']} after the load ({queued} updates still queued at the stop, run by a "
                             f"fresh worker): {output[0] if output else ''}")
