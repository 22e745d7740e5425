from django import template

from home.navigation import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Links to this page in every language (the page itself, or the other language's home)."""
    page = context.get("page")
    from wagtail.models import Page

    if not isinstance(page, Page):
        page = None
    return language_links(context.get("request"), page)
