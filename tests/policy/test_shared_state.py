"""Anti-spam state is one for every worker under the production settings (issue 18, finding 6).

Two separate Python processes with config.settings.production and no CACHE_URL (what `make serve-prod`
runs for each gunicorn worker) share one database: a challenge solved once is accepted once, and one
session's save budget counts across both.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from editing import conf

ROOT = Path(__file__).resolve().parents[2]

WORKER = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.test import RequestFactory
from editing import budgets, pow

call_command("createcachetable", verbosity=0)
challenge = sys.argv[1] or pow.issue("42")
request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
request.session = type("Session", (), {"session_key": "one-visitor"})()
accepted = pow.verify(challenge, pow.solve(challenge), "42")
saved = sum(budgets.spend(request) for _ in range(int(sys.argv[2])))
print(json.dumps({"challenge": challenge, "accepted": accepted, "saved": saved}))
"""


def run_worker(environ, challenge: str, saves: int) -> dict:
    result = subprocess.run([sys.executable, "-c", WORKER, challenge, str(saves)], env=environ, cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_two_production_processes_share_challenges_and_budgets(tmp_path):
    environ = {key: value for key, value in os.environ.items()
               if key not in ("CACHE_URL", "SEARCH_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="k" * 60, ALLOWED_HOSTS="localhost",
        DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", PYTHONPATH=str(ROOT),
        SECURE_SSL_REDIRECT="0",
    )
    budget = conf.DEFAULTS["EDIT_BUDGET_SESSION"][0]
    first = run_worker(environ, "", 6)
    second = run_worker(environ, first["challenge"], 6)
    print(f"\nworker 1: challenge accepted={first['accepted']}, saves allowed {first['saved']}/6")
    print(f"worker 2: same challenge accepted={second['accepted']}, saves allowed {second['saved']}/6 "
          f"(session budget {budget})")
    assert first["accepted"] and not second["accepted"]
    assert first["saved"] == 6 and first["saved"] + second["saved"] == budget
