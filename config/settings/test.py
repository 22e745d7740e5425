import os

from config.env import env_bool, env_int

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page cache is off for the suite (tests/caching/ turns it on): other tests change
# content in ways that bypass signals and would otherwise read earlier tests' pages.
PAGE_CACHE_SECONDS = env_int(os.environ, "PAGE_CACHE_SECONDS", 0)
# Likewise caching.memo's per-process memos would outlive each test's rolled-back data.
CONTENT_MEMO = env_bool(os.environ, "CONTENT_MEMO", False)

# A light proof of work for anonymous saves in tests (editing/pow.py; production uses 16 bits).
EDIT_POW_BITS = 6
