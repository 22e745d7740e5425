"""WAGTAILSEARCH_BACKENDS from SEARCH_URL.

Unset (or `whoosh://`): None, and the settings keep their own default (the
embedded Whoosh index). `opensearch://host:9200/prefix` and
`elasticsearch://host:9200/prefix` (`opensearchs://`/`elasticsearchs://` for
HTTPS, `user:password@` for basic auth) select modelsearch's client-server
backends, with the Danish and English analysers set up by DANISH_ENGLISH_INDEX_SETTINGS
and used through config.search_backends. `database://` selects Wagtail's
database backend (full-text search in PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

# Which text goes through which analyser: the language code of a page's locale
# maps to an analyser defined in DANISH_ENGLISH_INDEX_SETTINGS below.
LANGUAGE_ANALYZERS = {"da": "danish", "en": "english"}

# OpenSearch and Elasticsearch ship `danish` and `english` analysers; we define our
# own under the same names so that Danish also gets the Scandinavian normalisation
# (Aarhus = Århus, Aeroe = Ærø), which would damage English text.
DANISH_ENGLISH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "danish_stop": {"type": "stop", "stopwords": "_danish_"},
                "danish_stemmer": {"type": "stemmer", "language": "danish"},
                "english_stop": {"type": "stop", "stopwords": "_english_"},
                "english_stemmer": {"type": "stemmer", "language": "english"},
                "english_possessive_stemmer": {"type": "stemmer", "language": "possessive_english"},
            },
            "analyzer": {
                "danish": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "danish_stop", "scandinavian_normalization", "danish_stemmer"],
                },
                "english": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["english_possessive_stemmer", "lowercase", "english_stop", "english_stemmer"],
                },
            },
        }
    }
}

CLIENT_SERVER_BACKENDS = {
    "opensearch": "config.search_backends.opensearch",
    "elasticsearch": "config.search_backends.elasticsearch",
}


def search_backends_from_env(environ: Mapping[str, str], whoosh_path: Path | str) -> dict | None:
    """WAGTAILSEARCH_BACKENDS for SEARCH_URL, or None to keep the settings' default.

    `whoosh_path` is where the default Whoosh index lives; `whoosh://` with no path
    means that default too, so both return None.
    """
    url = environ.get("SEARCH_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme == "whoosh":
        if parts.path.rstrip("/") not in ("", str(whoosh_path).rstrip("/")):
            raise ImproperlyConfigured(f"The Whoosh index lives in {whoosh_path}: set DATA_DIR to move it")
        return None
    if scheme == "database":
        # On PostgreSQL, Danish and English analysis (search/backend/postgres.py); elsewhere the stock backend.
        return {"default": {"BACKEND": "search.backend.postgres"}}
    secure = scheme.endswith("s") and scheme[:-1] in CLIENT_SERVER_BACKENDS
    kind = scheme[:-1] if secure else scheme
    if kind not in CLIENT_SERVER_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_URL scheme {scheme!r} is not supported (use opensearch://, elasticsearch://, database://, "
            "or leave SEARCH_URL unset for the built-in Whoosh index)"
        )
    if not parts.hostname:
        raise ImproperlyConfigured(f"SEARCH_URL needs a host, e.g. {kind}://localhost:9200/wiki")
    index_prefix = parts.path.strip("/")
    if "/" in index_prefix:
        raise ImproperlyConfigured("SEARCH_URL path is the index prefix and cannot contain '/'")
    server_url = urlunsplit(("https" if secure else "http", parts.netloc, "", "", ""))
    return {
        "default": {
            "BACKEND": CLIENT_SERVER_BACKENDS[kind],
            "URLS": [server_url],
            # Index names become e.g. `wiki_wagtailcore_page`.
            "INDEX_PREFIX": f"{index_prefix}_" if index_prefix else "",
            "TIMEOUT": 10,
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": DANISH_ENGLISH_INDEX_SETTINGS,
        }
    }
