"""Serve anonymous page views from the page cache (see caching.policy and caching.generation).

Sits just inside the security, static-file and CSP middleware, so a hit skips sessions,
authentication, locale, CSRF and the view, while the security headers are still added to it.
Responses carry ``X-Cache: hit``, ``miss`` (rendered and stored) or ``bypass`` (not cacheable).
"""

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from caching import generation, policy
from caching.conf import PAGES_ALIAS

HEADER = "X-Cache"


def freeze(response) -> tuple:
    headers = [(name, value) for name, value in response.headers.items() if name != HEADER]
    return (response.status_code, headers, response.content)


def thaw(frozen: tuple) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with generation.read_once():
            return self._serve(request)

    def _serve(self, request):
        rule = policy.rule_for(request)
        if rule is None:
            return self.get_response(request)
        # The tokens are read before rendering: content rendered before a publish commits is
        # stored under a token that the publish retires.
        key = f"{generation.key_for(rule.scope)}:{rule.key}"
        cache = caches[PAGES_ALIAS]
        frozen = cache.get(key)
        if frozen is not None:
            response = thaw(frozen)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if policy.storable(request, response):
            # Shared caches in front must not hand this to a logged-in reader either.
            patch_vary_headers(response, ("Cookie",))
            cache.set(key, freeze(response), rule.seconds)
            response[HEADER] = "miss"
        else:
            response[HEADER] = "bypass"
        return response
