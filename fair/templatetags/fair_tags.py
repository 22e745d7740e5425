from django import template
from django.conf import settings
from django.utils.translation import get_language

from caching.lookups import shared
from fair.countries import names_of
from fair.indexes import case_study_index
from fair.translations import missing_languages
from wiki.models import CaseStudyPage

register = template.Library()


@register.filter
def country_names(codes) -> str:
    """Country codes as names in the reader's language."""
    return names_of(codes, get_language() or "en")


@register.inclusion_tag("fair/_translate_offer.html")
def translation_offers(page):
    """Links to translate a live case study into the languages it has no page in yet."""
    if not isinstance(page, CaseStudyPage) or not page.live:
        return {"offers": []}
    names = dict(settings.LANGUAGES)
    offers = []
    # Every view of a case study asks: kept under the content version, which a new translation changes.
    for code in shared("missing-languages", (page.translation_key,), lambda: missing_languages(page)):
        index = case_study_index(code)
        if index is not None:
            offers.append((names[code], code, f"{index.url}add/?translation_of={page.pk}"))
    return {"offers": offers}
