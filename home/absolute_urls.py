"""Absolute URLs that name the server a client can reach.

Wagtail builds absolute URLs from the Site record (`localhost`, port 80 unless an admin changed it),
so the API's links and the sitemap named a server nobody runs. Here they name the configured public
address (settings.CANONICAL_BASE_URL, from WAGTAILADMIN_BASE_URL in the environment) or, when none
is configured, the scheme and host the request reached.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url(request) -> str:
    """scheme://host[:port] of the site, without a trailing slash."""
    canonical = getattr(settings, "CANONICAL_BASE_URL", "")
    if canonical:
        parts = urlsplit(canonical)
        return f"{parts.scheme}://{parts.netloc}"
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(request, url: str | None) -> str | None:
    """`url` (a path, or an absolute URL on any host) on the site's own address; None stays None."""
    if url is None:
        return None
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return base_url(request) + path
