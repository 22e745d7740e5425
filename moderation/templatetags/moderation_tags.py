from django import template

from caching.pages import shown_as_protected
from wiki.permissions import is_moderator as _is_moderator

register = template.Library()


@register.filter
def is_moderator(user) -> bool:
    return _is_moderator(user)


@register.filter
def is_protected(page) -> bool:
    """For the page tools: memoised per content generation (a protection retires it at once)."""
    return shown_as_protected(page)
