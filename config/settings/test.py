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
# Likewise cached fragments and caching.memo's per-process memos would outlive each test's rolled-back data.
FRAGMENT_CACHE_SECONDS = env_int(os.environ, "FRAGMENT_CACHE_SECONDS", 0)
CONTENT_MEMO = env_bool(os.environ, "CONTENT_MEMO", False)

# A light proof of work for anonymous saves in tests (editing/pow.py; production uses 16 bits).
EDIT_POW_BITS = 6

# Each test process (xdist worker) gets its own data folder (Whoosh index, the content
# generation file): a shared one would let one worker's bump retire another's cached results
# in the middle of a test, and the suite would write into the site's own var/.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

DATA_DIR = Path(tempfile.mkdtemp(prefix="wiki-test-data-"))  # noqa: F405
atexit.register(shutil.rmtree, DATA_DIR, True)
WHOOSH_INDEX_DIR = DATA_DIR / "whoosh"
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backend":  # noqa: F405
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "PATH": WHOOSH_INDEX_DIR, "WRITE_TIMEOUT": 2}}
