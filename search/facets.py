"""Facets of the search page: page type, language, tag, export country.

Counts are taken over the ranked result ids that resolved to live pages (at most
service.MAX_RESULTS, the best 200): page type and language from the one query that resolved
them, tags with one query over every tag table (shared with the result rows), export countries
with one more. Choosing a facet narrows the results (type and language in the backend's
filters, tag and country on the ranked ids).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from caching.memo import GenerationDict, per_generation
from wiki.countries import COUNTRY_CODES, country_name, parse_codes
from wiki.models import CaseStudyPage
from wiki.models.tags import TAGGED_ITEM_MODELS

FACET_NAMES = ("type", "lang", "tag", "country")
MAX_TAGS = 15
_TYPE_RE = re.compile(r"^[a-z_]{1,50}\.[a-z_]{1,80}$")


@dataclass
class Choices:
    """The facets a reader picked (validated; unknown values are dropped)."""

    type: str = ""
    lang: str = ""
    tag: str = ""
    country: str = ""
    dropped: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params) -> Choices:
        choices = cls()
        page_type = (params.get("type") or "").strip().lower()[:140]
        if page_type:
            if page_content_type(page_type) is not None:
                choices.type = page_type
            else:
                choices.dropped.append("type")
        lang = (params.get("lang") or "").strip().lower()[:10]
        if lang:
            if lang in dict(settings.LANGUAGES):
                choices.lang = lang
            else:
                choices.dropped.append("lang")
        tag = (params.get("tag") or "").strip()[:100]
        if tag:
            choices.tag = tag
        country = (params.get("country") or "").strip().upper()[:2]
        if country:
            if country in COUNTRY_CODES:
                choices.country = country
            else:
                choices.dropped.append("country")
        return choices

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FACET_NAMES if getattr(self, name)}


def page_content_type(value: str) -> ContentType | None:
    """'wiki.definitionpage' -> its ContentType, when it is a page type."""
    if not _TYPE_RE.match(value):
        return None
    app_label, model = value.split(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None
    model_class = content_type.model_class()
    if model_class is None or not issubclass(model_class, Page):
        return None
    return content_type


def type_label(content_type: ContentType) -> str:
    model_class = content_type.model_class()
    return str(model_class._meta.verbose_name).capitalize() if model_class else content_type.model


def type_key(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def language_label(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


@per_generation
def locales_by_id() -> dict[int, Locale]:
    """{locale id: Locale} (a handful of rows, read once per content generation)."""
    return {locale.pk: locale for locale in Locale.objects.all()}


def locale_codes() -> dict[int, str]:
    """{locale id: language code}."""
    return {pk: locale.language_code for pk, locale in locales_by_id().items()}


def filter_queryset(queryset, choices: Choices):
    """Type and language go into the backend's filters (both are FilterFields of Page)."""
    if choices.type:
        queryset = queryset.filter(content_type=page_content_type(choices.type))
    if choices.lang:
        locale = next((loc for loc in locales_by_id().values() if loc.language_code == choices.lang), None)
        queryset = queryset.filter(locale=locale) if locale else queryset.none()
    return queryset


def is_chosen_tag(chosen: str, slug: str, name: str) -> bool:
    """The tag choice names this tag: by its slug, or by its name in any case."""
    return bool(chosen) and (chosen == slug or chosen.casefold() == name.casefold())


def _token_regex(code: str) -> str:
    return r"(^|[\s,])" + re.escape(code) + r"([\s,]|$)"


def exporting_ids(page_ids: list[int], country: str) -> set[int]:
    rows = CaseStudyPage.objects.filter(pk__in=page_ids, export_markets__iregex=_token_regex(country))
    return set(rows.values_list("pk", flat=True))


def narrow(page_ids: list[int], choices: Choices, tags: dict[int, list[tuple[str, str]]]) -> list[int]:
    """Keep the ranked ids that have the chosen tag and export country (rank order kept).

    tags: tags_of(page_ids).
    """
    if not page_ids or not (choices.tag or choices.country):
        return page_ids
    keep = set(page_ids)
    if choices.tag:
        keep = {pk for pk in keep if any(is_chosen_tag(choices.tag, *tag) for tag in tags.get(pk, ()))}
    if choices.country:
        keep &= exporting_ids(page_ids, choices.country)
    return [pk for pk in page_ids if pk in keep]


def tag_models_for(content_type_ids) -> list:
    """The tag through-models of the page types among content_type_ids (saves empty queries)."""
    wanted = set(content_type_ids)
    return [
        model for model in TAGGED_ITEM_MODELS
        if ContentType.objects.get_for_model(model._meta.get_field("content_object").related_model).pk in wanted
    ]


# A page's tags, kept per process until the content changes: a tag change is never confined to its
# page (wiki.cache_scope), so it retires these. Popular pages come back in one search after another.
_TAGS_OF_PAGE = GenerationDict(max_values=50_000)


def tags_of(page_ids: list[int], content_type_ids) -> dict[int, list[tuple[str, str]]]:
    """{page id: [(tag slug, tag name)] in name order} (pages without tags left out), in one query over
    every page type's tag table for the pages not already known."""
    def read(missing):
        found = _read_tags(missing, content_type_ids)
        return {pk: found.get(pk, []) for pk in missing}

    return {pk: tags for pk, tags in _TAGS_OF_PAGE.get_or_read_many(page_ids, read).items() if tags}


