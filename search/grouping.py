"""One search result per page: a page and its translations (one translation group) are one answer.

The index holds each language's version of a page as its own document, and a reader who searches
in Danish and English at once would otherwise see every page twice, the other language's version
sometimes above their own. A group takes the rank of its best-ranked version and is shown in the
preferred language (the reader's, or the language facet's) wherever that version exists and is
among the pages searched; the other versions become links beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Grouped:
    ids: list[int]  # one page per group, in rank order
    pages: dict[int, tuple[int, int, int | None]]  # {id: (content type id, locale id, latest revision id)}, ids and alternates
    alternates: dict[int, list[int]] = field(default_factory=dict)  # {shown id: other versions' ids}


def one_per_page(queryset, ranked_ids: list[int], preferred_locale_id: int | None) -> Grouped:
    """Group ranked_ids (pages of queryset) by translation group, in one query over the groups' versions."""
    if not ranked_ids:
        return Grouped([], {})
    rows = queryset.filter(
        translation_key__in=queryset.filter(pk__in=ranked_ids).values("translation_key")
    ).order_by().values_list(  # ranked below, not by path
        "pk", "content_type_id", "locale_id", "latest_revision_id", "translation_key"
    )
    pages: dict[int, tuple[int, int, int | None]] = {}
    versions: dict[object, list[int]] = {}
    group_of: dict[int, object] = {}
    for pk, content_type_id, locale_id, revision_id, key in rows:
        pages[pk] = (content_type_id, locale_id, revision_id)
        versions.setdefault(key, []).append(pk)
        group_of[pk] = key
    grouped = Grouped([], pages)
    seen = set()
    for pk in ranked_ids:
        key = group_of.get(pk)
        if key is None or key in seen:
            continue
        seen.add(key)
        members = sorted(versions[key])
        shown = next((m for m in members if pages[m][1] == preferred_locale_id), pk)
        grouped.ids.append(shown)
        others = [m for m in members if m != shown]
        if others:
            grouped.alternates[shown] = others
    return grouped
