"""Translating an approved business into the other language: the add form, filled in from the original.

The new page shares the original's translation key, so Wagtail (and the language switcher) link the
two; it goes through the same policy and review as any new business.
"""

from django.conf import settings

from wiki.models import CaseStudyPage
from wiki.partnerships import parse_partnerships


def source_to_translate(page_id, language: str):
    """The live case study ``page_id`` in another language that has no page in ``language`` yet, or None."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    source = CaseStudyPage.objects.live().filter(pk=page_id).exclude(locale__language_code=language).first()
    if source is None or CaseStudyPage.objects.filter(
        translation_key=source.translation_key, locale__language_code=language
    ).exists():
        return None
    return source


def missing_languages(page) -> list[str]:
    """The site's languages this case study has no page in (live or waiting for review)."""
    have = set(CaseStudyPage.objects.filter(translation_key=page.translation_key)
               .values_list("locale__language_code", flat=True))
    return [code for code, _name in settings.LANGUAGES if code not in have]


def initial_from(source) -> dict:
    """The add form's values from the original (language-neutral facts as they are, text to translate)."""
    values = {name: getattr(source, name) for name in (
        "title", "tagline", "sells", "sector", "staff_count", "years_trading", "town_region",
        "export_share_percent", "sales_channels", "website", "body",
    )}
    values["home_country_name"] = source.home_country
    values["export_countries"] = ", ".join(source.export_market_codes)
    for prefix, text in (("seeks", source.seeks_partners), ("offers", source.offers_partners)):
        first = next(iter(parse_partnerships(text)), None)
        if first is not None:
            values.update({f"{prefix}_kind": first.kind, f"{prefix}_where": ", ".join(first.countries),
                           f"{prefix}_note": first.note})
    values["translation_of"] = source.pk
    return values
