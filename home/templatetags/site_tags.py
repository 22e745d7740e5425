from django import template
from django.utils import translation

from caching.memo import GenerationDict
from home.navigation import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Links to this page in every language (the page itself, or the other language's home)."""
    page = context.get("page")
    from wagtail.models import Page

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


_fragments: dict[str, GenerationDict] = {}  # one per name: values a visitor picks (a path) crowd out no other


class MemoFragmentNode(template.Node):
    def __init__(self, fragments: GenerationDict, vary_on: list, nodelist):
        self.fragments = fragments
        self.vary_on = vary_on
        self.nodelist = nodelist

    def render(self, context):
        key = (translation.get_language(), *(str(value.resolve(context)) for value in self.vary_on))
        return self.fragments.get_or_compute(key, lambda: self.nodelist.render(context))


@register.tag
def memo_fragment(parser, token):
    """``{% memo_fragment "name" value ... %}…{% endmemo_fragment %}``: the rendered HTML, kept in each process
    per language and values until the content changes (caching.memo).

    For the parts every page view renders the same way (navigation, footer): a rendered page view spent a
    fifth of its CPU on them. Only for what is the same for every visitor given the language and the values:
    nothing per user, no CSRF token.
    """
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("memo_fragment takes a quoted name, then the values it varies on")
    nodelist = parser.parse(("endmemo_fragment",))
    parser.delete_first_token()
    fragments = _fragments.setdefault(bits[1][1:-1], GenerationDict(max_values=1000))
    return MemoFragmentNode(fragments, [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
