import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from config.security import build_policy, policy_for_path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k7Qp2vX9mL4zR8tW1nB6yH3cF5jD0sA-gE_uK2oP9iV7xM4qZ1"


def run_manage(args: list[str], tmp_path, **environ) -> subprocess.CompletedProcess:
    # A production process starts from a clean environment: no test-only switches
    # (the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE may be set in this worker).
    dropped = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base_env = {k: v for k, v in os.environ.items() if not k.endswith("_URL") and k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, "DJANGO_SETTINGS_MODULE": "config.settings.production", "DATA_DIR": str(tmp_path), **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warnings(tmp_path):
    result = run_manage(["check", "--deploy"], tmp_path, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="wiki.example.com")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output.upper()
    assert "System check identified no issues" in output


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"ALLOWED_HOSTS": "wiki.example.com"}, "Set SECRET_KEY"),
        ({"ALLOWED_HOSTS": "wiki.example.com", "SECRET_KEY": "short"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": STRONG_KEY}, "Set ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_a_secret_key_and_hosts(tmp_path, environ, message):
    result = run_manage(["check"], tmp_path, **environ)
    assert result.returncode != 0
    assert message in result.stderr


def test_policy_for_path_picks_the_first_matching_prefix():
    policies = [("/admin/", "admin"), ("/map/", "map")]
    assert policy_for_path("/admin/pages/3/edit/", "site", policies) == "admin"
    assert policy_for_path("/map/world.svg", "site", policies) == "map"
    assert policy_for_path("/en/admin/", "site", policies) == "site"


def test_build_policy():
    assert build_policy({"default-src": ["'self'"], "img-src": ["'self'", "data:"]}) == "default-src 'self'; img-src 'self' data:"


CSP_SETTINGS = {
    "CSP_POLICY": "default-src 'self'",
    "CSP_PATH_POLICIES": [("/admin/", "default-src 'self'; script-src 'self' 'unsafe-inline'")],
    "CSP_REPORT_ONLY": False,
}


@pytest.fixture
def csp_middleware(settings):
    settings.MIDDLEWARE = ["config.security.ContentSecurityPolicyMiddleware", *settings.MIDDLEWARE]
    for name, value in CSP_SETTINGS.items():
        setattr(settings, name, value)


def test_site_pages_get_the_strict_policy(client, starter_content, csp_middleware):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'self'"
    assert b"<script>" not in response.content and b" style=" not in response.content


def test_admin_gets_its_own_policy(client, db, csp_middleware):
    response = client.get("/admin/login/")
    assert response["Content-Security-Policy"] == CSP_SETTINGS["CSP_PATH_POLICIES"][0][1]


def test_report_only_mode(client, starter_content, csp_middleware):
    with override_settings(CSP_REPORT_ONLY=True):
        response = client.get("/en/")
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'self'"