def _read_tags(page_ids: list[int], content_type_ids) -> dict[int, list[tuple[str, str]]]:
    models = tag_models_for(content_type_ids)
    tags: dict[int, list[tuple[str, str]]] = {}
    if not models or not page_ids:
        return tags
    with connection.cursor() as cursor:
        for start in range(0, len(page_ids), _IDS_PER_QUERY):
            chunk = [int(pk) for pk in page_ids[start:start + _IDS_PER_QUERY]]
            cursor.execute(_tags_sql(tuple(models), len(chunk)), chunk * len(models))
            for page_id, slug, name in cursor.fetchall():
                tags.setdefault(page_id, []).append((slug, name))
    for page_tags in tags.values():
        page_tags.sort(key=lambda tag: tag[1])
    return tags


_IDS_PER_QUERY = 250  # MAX_RESULTS ids in one query; SQLite allows 32,766 parameters in all


_TAGS_SELECT = (
    "SELECT item.{page}, tag.{slug}, tag.{name} FROM {items} item INNER JOIN {tags} tag ON tag.{id} = item.{tag_id} "
    "WHERE item.{page} IN ({ids})"
)


@lru_cache(maxsize=64)
def _tags_sql(models: tuple, count: int) -> str:
    """One SELECT per page type's tag table, as UNION ALL. Written out rather than built with the ORM:
    Django prepared each of the ~200 ids per table through the foreign key's field and compiled the
    union, most of the query's time."""
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * count)
    selects = []
    for model in models:
        tag_field = model._meta.get_field("tag")
        tag = tag_field.related_model._meta
        names = {
            "items": quote(model._meta.db_table),
            "page": quote(model._meta.get_field("content_object").column),
            "tag_id": quote(tag_field.column),
            "tags": quote(tag.db_table),
            "id": quote(tag.pk.column),
            "slug": quote(tag.get_field("slug").column),
            "name": quote(tag.get_field("name").column),
        }
        selects.append(_TAGS_SELECT.format(**names, ids=placeholders))
    return " UNION ALL ".join(selects)


# A case study's export markets, kept per process until the content changes, as its tags are: the facts
# are shown on other pages too (lists, maps), so a change of them is never confined to its page.
_MARKETS_OF_PAGE = GenerationDict(max_values=50_000)


def export_markets_of(case_study_ids: list[int]) -> dict[int, str]:
    """{case study id: its export markets as stored}, in one query for those not already known."""
    def read(missing):
        # Only the case studies' ids: with all 200, Django's preparing of the ids was most of the query's time.
        rows = CaseStudyPage.objects.filter(pk__in=missing).order_by().values_list("pk", "export_markets")
        return {pk: markets or "" for pk, markets in rows}

    return _MARKETS_OF_PAGE.get_or_read_many(case_study_ids, read) if case_study_ids else {}


def count_facets(
    page_ids: list[int],
    pages: dict[int, tuple[int, int]],
    tags: dict[int, list[tuple[str, str]]],
    choices: Choices,
    language: str,
) -> dict[str, list[dict]]:
    """{facet: [{"value", "label", "count", "selected"}]} over page_ids, biggest first.

    pages: {id: (content type id, locale id)} and tags: tags_of(), for (at least) every id in page_ids.
    """
    facets: dict[str, list[dict]] = {name: [] for name in FACET_NAMES}
    if not page_ids:
        return facets
    types: Counter = Counter(pages[pk][0] for pk in page_ids)
    locales: Counter = Counter(pages[pk][1] for pk in page_ids)
    for content_type_id, n in types.items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        key = type_key(content_type)
        facets["type"].append(
            {"value": key, "label": type_label(content_type), "count": n, "selected": key == choices.type}
        )
    codes = locale_codes()
    for locale_id, n in locales.items():
        code = codes.get(locale_id, "")
        facets["lang"].append(
            {"value": code, "label": language_label(code), "count": n, "selected": code == choices.lang}
        )
    tag_counts: Counter = Counter()
    names: dict[str, str] = {}
    for pk in page_ids:
        for slug, name in dict(tags.get(pk, ())).items():
            tag_counts[slug] += 1
            names[slug] = name
    for slug, n in tag_counts.most_common(MAX_TAGS):
        facets["tag"].append({
            "value": slug, "label": names[slug], "count": n,
            "selected": is_chosen_tag(choices.tag, slug, names[slug]),
        })
    countries: Counter = Counter()
    case_study_type = ContentType.objects.get_for_model(CaseStudyPage).pk
    case_studies = [pk for pk in page_ids if pages[pk][0] == case_study_type]
    for markets in export_markets_of(case_studies).values():
        countries.update(code for code in parse_codes(markets) if code in COUNTRY_CODES)
    for code, n in countries.items():
        facets["country"].append(
            {"value": code, "label": country_name(code, language), "count": n, "selected": code == choices.country}
        )
    for name in ("type", "lang", "country"):
        facets[name].sort(key=lambda item: (-item["count"], item["label"]))
    # A chosen value the counts did not include still shows, so it can be removed.
    for name, value in choices.as_dict().items():
        if not any(item["selected"] for item in facets[name]):
            facets[name].insert(0, {"value": value, "label": chosen_label(name, value, language),
                                    "count": 0, "selected": True})
    return facets


def chosen_label(name: str, value: str, language: str) -> str:
    if name == "type":
        content_type = page_content_type(value)
        return type_label(content_type) if content_type else value
    if name == "lang":
        return language_label(value)
    if name == "country":
        return country_name(value, language)
    return value


def facet_titles() -> dict[str, str]:
    return {
        "type": _("Page type"),
        "lang": _("Language"),
        "tag": _("Tag"),
        "country": _("Export country"),
    }
