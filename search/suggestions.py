"""Titles suggested as the reader types (autocomplete), from both languages."""

import logging

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page

from search import adapters
from search.facets import type_label
from search.service import searchable_pages

logger = logging.getLogger(__name__)

MIN_LENGTH = 2
LIMIT = 8


def _autocomplete(text: str) -> list[Page]:
    try:
        return list(adapters.backend().autocomplete(text, searchable_pages())[:LIMIT])
    except Exception:  # a backend without autocomplete, or odd input: use titles
        logger.info("autocomplete fell back to title matching for %r", text, exc_info=True)
    words = adapters.query_words(text)
    if not words:
        return []
    queryset = searchable_pages()
    for word in words:
        queryset = queryset.filter(title__icontains=word)
    return list(queryset.order_by("title")[:LIMIT])


def suggestions(text: str) -> list[dict]:
    if len(text) < MIN_LENGTH or not adapters.query_words(text):
        return []
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    result = []
    for page in _autocomplete(text):
        result.append({
            "title": page.title,
            "url": page.url or "",
            "language": codes.get(page.locale_id, ""),
            "type": type_label(ContentType.objects.get_for_id(page.content_type_id)),
        })
    return result
