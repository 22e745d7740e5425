from django import template
from django.utils.translation import get_language

from fair.countries import names_of

register = template.Library()


@register.filter
def country_names(codes) -> str:
    """Country codes as names in the reader's language."""
    return names_of(codes, get_language() or "en")
