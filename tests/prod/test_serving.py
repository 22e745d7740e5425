import os
import runpy
import subprocess
import sys
from pathlib import Path

from tests.prod.test_production import STRONG_KEY, run_manage

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "site" / "deploy" / "gunicorn.conf.py"


def load_gunicorn_conf(monkeypatch, **environ) -> dict:
    # The config sets variables for the workers it forks: on a copy here, not on the tests' own environment.
    unset = ("BIND", "HOST", "PORT", "GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_ACCESS_LOG", "SEARCH_URL")
    monkeypatch.setattr(os, "environ", {k: v for k, v in os.environ.items() if k not in unset} | environ)
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_defaults(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    assert conf["wsgi_app"] == "config.wsgi:application"
    assert (conf["bind"], conf["workers"], conf["worker_class"]) == ("127.0.0.1:8000", 2, "gthread")
    assert conf["accesslog"] == "-"


def test_gunicorn_reads_the_environment(monkeypatch):
    conf = load_gunicorn_conf(
        monkeypatch, HOST="10.0.0.5", PORT="8080", GUNICORN_WORKERS="5", GUNICORN_THREADS="2", GUNICORN_ACCESS_LOG="0"
    )
    assert (conf["bind"], conf["workers"], conf["threads"], conf["accesslog"]) == ("10.0.0.5:8080", 5, 2, None)


def test_gunicorn_config_is_valid_for_gunicorn():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", str(GUNICORN_CONF)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test", "HOME": "/tmp"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


STATIC_CHECK = """
import django
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
url = static("css/site.css")
response = Client().get(url, headers={"accept-encoding": "gzip"})
print("|".join([url, str(response.status_code), response["Cache-Control"], response.get("Content-Encoding", "")]))
"""


def test_static_files_are_hashed_compressed_and_cached_for_years(tmp_path):
    result = run_manage(
        ["shell", "-c", STATIC_CHECK], tmp_path, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0"
    )
    assert result.returncode == 0, result.stderr
    url, status, cache_control, encoding = result.stdout.strip().splitlines()[-1].split("|")
    assert url.startswith("/static/css/site.") and url != "/static/css/site.css"
    assert status == "200"
    assert "immutable" in cache_control and "max-age=315360000," in cache_control
    assert encoding == "gzip"
    assert (tmp_path / "static" / "staticfiles.json").exists()
