"""20 concurrent editors × 5 edits each on one page, against a real server (gunicorn, 2 processes × 4 threads).

Every accepted edit must be in the history and in the final text; no 5xx; no "database is locked".
"""

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connection

from tests.editing.conftest import form_from_html
from wiki.models import DefinitionIndexPage, DefinitionPage

EDITORS, EDITS = 20, 5
PORTS = range(8100, 8150)


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8100-8149")


def _line(editor: int, value: str) -> str:
    return f"Editor {editor:02d}: {value}"


@pytest.fixture
def shared_page(transactional_db, content):
    index = DefinitionIndexPage.objects.get(locale__language_code="en")
    body = "\n\n".join(_line(n, "start") for n in range(EDITORS))
    page = DefinitionPage(title="Busy page", slug="busy-page", body=body)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def server(shared_page, tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.editing.live_settings", "PYTHONPATH": str(settings.BASE_DIR)}
    if connection.vendor == "sqlite":
        # The test database lives in memory: the server gets a copy of it in a file.
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / "db.sqlite3")
        connection.connection.backup(target)
        target.close()
        env["DATA_DIR"] = str(tmp_path)
        env.pop("DATABASE_URL", None)
    else:
        db = connection.settings_dict
        user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
        env["DATABASE_URL"] = f"postgres://{user}:{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    port = _free_port()
    log = open(tmp_path / "server.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "-k", "gthread",
         "--threads", "4", "--timeout", "60"],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(base + shared_page.url, timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start: " + (tmp_path / "server.log").read_text())
        yield base, tmp_path
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _editor(base, url, editor, accepted, problems, conflicts):
    session = requests.Session()
    for edit in range(EDITS):
        value = f"edit {edit} by editor {editor}"
        for _attempt in range(20):
            form = session.get(base + url + "edit/", timeout=60)
            if form.status_code != 200:
                problems.append((editor, "GET", form.status_code, form.text[:200]))
                return
            data = form_from_html(form.text, summary=f"editor {editor} edit {edit}", display_name=f"Editor {editor}")
            lines = data["body"].replace("\r\n", "\n").split("\n")
            data["body"] = "\n".join(_line(editor, value) if line.startswith(_line(editor, "")) else line for line in lines)
            data["csrfmiddlewaretoken"] = session.cookies.get("csrftoken")
            response = session.post(base + url + "edit/", data=data, allow_redirects=False, timeout=60,
                                    headers={"Referer": base + url})
            if response.status_code == 302:
                accepted.append((editor, edit, value))
                break
            if response.status_code == 409:  # a conflict is answered by trying again
                conflicts.append(editor)
            else:
                problems.append((editor, edit, response.status_code, response.text[:300]))
                return
        else:
            problems.append((editor, edit, "gave up after conflicts"))


def _rows(tmp_path, page_id):
    if connection.vendor == "sqlite":
        db = sqlite3.connect(tmp_path / "db.sqlite3")
        try:
            metas = db.execute("SELECT summary, status FROM wiki_editmeta WHERE page_id = ?", [page_id]).fetchall()
            body = db.execute("SELECT body FROM wiki_definitionpage WHERE page_ptr_id = ?", [page_id]).fetchone()[0]
        finally:
            db.close()
        return metas, body
    with connection.cursor() as cursor:
        cursor.execute("SELECT summary, status FROM wiki_editmeta WHERE page_id = %s", [page_id])
        metas = cursor.fetchall()
        cursor.execute("SELECT body FROM wiki_definitionpage WHERE page_ptr_id = %s", [page_id])
        return metas, cursor.fetchone()[0]


def test_twenty_concurrent_editors_lose_nothing(server, shared_page):
    base, tmp_path = server
    accepted, problems, conflicts = [], [], []
    threads = [
        threading.Thread(target=_editor, args=(base, shared_page.url, n, accepted, problems, conflicts)) for n in range(EDITORS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    log = (tmp_path / "server.log").read_text(errors="replace")
    merged = sum(" (" in summary for summary, _status in _rows(tmp_path, shared_page.pk)[0])
    print(f"{len(accepted)} edits accepted, {merged} of them merged with a concurrent edit, {len(conflicts)} conflicts retried")
    assert problems == []
    assert "database is locked" not in log and "Traceback" not in log, log[-3000:]
    assert len(accepted) == EDITORS * EDITS
    metas, body = _rows(tmp_path, shared_page.pk)
    # Every accepted edit is in the history, published.
    assert len(metas) == len(accepted)
    assert {summary.split(" (")[0] for summary, _status in metas} == {
        f"editor {editor} edit {edit}" for editor, edit, _value in accepted
    }
    assert {status for _summary, status in metas} == {"live"}
    # The page holds every editor's last edit.
    lines = set(body.split("\n"))
    for editor in range(EDITORS):
        assert _line(editor, f"edit {EDITS - 1} by editor {editor}") in lines
    assert Path(tmp_path).exists()
