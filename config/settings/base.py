"""Settings shared by every environment.

Everything that differs between a laptop and a cluster comes from environment
variables (see site/deploy/env.example); the defaults are the embedded stack:
SQLite in WAL mode and a Whoosh index on local disk.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"
# Runtime state (database, search index, media) lives outside the code.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "home",
    "wiki",
    "search",
    "caching",
    "editing",
    "history",
    "moderation",
    "accounts",
    "talk",
    "fair",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous page views from the page cache (caching/); a hit skips everything below.
    "caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.LocaleMiddleware",
    "editing.middleware.EditSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A blocked account changes nothing in the admin (wiki.policy); log-in throttling (django-axes).
    "moderation.admin_policy.BlockedAdminWritesMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_navigation",
                "caching.context_processors.fragment_cache",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed during a write; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on busy_timeout instead of failing with
    # "database is locked" when one upgrades a read transaction.
    # Kept per thread like any other database's, not opened (with its PRAGMAs) on every request.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Danish, for the interface and the content.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("da", _("Danish"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Oversized bodies get a 400 from Django rather than eating memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Micro-business Wiki"
# The site's public address (scheme://host[:port]), set by `make run`, `make serve-prod` and the deploy
# files: absolute URLs in the API and the sitemap name it; unset, they name the host a request reached.
CANONICAL_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = CANONICAL_BASE_URL or "http://127.0.0.1:8000"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILAPI_SEARCH_ENABLED = True
# No third-party requests from the admin (in any setting): no Gravatar avatars, no release-news check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Finishing a workflow publishes, and stamps a market guide's review date (moderation.workflows).
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.workflows.publish_workflow_state"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:contributions"
LOGOUT_REDIRECT_URL = "/"
WAGTAILAPI_LIMIT_MAX = 100
TAGGIT_CASE_INSENSITIVE = True

# The embedded Whoosh index (search.backend) with Danish and English analysis; SEARCH_URL
# (config/search_config.py) selects OpenSearch/Elasticsearch or the database backend instead.
WHOOSH_INDEX_DIR = DATA_DIR / "whoosh"
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backend", "PATH": WHOOSH_INDEX_DIR},
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Background work (Wagtail's search- and reference-index updates, search.backend.tasks) runs at once, in the
# request, here and in tests; production queues it in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Production configuration from the environment (config/env.py; see site/deploy/env.example) ---
from config import env as _env  # noqa: E402

CACHES = _env.caches_from_env(os.environ)

# --- Page cache (caching/): anonymous page views, retired on every publish; search results briefly ---
from caching.conf import with_page_cache  # noqa: E402

CACHES = with_page_cache(CACHES, os.environ)
# Anti-spam state shared by every worker (spent challenges, budgets): config/env.py; production/Redis override it.
CACHES[_env.SHARED_CACHE_ALIAS] = _env.shared_cache_from_env(os.environ, production=False)
# Proxies in front that append the client's address to X-Forwarded-For (wiki/identity.py; nginx: 1).
TRUSTED_PROXY_COUNT = _env.trusted_proxy_count(os.environ)

# --- Log-in throttling (django-axes): by account and by address, separately; the wiki's own message ---
from datetime import timedelta as _timedelta  # noqa: E402

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = _env.env_int(os.environ, "LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = _timedelta(minutes=_env.env_int(os.environ, "LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "wiki.identity.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.locked_out"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # only failures are recorded, not every log-in
# Log-in records change no page: they must not retire the page cache (caching/signals.py).
PAGE_CACHE_IGNORED_MODELS = ("axes.accessattempt", "axes.accesslog", "axes.accessfailurelog")
PAGE_CACHE_SECONDS = _env.env_int(os.environ, "PAGE_CACHE_SECONDS", 3600)  # 0 turns the page cache off
SEARCH_CACHE_SECONDS = _env.env_int(os.environ, "SEARCH_CACHE_SECONDS", 60)
# {% cache %} fragments every visitor sees alike (header, footer), keyed by the content version.
FRAGMENT_CACHE_SECONDS = _env.env_int(os.environ, "FRAGMENT_CACHE_SECONDS", 3600)
CSRF_TRUSTED_ORIGINS = _env.csrf_trusted_origins_from_env(os.environ)
globals().update(_env.email_settings_from_env(os.environ))
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Persistent connections (conn_max_age above) are checked before reuse, so a restarted server is survived.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Search backend from SEARCH_URL (config/search_config.py); unset keeps the default above ---
from config.search_config import search_backends_from_env  # noqa: E402

WAGTAILSEARCH_BACKENDS = search_backends_from_env(os.environ, WHOOSH_INDEX_DIR) or WAGTAILSEARCH_BACKENDS
