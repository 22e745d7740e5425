"""Reading the layout's parts out of a rendered page."""

import re
from html.parser import HTMLParser


def switch_link(html: str, language: str) -> str:
    """Where the header's language switch sends the reader for ``language``."""
    switcher = html[html.index('class="language-switcher"'):]
    switcher = switcher[:switcher.index("</nav>")]
    match = re.search(rf'<a href="([^"]+)" hreflang="{language}"', switcher)
    assert match, f"no link to {language} in the switcher: {switcher}"
    return match.group(1).replace("&amp;", "&")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for ref in (attrs.get("aria-describedby") or "").split():
            self.described.append((attrs.get("name") or attrs.get("id") or tag, ref))


def dangling_descriptions(html: str) -> list[str]:
    """Every aria-describedby reference whose id is not on the page."""
    parser = _Ids()
    parser.feed(html)
    return [f"{name} -> #{ref}" for name, ref in parser.described if ref not in parser.ids]


def described_count(html: str) -> int:
    parser = _Ids()
    parser.feed(html)
    return len(parser.described)
