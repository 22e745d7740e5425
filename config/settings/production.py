"""Production: DEBUG off, secrets and hosts from the environment, HTTPS, security headers,
static files from WhiteNoise (compressed, hashed names, cached for a year), logs to stdout.

Behind a TLS-terminating proxy (nginx in site/deploy/), set BEHIND_TLS_PROXY=1 so Django
trusts its X-Forwarded-Proto header. `make serve-prod` turns the HTTPS settings off for
plain HTTP on the loopback; never do that on a public address.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.env import SHARED_CACHE_ALIAS, env_bool, env_int, shared_cache_from_env
from config.security import build_policy

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:  # also refuses base.py's development key
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of 50 or more characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated (e.g. wiki.example.com)")

# Spent challenges and save budgets: one state for every worker (the database cache unless CACHE_URL is Redis).
CACHES[SHARED_CACHE_ALIAS] = shared_cache_from_env(os.environ, production=True)  # noqa: F405

# --- HTTPS ---
if env_bool(os.environ, "BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool(os.environ, "SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool(os.environ, "SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = env_int(os.environ, "SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(os.environ, "SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool(os.environ, "SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a deliberate submission to the browsers' list, not a default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Security headers ---
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override it with SAMEORIGIN for the admin.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

_SITE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CSP_POLICY = build_policy(_SITE_CSP)
_ADMIN_CSP = build_policy(
    _SITE_CSP
    | {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
)
CSP_PATH_POLICIES = [
    ("/admin/", _ADMIN_CSP),
    ("/map/", build_policy(_SITE_CSP | {"style-src": ["'self'", "'unsafe-inline'"]})),
]
CSP_REPORT_ONLY = env_bool(os.environ, "CSP_REPORT_ONLY", False)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    *[m for m in MIDDLEWARE if m != "django.middleware.security.SecurityMiddleware"],
]

# --- Static files: compressed, content-hashed names; WhiteNoise serves hashed ones as immutable for 10 years ---
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Files without a hash in their name (only reachable by guessing) are cached for an hour.
WHITENOISE_MAX_AGE = 3600

# --- Logging: everything to stdout, for the process manager or container runtime ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
    },
}

# --- Background work: a queue in the database, worked off by one `manage.py db_worker` process ---
# The task row is written in the save's own transaction: committed with the save or not at all, so a process
# that dies after the commit loses nothing. One worker process keeps Whoosh to one writer at a time
# (site/deploy/: systemd, compose, `make serve-prod`). An update still waiting for the same object stands for
# a new one (search.task_backend.CoalescingDatabaseBackend).
TASKS = {"default": {"BACKEND": "search.task_backend.CoalescingDatabaseBackend"}}
