"""The load test's own parts that need no server: form reading, statistics, marker words."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from loadtest import forms
from loadtest.editors import new_marker
from loadtest.http import Client, Response
from loadtest.stats import Stats, percentile

FORM = """
<form method="get" role="search"><input name="q" value="x"></form>
<form method="post" id="edit-form" action="">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="hidden" name="base_revision" value="12">
  <input type="text" name="title" value="Konkollega &amp; co">
  <textarea name="body">
First line
second &lt;b&gt;</textarea>
  <input type="checkbox" name="show" checked><input type="checkbox" name="hide">
  <select name="country"><option value="DK">Denmark</option><option value="SE" selected>Sweden</option></select>
  <select name="first"><option value="a">A</option><option value="b">B</option></select>
  <select name="many" multiple><option value="1" selected>1</option><option value="2" selected>2</option></select>
  <input type="text" name="off" value="x" disabled>
  <button type="submit" name="save" value="1">Save</button>
</form>
"""


def test_read_form_submits_what_a_browser_would():
    action, fields = forms.read_form(FORM, lambda attrs: attrs.get("id") == "edit-form")
    assert action == ""
    assert fields == [
        ("csrfmiddlewaretoken", "tok"),
        ("base_revision", "12"),
        ("title", "Konkollega & co"),
        ("body", "First line\nsecond <b>"),
        ("show", "on"),
        ("country", "SE"),
        ("first", "a"),
        ("many", "1"),
        ("many", "2"),
    ]
    assert forms.value(fields, "base_revision") == "12"
    assert forms.value(forms.replace(fields, "title", "New"), "title") == "New"


def test_read_form_takes_the_first_post_form_by_default():
    _action, fields = forms.read_form(FORM)
    assert ("q", "x") not in fields and ("base_revision", "12") in fields
    assert forms.read_form("<p>no form</p>") == (None, [])


def test_percentiles_and_table():
    assert percentile([], 0.5) == 0.0
    assert percentile([3, 1, 2], 0.5) == 2
    assert percentile(list(range(1, 101)), 0.95) == 95
    stats = Stats()
    stats.record("page view", Response(200, {"x-cache": "hit"}, b"", 0.010))
    stats.record("page view", Response(500, {"x-cache": "miss"}, b"", 0.030))
    stats.connection_error("save", "reset")
    assert stats.server_errors() == 1
    table = stats.table(2.0)
    assert "page view | 2" in table and "200:1 500:1" in table and "1/1" in table


def test_markers_are_distinct_words():
    markers = {new_marker() for _ in range(200)}
    assert len(markers) == 200
    assert all(m.isalpha() and m.islower() and len(m) == 12 for m in markers)


class _KeepAliveHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections = 0

    def setup(self):
        type(self).connections += 1
        super().setup()

    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_a_connection_idle_for_longer_than_the_limit_is_replaced_not_reused():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _KeepAliveHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = Client("127.0.0.1", server.server_port, idle_limit=0.2)
        assert client.get("/").status == 200
        assert client.get("/").status == 200
        assert _KeepAliveHandler.connections == 1  # kept alive while busy
        time.sleep(0.3)
        assert client.get("/").status == 200
        assert _KeepAliveHandler.connections == 2  # a fresh one after the pause
    finally:
        server.shutdown()
        server.server_close()


def test_answers_during_the_warm_up_are_checked_for_5xx_but_not_timed():
    stats = Stats(measuring=False)
    stats.record("save", Response(302, {}, b"", 2.5))
    stats.record("save", Response(500, {}, b"", 0.1))
    assert not stats.seconds["save"]
    assert stats.server_errors() == 1
    stats.measuring = True
    stats.record("save", Response(302, {}, b"", 0.2))
    assert stats.seconds["save"] == [0.2]
    assert stats.server_errors() == 1


def test_the_load_test_runs_the_task_worker_as_production_does():
    """The worker beside gunicorn has the options of the systemd unit and of the compose file."""
    import json

    from loadtest.server import ROOT, WORKER_ARGS

    unit = (ROOT / "site" / "deploy" / "systemd" / "wiki-tasks.service").read_text()
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert exec_start.split("manage.py ", 1)[1].split() == list(WORKER_ARGS)
    compose = (ROOT / "site" / "deploy" / "compose.yaml").read_text()
    assert f"command: {json.dumps(['python', 'manage.py', *WORKER_ARGS])}" in compose
