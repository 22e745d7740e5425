"""Django's LocaleMiddleware, except for the 404s of views outside the language-prefixed URLs.

Django redirects any 404 of an unprefixed path to the same path under the language prefix when that
path exists there; Wagtail's page route under /en/ matches every path, so the API's JSON 404 for
/api/v2/pages/999/ became an HTML redirect to /en/api/v2/pages/999/. A request that was routed to a
view (request.resolver_match) got its answer from that view: it keeps it.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        routed_elsewhere = (
            response.status_code == 404
            and request.resolver_match is not None
            and not translation.get_language_from_path(request.path_info)
        )
        if not routed_elsewhere:
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
