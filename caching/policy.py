"""Which requests the page cache answers, under which key, and which responses it keeps.

Only what every anonymous reader sees alike is cached: GET requests for paths under a
language prefix (/en/, /da/), without a query string (except the search page, cached
briefly per query), from clients carrying no session, message or authorisation, and
never under admin, edit, history, talk, accounts or recent-changes routes. A response
is kept only when it is a plain 200 that sets no cookie (so used no CSRF token and showed
no message), and says nothing against shared caching.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.cache import cc_delim_re

from caching import generation

# Path segments that mark personal or changing routes: never cached.
EXCLUDED_SEGMENTS = frozenset(
    {"admin", "edit", "history", "talk", "accounts", "recent-changes", "login", "logout", "create", "preview"}
)
# Paths (after the language prefix) cached per query string, for SEARCH_CACHE_SECONDS.
QUERY_PATHS = ("search/",)
# Vary values the key already accounts for (Cookie: cookie holders bypass the cache).
HARMLESS_VARY = frozenset({"cookie", "accept-encoding", "accept-language"})
# Cache-Control directives that forbid a shared cache.
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


@dataclass(frozen=True)
class Rule:
    key: str
    seconds: int
    scope: str  # caching.generation: the page's own scope, or the search results'


def _language_prefix(path: str) -> str | None:
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return code
    return None


def _has_private_cookie(request) -> bool:
    cookies = request.COOKIES
    if not cookies:
        return False
    names = (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))
    return any(name in cookies for name in names)


def rule_for(request) -> Rule | None:
    """The cache key and lifetime for ``request``, or None when it must not come from the cache."""
    page_seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
    if page_seconds <= 0 or request.method != "GET":
        return None
    path = request.path
    language = _language_prefix(path)
    if language is None:
        return None
    if EXCLUDED_SEGMENTS.intersection(path.split("/")):
        return None
    if _has_private_cookie(request) or "HTTP_AUTHORIZATION" in request.META:
        return None
    rest = path[len(language) + 2 :]
    query = request.META.get("QUERY_STRING", "")
    seconds, scope = page_seconds, generation.page_scope(path)
    if rest in QUERY_PATHS:
        seconds, scope = getattr(settings, "SEARCH_CACHE_SECONDS", 0), generation.SEARCH_SCOPE
        if seconds <= 0:
            return None
    elif query:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    scheme = "https" if request.is_secure() else "http"
    digest = hashlib.blake2b(f"{scheme}://{host}{path}?{query}".encode(), digest_size=16).hexdigest()
    return Rule(key=digest, seconds=seconds, scope=scope)


def _vary_is_harmless(response) -> bool:
    if not response.has_header("Vary"):
        return True
    return all(v.strip().lower() in HARMLESS_VARY for v in cc_delim_re.split(response["Vary"]) if v.strip())


def _cache_control_allows(response) -> bool:
    value = response.get("Cache-Control", "").lower()
    return not any(directive in value for directive in PRIVATE_DIRECTIVES)


def _user_is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def storable(request, response) -> bool:
    """May ``response`` be served to every anonymous reader of the same URL?

    The middleware below this one set a cookie for anything personal the view touched: a message
    added or shown (the message storage writes or deletes its cookie), a CSRF token used, a session
    written. So a response that sets no cookie showed none of them.
    """
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and _cache_control_allows(response)
        and _vary_is_harmless(response)
        and not _user_is_authenticated(request)
        and b"csrfmiddlewaretoken" not in response.content
    )
