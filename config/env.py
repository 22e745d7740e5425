"""Settings read from environment variables, as plain functions of a mapping.

Each function takes the environment as an argument (settings pass
``os.environ``), so tests call them with a plain dict. Bad values raise
ImproperlyConfigured at start-up rather than failing on the first request.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(environ: Mapping[str, str], name: str, default: bool) -> bool:
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {environ[name]!r}")


def env_int(environ: Mapping[str, str], name: str, default: int) -> int:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(environ: Mapping[str, str], name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; blanks are dropped, so `a, b,` is ['a', 'b']."""
    if name not in environ:
        return list(default or [])
    return [item.strip() for item in environ[name].split(",") if item.strip()]


def caches_from_env(environ: Mapping[str, str]) -> dict:
    """CACHES from CACHE_URL: unset/`locmem://` (per process), `redis://`/`rediss://`, `dummy://`."""
    url = environ.get("CACHE_URL", "").strip()
    key_prefix = environ.get("CACHE_KEY_PREFIX", "wiki")
    scheme = urlsplit(url).scheme if url else "locmem"
    if scheme == "locmem":
        default = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "wiki"}
    elif scheme in ("redis", "rediss"):
        # Several comma-separated URLs: the first is written to, the others are read replicas.
        default = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": [u.strip() for u in url.split(",") if u.strip()],
        }
    elif scheme == "dummy":
        default = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(f"CACHE_URL scheme {scheme!r} is not supported (use locmem://, redis://, rediss://)")
    default["KEY_PREFIX"] = key_prefix
    return {"default": default}


SHARED_CACHE_ALIAS = "shared"
SHARED_CACHE_TABLE = "wiki_shared_cache"


def shared_cache_from_env(environ: Mapping[str, str], *, production: bool) -> dict:
    """The ``shared`` cache: anti-spam state every worker must see alike (spent challenges, save budgets).

    Redis when CACHE_URL names it; otherwise, in production, Django's database cache (the table
    ``wiki_shared_cache``, made by ``manage.py createcachetable``): no extra service, yet one state for
    all gunicorn workers. Local memory only outside production (one process: runserver, tests).
    """
    url = environ.get("CACHE_URL", "").strip()
    key_prefix = environ.get("CACHE_KEY_PREFIX", "wiki") + ":shared"
    if urlsplit(url).scheme in ("redis", "rediss"):
        location = [u.strip() for u in url.split(",") if u.strip()]
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location, "KEY_PREFIX": key_prefix}
    if production:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": SHARED_CACHE_TABLE,
                "KEY_PREFIX": key_prefix, "OPTIONS": {"MAX_ENTRIES": 100_000}}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "wiki-shared",
            "KEY_PREFIX": key_prefix, "OPTIONS": {"MAX_ENTRIES": 100_000}}


def trusted_proxy_count(environ: Mapping[str, str]) -> int:
    """TRUSTED_PROXY_COUNT: how many proxies in front of the app append to X-Forwarded-For (nginx: 1).

    0 (the default) ignores the header: the client's address is REMOTE_ADDR. Set it only when every
    request comes through that many proxies, or clients could choose their own address.
    """
    count = env_int(environ, "TRUSTED_PROXY_COUNT", 0)
    if count < 0:
        raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more, not {count}")
    return count


EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def email_settings_from_env(environ: Mapping[str, str]) -> dict:
    """EMAIL_* settings from EMAIL_URL; the console backend when it is unset.

    `smtp://user:password@host:587` uses STARTTLS unless `?tls=0`; `smtps://host:465` uses
    implicit TLS. Percent-encode special characters in the user and password.
    """
    url = environ.get("EMAIL_URL", "").strip() or "console://"
    parts = urlsplit(url)
    if parts.scheme not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {parts.scheme!r} is not supported (use {', '.join(EMAIL_BACKENDS)})")
    settings = {"EMAIL_BACKEND": EMAIL_BACKENDS[parts.scheme]}
    if parts.scheme in ("smtp", "smtps"):
        if not parts.hostname:
            raise ImproperlyConfigured("EMAIL_URL needs a host, e.g. smtp://user:password@mail.example.com:587")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        implicit_tls = parts.scheme == "smtps"
        settings.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=parts.port or (465 if implicit_tls else 587),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=implicit_tls,
            EMAIL_USE_TLS=not implicit_tls and env_bool(query, "tls", True),
            EMAIL_TIMEOUT=env_int(query, "timeout", 10),
        )
    if environ.get("DEFAULT_FROM_EMAIL"):
        settings["DEFAULT_FROM_EMAIL"] = settings["SERVER_EMAIL"] = environ["DEFAULT_FROM_EMAIL"]
    return settings


def csrf_trusted_origins_from_env(environ: Mapping[str, str]) -> list[str]:
    """CSRF_TRUSTED_ORIGINS, each with its scheme (Django requires `https://host`)."""
    origins = env_list(environ, "CSRF_TRUSTED_ORIGINS")
    for origin in origins:
        if "://" not in origin:
            raise ImproperlyConfigured(f"CSRF_TRUSTED_ORIGINS entries need a scheme, e.g. https://{origin}")
    return origins
