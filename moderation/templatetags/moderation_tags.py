from django import template

from wiki.permissions import is_moderator as _is_moderator
from wiki.permissions import is_protected as _is_protected

register = template.Library()


@register.filter
def is_moderator(user) -> bool:
    return _is_moderator(user)


@register.filter
def is_protected(page) -> bool:
    return _is_protected(page)
