"""The API's `?search=`: the same backend and the same query understanding as the search page.

Wagtail's own filter hands the raw text to the default backend. This one parses it as the search page
does (quotes, -words, OR, word*), searches with the page's backend, and searches the spelling suggestion
instead when a word is written nowhere in the wiki or nothing is found; the view reports that correction in `meta` (config.api).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from modelsearch.backends.base import FilterFieldError, OrderByFieldError
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from search import adapters

OPERATORS = ("and", "or")


class SearchFilter(BaseFilterBackend):
    """Must come last among the filters: search results cannot be filtered further."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        # Wagtail's tag filter leaves only this marker (no public way to ask); Wagtail's filter refuses it too.
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        text = request.GET["search"]
        operator = request.GET.get("search_operator") or None
        if operator is not None and operator not in OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        order_by_relevance = "order" not in request.GET
        if any(field.name == "locale" for field in queryset.model._meta.get_fields()):
            # The API shows each item's locale: read with the results, not one query per item.
            queryset = queryset.select_related("locale")
        language = request.GET.get("locale") or translation.get_language()
        results, corrected, _suggestion = adapters.corrected_search(
            text, language,
            lambda query, _correction: _search(query, queryset, operator, order_by_relevance),
            found=lambda found: found is not None and found.count() > 0,
        )
        if corrected:
            view.corrected_query = corrected
        return queryset.none() if results is None else results


def _search(text: str, queryset, operator, order_by_relevance: bool):
    """The backend's results for what a reader typed, or None when nothing searchable is left."""
    if operator is not None:
        # An explicit operator asks for Wagtail's plain reading of the words.
        query = text if adapters.query_words(text) else None
    else:
        query, _notices = adapters.parse(text)
    if query is None:
        return None
    try:
        return adapters.backend().search(
            query, queryset, operator=operator, order_by_relevance=order_by_relevance
        )
    except FilterFieldError as error:
        raise BadRequestError(f"cannot filter by '{error.field_name}' while searching (field is not indexed)") from error
    except OrderByFieldError as error:
        raise BadRequestError(f"cannot order by '{error.field_name}' while searching (field is not indexed)") from error
