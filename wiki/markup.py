"""Body text: Markdown with [[wiki links]], rendered to sanitised HTML.

Rendering is a pure function of the text and a link resolver, so tests can call
it directly and the history view can render any old revision the same way.
"""

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from urllib.parse import urlencode
from xml.etree import ElementTree

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.inlinepatterns import InlineProcessor

WIKILINK_RE = r"\[\[([^\[\]\|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]"
_WIKILINK = re.compile(WIKILINK_RE)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# target title -> URL of the page, or None for a page that does not exist yet
Resolver = Callable[[Iterable[str]], dict[str, str | None]]


def normalise_title(title: str) -> str:
    return " ".join(title.split()).casefold()


def link_targets(text: str) -> list[str]:
    """The page titles that [[links]] in text point at, in order, without duplicates."""
    seen: dict[str, str] = {}
    for match in _WIKILINK.finditer(text or ""):
        target = " ".join(match.group(1).split())
        seen.setdefault(normalise_title(target), target)
    return list(seen.values())


class _WikiLinkProcessor(InlineProcessor):
    def __init__(self, pattern, md, links: dict[str, str | None], missing_url: Callable[[str], str]):
        super().__init__(pattern, md)
        self.links = links
        self.missing_url = missing_url

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        target = " ".join(m.group(1).split())
        label = (m.group(2) or m.group(1)).strip()
        element = ElementTree.Element("a")
        element.text = label
        url = self.links.get(normalise_title(target))
        if url:
            element.set("href", url)
            element.set("class", "wikilink")
        else:
            element.set("href", self.missing_url(target))
            element.set("class", "wikilink wikilink-missing")
            element.set("title", target)
        return element, m.start(0), m.end(0)


class _WikiLinkExtension(markdown.Extension):
    def __init__(self, links, missing_url):
        super().__init__()
        self.links = links
        self.missing_url = missing_url

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Above Markdown's own link pattern (160) so "[[x]]" is not read as "[x]".
        md.inlinePatterns.register(
            _WikiLinkProcessor(WIKILINK_RE, md, self.links, self.missing_url), "wikilink", 175
        )


def sanitise_html(html: str) -> str:
    """Strip everything that could run script: tags, event attributes, unsafe URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    )


def default_missing_url(title: str) -> str:
    return "create/?" + urlencode({"title": title})


def render_markdown(
    text: str,
    resolver: Resolver | None = None,
    missing_url: Callable[[str], str] = default_missing_url,
) -> SafeString:
    text = text or ""
    targets = link_targets(text)
    found = resolver(targets) if (resolver and targets) else {}
    links = {normalise_title(k): v for k, v in found.items() if v}
    # Every spelling of a missing target gets its own "create" URL, as the link text shows it.
    missing = {
        target: missing_url(target)
        for target in {" ".join(m.group(1).split()) for m in _WIKILINK.finditer(text)}
        if not links.get(normalise_title(target))
    }
    return _render(text, tuple(sorted(links.items())), tuple(sorted(missing.items())))


@lru_cache(maxsize=1024)
def _render(text: str, links: tuple, missing: tuple) -> SafeString:
    """Markdown to sanitised HTML: a pure function of the text and its resolved links, so memoised
    per process (Markdown is the costliest step of a page view; the same texts render again and again)."""
    missing_urls = dict(missing)
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists", _WikiLinkExtension(dict(links), missing_urls.__getitem__)],
        output_format="html",
    )
    return mark_safe(sanitise_html(md.convert(text)))  # noqa: S308 (sanitised above)
