"""The checks of `make test-scaleout`, over HTTP against the two servers (and the database, for the task queue).

Each returns a Result: passed or not, and the lines that say what was seen.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote

from editing.conf import DEFAULTS as EDITING_DEFAULTS
from loadtest.editors import Target, new_marker
from loadtest.http import Client
from loadtest.server import HOST

from .cluster import Cluster
from .visitors import SiteEditor, save

SEARCH_WAIT_SECONDS = 30  # the task worker indexes after the save's commit: how long a search may take to catch up
_TAG_LINK = re.compile(r'href="(/en/tags/[^"/]+/)"')


@dataclass
class Result:
    name: str
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def see(self, ok: bool, line: str) -> bool:
        self.ok = self.ok and ok
        self.lines.append(f"{'ok  ' if ok else 'FAIL'} {line}")
        return ok


def _cache_state(response) -> str:
    return response.headers.get("x-cache", "-")


def tagged_target(client: Client, targets: list[Target]) -> tuple[Target, str, str]:
    """An English page with a tag: (the page, its index's path, one of its tag pages' path)."""
    for target in targets:
        if not target.url.startswith("/en/"):
            continue
        match = _TAG_LINK.search(client.get(target.url).text)
        if match:
            return target, target.url.rstrip("/").rsplit("/", 1)[0] + "/", match.group(1)
    raise RuntimeError("no English page with a tag in the starter content")


def edit_is_live_everywhere(cluster: Cluster, editor_a: SiteEditor, target: Target, index: str, tag: str) -> Result:
    """A title edit saved on A: B's next answers for anonymous readers (from its page cache) carry it."""
    result = Result("an edit on A is live on B (page, index, tag page, search), for readers served from B's cache")
    reader_b = Client(HOST, cluster.b.port)
    marker = new_marker()
    search = f"/en/search/?q={quote(marker)}"
    paths = {"page": target.url, "index": index, "tag page": tag, "search": search}
    for kind, path in paths.items():
        reader_b.get(path)
        again = reader_b.get(path)
        result.see(again.status == 200 and _cache_state(again) == "hit",
                   f"B before the edit, {kind} {path}: {again.status}, X-Cache {_cache_state(again)}")
    editor_a.new_title = f"{target.title} {marker}"
    acknowledged, response, _body_marker = save(editor_a, target)
    editor_a.new_title = None
    result.see(acknowledged, f"A saved the new title “{target.title} {marker}”: {response.status}")
    for kind in ("page", "index", "tag page"):
        answer = reader_b.get(paths[kind])
        result.see(answer.status == 200 and marker in answer.text,
                   f"B's next answer, {kind}: {answer.status}, X-Cache {_cache_state(answer)}, "
                   f"new title {'shown' if marker in answer.text else 'MISSING'}")
        repeat = reader_b.get(paths[kind])
        result.see(marker in repeat.text and _cache_state(repeat) == "hit",
                   f"B again, {kind}: X-Cache {_cache_state(repeat)}, "
                   f"new title {'shown' if marker in repeat.text else 'MISSING'}")
    started = time.monotonic()
    while True:
        answer = reader_b.get(search)
        if target.url in answer.text or time.monotonic() - started > SEARCH_WAIT_SECONDS:
            break
        time.sleep(0.2)
    waited = time.monotonic() - started
    result.see(answer.status == 200 and target.url in answer.text,
               f"B's search for the new word finds the page after {waited:.1f} s (indexed by a task worker; "
               f"X-Cache {_cache_state(answer)})")
    # One save may queue several index tasks; each commit retires cached results, so the cache is asked once
    # the queue is empty: one answer renders, the next must come from the cache.
    cluster.manage("shell", "-c", QUEUE_EMPTY)
    reader_b.get(search)
    repeat = reader_b.get(search)
    result.see(target.url in repeat.text and _cache_state(repeat) == "hit",
               f"B's search again: X-Cache {_cache_state(repeat)}, page {'found' if target.url in repeat.text else 'MISSING'}")
    return result


