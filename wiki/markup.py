"""Body text: Markdown with [[wiki links]], rendered to sanitised HTML.

Rendering is a pure function of the text and a link resolver, so tests can call
it directly and the history view can render any old revision the same way.
"""

import html as htmllib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode
from xml.etree import ElementTree

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown.extensions.toc import TocExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from wiki.sections import heading_lines

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
    **{f"h{level}": {"id"} for level in range(2, 7)},  # anchors for the table of contents
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


# A section heading's number travels through Markdown inside its text between two private-use
# characters (which nobody types; they are removed from the input first).
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
_ANY_MARK = re.compile(f"[{_MARK_OPEN}{_MARK_CLOSE}]")
# Ids the page template uses itself: a heading never takes them.
RESERVED_IDS = {"main", "content", "toc-heading", "related-heading", "preview-heading", "conflict-heading"}


class _SectionMarker(Preprocessor):
    """Marks each ``##`` line that wiki.sections counts as a section, with the section's number."""

    def run(self, lines):
        lines = [_ANY_MARK.sub("", line) for line in lines]
        for number, index in enumerate(heading_lines("\n".join(lines)), start=1):
            level = len(lines[index]) - len(lines[index].lstrip("#"))
            lines[index] = f"{lines[index][:level]} {_MARK_OPEN}{number}{_MARK_CLOSE}{lines[index][level:].lstrip()}"
        return lines


class _SectionNumberer(Treeprocessor):
    """Moves the marks into a ``data-section`` attribute of their ``<h2>``, before ids are made from the text."""

    def run(self, root):
        for element in root.iter():
            if element.text and _MARK_OPEN in element.text:
                found = _MARK.search(element.text)
                if found and element.tag == "h2":
                    element.set("data-section", found.group(1))
                element.text = _ANY_MARK.sub("", _MARK.sub("", element.text))
            if element.tail and _MARK_OPEN in element.tail:
                element.tail = _ANY_MARK.sub("", _MARK.sub("", element.tail))


class _SectionLinker(Treeprocessor):
    """After the ids: an "edit section" link in each numbered heading (or none, when not asked for)."""

    def __init__(self, md, label: str):
        super().__init__(md)
        self.label = label

    def run(self, root):
        for element in root.iter("h2"):
            number = element.attrib.pop("data-section", None)
            if number is None or not self.label:
                continue
            title = "".join(element.itertext()).strip()
            if len(element):
                element[-1].tail = (element[-1].tail or "") + " "
            else:
                element.text = (element.text or "") + " "
            link = ElementTree.SubElement(element, "a")
            link.set("href", f"edit/?section={number}")
            link.set("class", "section-edit")
            link.set("title", f"{self.label}: {title}")
            link.text = self.label


class _SectionExtension(markdown.Extension):
    def __init__(self, label: str):
        super().__init__()
        self.label = label

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # After whitespace normalising (30), before fenced code (25) hides code blocks.
        md.preprocessors.register(_SectionMarker(md), "wiki-section-marker", 27)
        # After inline patterns (20), before the table of contents makes ids (5).
        md.treeprocessors.register(_SectionNumberer(md), "wiki-section-numberer", 10)
        md.treeprocessors.register(_SectionLinker(md, self.label), "wiki-section-linker", 1)


def heading_id(value: str, separator: str) -> str:
    slug = slugify(value, allow_unicode=True) or "section"
    return f"{slug}-1" if slug in RESERVED_IDS else slug


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


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str


@dataclass(frozen=True)
class Rendered:
    html: SafeString
    headings: tuple[Heading, ...]  # the ## and ### headings, for a table of contents


def render_markdown(
    text: str,
    resolver: Resolver | None = None,
    missing_url: Callable[[str], str] = default_missing_url,
) -> SafeString:
    return render_outline(text, resolver, missing_url).html


def render_outline(
    text: str,
    resolver: Resolver | None = None,
    missing_url: Callable[[str], str] = default_missing_url,
    section_label: str = "",
) -> Rendered:
    """HTML and headings; with ``section_label``, each ``##`` section's heading links to its edit form."""
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
    return _render(text, tuple(sorted(links.items())), tuple(sorted(missing.items())), section_label)


@lru_cache(maxsize=1024)
def _render(text: str, links: tuple, missing: tuple, section_label: str = "") -> Rendered:
    """Markdown to sanitised HTML: a pure function of the text and its resolved links, so memoised
    per process (Markdown is the costliest step of a page view; the same texts render again and again)."""
    missing_urls = dict(missing)
    md = markdown.Markdown(
        extensions=[
            "tables", "fenced_code", "sane_lists", _WikiLinkExtension(dict(links), missing_urls.__getitem__),
            _SectionExtension(section_label),
            TocExtension(marker="", toc_depth="2-3", slugify=heading_id),
        ],
        output_format="html",
    )
    html = _ANY_MARK.sub("", _MARK.sub("", md.convert(text)))  # marks left inside raw HTML blocks
    headings = tuple(
        Heading(token["level"], token["id"], htmllib.unescape(token["name"])) for token in _flat(md.toc_tokens)
    )
    return Rendered(mark_safe(sanitise_html(html)), headings)  # noqa: S308 (sanitised above)


def _flat(tokens):
    for token in tokens:
        yield token
        yield from _flat(token.get("children", ()))
