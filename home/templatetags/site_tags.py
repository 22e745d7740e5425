from django import template
from wagtail.models import Page

from home.navigation import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Links to this page in every language (the page itself, or the other language's home)."""
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    request = context.get("request")
    if request is None:
        return language_links(request, page)
    # The head and the header both ask: work it out once per request.
    memo = request.__dict__.setdefault("_language_links", {})
    key = page.pk if page is not None else None
    if key not in memo:
        memo[key] = language_links(request, page)
    return memo[key]
