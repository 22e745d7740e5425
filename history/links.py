"""Who links where: "what links here" and the wanted (red-link) pages of a language.

Computed from the live pages of one locale each time: links are resolved with the
same function the page renderer uses, so a link is "wanted" exactly when it is red.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps

from wiki.links import missing_page_url, resolve_titles
from wiki.markup import link_targets, normalise_title
from wiki.models import WikiPage


def wiki_page_models():
    return [model for model in apps.get_models() if issubclass(model, WikiPage)]


def page_link_targets(page) -> list[str]:
    """The [[link]] targets in every Markdown field of a page (and a definition's related terms)."""
    texts = [getattr(page, name, "") or "" for name in getattr(page, "markdown_fields", ())]
    targets = []
    for text in texts:
        targets += link_targets(text)
    targets += list(getattr(page, "related_term_titles", []) or [])
    seen = {}
    for target in targets:
        seen.setdefault(normalise_title(target), " ".join(target.split()))
    return list(seen.values())


def live_wiki_pages(locale_id):
    for model in wiki_page_models():
        yield from model.objects.live().filter(locale_id=locale_id).order_by("title")


def _link_map(locale_id):
    """[(page, its targets)], and where each target leads (URL or None)."""
    pages = [(page, page_link_targets(page)) for page in live_wiki_pages(locale_id)]
    all_targets = {normalise_title(t): t for _page, targets in pages for t in targets}
    resolved = resolve_titles(locale_id, list(all_targets.values())) if all_targets else {}
    where = {normalise_title(t): url for t, url in resolved.items()}
    return pages, where


def pages_linking_to(page) -> list:
    """Live pages of the same language whose [[links]] lead to ``page``, by title."""
    url = page.get_url()
    pages, where = _link_map(page.locale_id)
    found = [
        other for other, targets in pages
        if other.pk != page.pk and any(where.get(normalise_title(t)) == url for t in targets)
    ]
    return sorted(found, key=lambda p: p.title.casefold())


@dataclass
class WantedPage:
    title: str
    create_url: str
    wanted_by: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.wanted_by)


def wanted_pages(locale) -> list[WantedPage]:
    """Titles linked to but missing in this language, most wanted first."""
    pages, where = _link_map(locale.pk)
    wanted: dict[str, WantedPage] = {}
    by: dict[str, list] = defaultdict(list)
    for page, targets in pages:
        for target in targets:
            key = normalise_title(target)
            if where.get(key):
                continue
            wanted.setdefault(key, WantedPage(target, missing_page_url(locale.language_code, target)))
            by[key].append(page)
    for key, item in wanted.items():
        item.wanted_by = sorted(by[key], key=lambda p: p.title.casefold())
    return sorted(wanted.values(), key=lambda w: (-w.count, w.title.casefold()))
