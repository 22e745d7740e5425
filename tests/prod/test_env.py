import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parents[2]


def test_cache_defaults_to_local_memory():
    caches = env.caches_from_env({})
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize("url", ["redis://cache:6379/1", "rediss://user:pw@cache.example.com:6380/0"])
def test_redis_url_selects_djangos_redis_cache(url):
    caches = env.caches_from_env({"CACHE_URL": url, "CACHE_KEY_PREFIX": "site1"})
    assert caches["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": [url],
        "KEY_PREFIX": "site1",
    }


def test_redis_replicas_are_listed_after_the_primary():
    caches = env.caches_from_env({"CACHE_URL": "redis://primary:6379/0, redis://replica:6379/0"})
    assert caches["default"]["LOCATION"] == ["redis://primary:6379/0", "redis://replica:6379/0"]


def test_unknown_cache_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="memcached"):
        env.caches_from_env({"CACHE_URL": "memcached://localhost:11211"})


def test_email_defaults_to_console():
    assert env.email_settings_from_env({}) == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


def test_smtp_url_with_starttls_and_encoded_password():
    settings = env.email_settings_from_env(
        {"EMAIL_URL": "smtp://wiki%40example.com:p%40ss%2Fword@mail.example.com", "DEFAULT_FROM_EMAIL": "wiki@example.com"}
    )
    assert settings == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "wiki@example.com",
        "EMAIL_HOST_PASSWORD": "p@ss/word",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
        "DEFAULT_FROM_EMAIL": "wiki@example.com",
        "SERVER_EMAIL": "wiki@example.com",
    }


def test_smtps_url_uses_implicit_tls_and_plain_smtp_can_turn_tls_off():
    smtps = env.email_settings_from_env({"EMAIL_URL": "smtps://mail.example.com"})
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (465, True, False)
    relay = env.email_settings_from_env({"EMAIL_URL": "smtp://relay:25?tls=0"})
    assert (relay["EMAIL_PORT"], relay["EMAIL_USE_SSL"], relay["EMAIL_USE_TLS"]) == (25, False, False)


@pytest.mark.parametrize("url", ["smtp://", "sendmail://localhost"])
def test_bad_email_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        env.email_settings_from_env({"EMAIL_URL": url})


def test_csrf_trusted_origins_need_a_scheme():
    assert env.csrf_trusted_origins_from_env({"CSRF_TRUSTED_ORIGINS": "https://a.example, https://b.example,"}) == [
        "https://a.example",
        "https://b.example",
    ]
    with pytest.raises(ImproperlyConfigured, match="https://a.example"):
        env.csrf_trusted_origins_from_env({"CSRF_TRUSTED_ORIGINS": "a.example"})


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("Yes", True), ("off", False), ("", False)])
def test_env_bool(raw, expected):
    assert env.env_bool({"X": raw}, "X", default=not expected) is expected


def test_env_bool_default_and_bad_value():
    assert env.env_bool({}, "X", default=True) is True
    with pytest.raises(ImproperlyConfigured, match="X must be a boolean"):
        env.env_bool({"X": "maybe"}, "X", default=True)


def test_env_int():
    assert env.env_int({"N": " 4 "}, "N", 2) == 4
    assert env.env_int({}, "N", 2) == 2
    with pytest.raises(ImproperlyConfigured, match="N must be a whole number"):
        env.env_int({"N": "four"}, "N", 2)


def settings_under(environ: dict, names: list[str]) -> dict:
    """The given settings as a fresh process computes them from `environ`."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    base_env = {k: v for k, v in os.environ.items() if not k.endswith("_URL")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base_env, "DJANGO_SETTINGS_MODULE": "config.settings.base", **environ},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_settings_read_the_environment(tmp_path):
    settings = settings_under(
        {
            "DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://wiki:secret@db:5432/wiki",
            "CACHE_URL": "redis://cache:6379/0",
            "SEARCH_URL": "opensearch://search:9200/wiki",
            "EMAIL_URL": "smtp://mail.example.com",
            "ALLOWED_HOSTS": "wiki.example.com,www.wiki.example.com",
            "CSRF_TRUSTED_ORIGINS": "https://wiki.example.com",
            "MEDIA_ROOT": str(tmp_path / "uploads"),
        },
        ["DATABASES", "CACHES", "WAGTAILSEARCH_BACKENDS", "EMAIL_HOST", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS",
         "MEDIA_ROOT", "STATIC_ROOT"],
    )
    database = settings["DATABASES"]["default"]
    assert (database["ENGINE"], database["HOST"], database["NAME"]) == ("django.db.backends.postgresql", "db", "wiki")
    assert database["CONN_HEALTH_CHECKS"] is True
    assert settings["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == "config.search_backends.opensearch"
    assert settings["EMAIL_HOST"] == "mail.example.com"
    assert settings["ALLOWED_HOSTS"] == ["wiki.example.com", "www.wiki.example.com"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://wiki.example.com"]
    assert settings["MEDIA_ROOT"] == str(tmp_path / "uploads")
    assert settings["STATIC_ROOT"] == str(tmp_path / "static")


def test_default_settings_are_the_embedded_stack(tmp_path):
    settings = settings_under({"DATA_DIR": str(tmp_path)}, ["DATABASES", "CACHES", "EMAIL_BACKEND"])
    database = settings["DATABASES"]["default"]
    assert database["NAME"] == str(tmp_path / "db.sqlite3")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert "busy_timeout" in database["OPTIONS"]["init_command"]
    assert settings["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
