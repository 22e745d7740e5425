"""After the run: read the database of the run (through manage.py, with the run's settings)."""

from __future__ import annotations

import json

from loadtest.server import manage

# Input on stdin: {"saves": [[page_id, marker], ...]}. Prints one JSON line.
VERIFY = r"""
import json, sys
from django.core.management import get_commands
from wagtail.models import Page, Revision
from wiki.models.editing import EditMeta

saves = json.loads(sys.stdin.read())["saves"]
page_ids = sorted({p for p, _ in saves})
texts = {}
for rev in Revision.page_revisions.filter(object_id__in=[str(p) for p in page_ids]).only("object_id", "content"):
    texts.setdefault(int(rev.object_id), []).append(json.dumps(rev.content, ensure_ascii=False))
missing = [[p, m] for p, m in saves if not any(m in t for t in texts.get(p, []))]
live = {p.pk: p.specific for p in Page.objects.filter(pk__in=page_ids)}
in_live_text = sum(1 for p, m in saves if p in live and m in (getattr(live[p], "body", "") or ""))
result = {
    "acknowledged": len(saves),
    "missing_from_history": missing[:20],
    "missing_count": len(missing),
    "in_live_text": in_live_text,
    "revisions": Revision.page_revisions.filter(object_id__in=[str(p) for p in page_ids]).count(),
    "edit_meta": EditMeta.objects.filter(page_id__in=page_ids).count(),
}

# Search index against the database.
if "search_index_check" in get_commands():
    from io import StringIO
    from django.core.management import call_command
    out = StringIO()
    try:
        call_command("search_index_check", stdout=out, stderr=out)
        result["search_check"] = {"command": "search_index_check", "ok": True, "output": out.getvalue()[-1500:]}
    except BaseException as exc:  # SystemExit or CommandError: inconsistent
        result["search_check"] = {"command": "search_index_check", "ok": False, "output": out.getvalue()[-1500:] + repr(exc)}
else:
    problems = []
    checked = 0
    for page in Page.objects.live().filter(pk__in=page_ids).specific():
        last = next((m for p, m in reversed(saves) if p == page.pk and m in (getattr(page, "body", "") or "")), None)
        queries = [page.title] + ([last] if last else [])
        for query in queries:
            checked += 1
            found = [r.pk for r in Page.objects.live().search(query, operator="and")]
            if page.pk not in found:
                problems.append(f"{query!r} does not find page {page.pk}")
    for page in Page.objects.live().exclude(depth__lte=1).specific()[:40]:
        checked += 1
        if page.pk not in [r.pk for r in Page.objects.live().search(page.title, operator="and")]:
            problems.append(f"title {page.title!r} does not find page {page.pk}")
    result["search_check"] = {"command": "title and marker searches", "ok": not problems,
                              "checked": checked, "problems": problems[:10]}
print("RESULT " + json.dumps(result))
"""


def verify(env: dict, saves: list[tuple[int, str]]) -> dict:
    output = manage(env, "shell", "-c", VERIFY, input_text=json.dumps({"saves": saves}))
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])