def challenges_and_budgets_are_shared(cluster: Cluster, target: Target) -> Result:
    result = Result("a challenge solved on A is refused on B; a session's budget counts on both")
    visitor_a = SiteEditor(Client(HOST, cluster.a.port))
    acknowledged, response, _marker = save(visitor_a, target)
    result.see(acknowledged, f"anonymous save on A with a solved challenge: {response.status}")
    replayer = SiteEditor(Client(HOST, cluster.b.port))
    replayer.answer = visitor_a.sent
    acknowledged, response, _marker = save(replayer, target)
    result.see(not acknowledged and response is not None and response.status == 400,
               f"the same challenge and nonce replayed on B: {response.status} "
               f"({'refused' if not acknowledged else 'ACCEPTED'})")
    fresh = SiteEditor(Client(HOST, cluster.b.port))
    acknowledged, response, _marker = save(fresh, target)
    result.see(acknowledged, f"a fresh challenge solved on B, saved on B: {response.status}")

    limit, seconds = EDITING_DEFAULTS["EDIT_BUDGET_SESSION"]
    client_a, client_b = Client(HOST, cluster.a.port), Client(HOST, cluster.b.port)
    client_b.cookies = client_a.cookies  # one browser, one session, whichever server answers
    visitors = [SiteEditor(client_a), SiteEditor(client_b)]
    saved = {"A": 0, "B": 0}
    refusal = None
    for attempt in range(limit + 1):
        name = "AB"[attempt % 2]
        acknowledged, response, _marker = save(visitors[attempt % 2], target)
        if acknowledged:
            saved[name] += 1
        else:
            refusal = (name, response.status)
            break
    result.see(sum(saved.values()) == limit and refusal is not None and refusal[1] == 429,
               f"one session saving on A and B in turn: {saved['A']} saved on A + {saved['B']} on B = "
               f"{sum(saved.values())} (budget {limit} per {seconds} s), then "
               f"{'refused with ' + str(refusal[1]) + ' on ' + refusal[0] if refusal else 'NOT refused'}")
    return result


META_OF = """
from wiki.models.editing import EditMeta
print("META", EditMeta.objects.filter(user__username={name!r}).latest("pk").pk)
"""


def block_reaches_the_other_server(cluster: Cluster, moderator_a, contributor_b: SiteEditor, target: Target) -> Result:
    from loadtest import forms

    result = Result("a block made on A stops the blocked account on B")
    acknowledged, response, _marker = save(contributor_b, target)
    result.see(acknowledged, f"{contributor_b.username} (an account) saves on B before the block: "
                             f"{response.status}")
    meta_id = int(cluster.manage("shell", "-c", META_OF.format(name=contributor_b.username)).split("META")[-1])
    url = f"/admin/moderation/patrol/{meta_id}/block/"
    _action, fields = forms.read_form(moderator_a.client.get(url).text)
    answer = moderator_a.client.post(url, {"csrfmiddlewaretoken": forms.value(fields, "csrfmiddlewaretoken"),
                                           "reason": "scale-out check", "duration": "7"})
    result.see(answer.status in (302, 303), f"a moderator blocks that account on A: {answer.status} -> {answer.location}")
    acknowledged, response, marker = save(contributor_b, target)
    result.see(not acknowledged and response.status == 403,
               f"{contributor_b.username} tries to edit on B after the block: {response.status} "
               f"({'refused' if not acknowledged else 'SAVED'})")
    page = Client(HOST, cluster.b.port).get(target.url)
    result.see(marker not in page.text,
               f"the refused text is not on the page on B ({'absent' if marker not in page.text else 'PRESENT'})")
    return result


# Waits (at most a minute) until the servers' task workers have run every index task queued so far.
QUEUE_EMPTY = """
import time
from django_tasks_db.models import DBTaskResult
from search.task_backend import COALESCED_TASKS
rows = DBTaskResult.objects.filter(task_path__in=COALESCED_TASKS)
deadline = time.monotonic() + 60
while rows.filter(status__in=["READY", "RUNNING"]).exists() and time.monotonic() < deadline:
    time.sleep(0.2)
"""

TASKS_REPORT = QUEUE_EMPTY + """
import json
from collections import Counter
runs = Counter(len(r.worker_ids) for r in rows)
print("TASKS " + json.dumps({
    "statuses": dict(Counter(rows.values_list("status", flat=True))),
    "runs_per_task": {str(k): v for k, v in runs.items()},
    "by_worker": dict(Counter(w for ids in rows.values_list("worker_ids", flat=True) for w in ids)),
    "by_task": dict(Counter(rows.values_list("task_path", flat=True))),
}))
"""


def tasks_ran_once(cluster: Cluster) -> Result:
    result = Result("index tasks queued by both servers ran exactly once; the index matches the database")
    output = cluster.manage("shell", "-c", TASKS_REPORT)
    report = json.loads(output.split("TASKS ", 1)[1])
    statuses, runs = report["statuses"], report["runs_per_task"]
    total = sum(statuses.values())
    result.see(total > 0 and statuses.get("SUCCESSFUL", 0) == total,
               f"{total} index tasks in the database queue, by status: {statuses}")
    result.see(set(runs) == {"1"}, f"task runs per task (worker ids recorded on each): {runs}")
    workers = report["by_worker"]
    result.lines.append(f"     tasks run per task worker (one beside each server): {sorted(workers.values())}")
    result.lines.append(f"     by task: {report['by_task']}")
    try:
        out = cluster.manage("search_index_check")
        result.see(True, "search_index_check: " + out.strip().splitlines()[0])
    except RuntimeError as exc:
        result.see(False, f"search_index_check: {exc}")
    return result
