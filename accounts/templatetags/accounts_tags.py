from django import template

from accounts.watchlist import is_watching as _is_watching
from wiki.models import WikiPage

register = template.Library()


@register.filter
def is_watching(user, page) -> bool:
    return _is_watching(user, page)


@register.filter
def is_wiki_page(page) -> bool:
    return isinstance(page, WikiPage)
