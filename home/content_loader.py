"""Loading the starter content (site/content/*.toml) into the page tree.

Safe to run again: a page is identified by its translation key (derived from the
file's key) and its locale, and an existing page is never overwritten, so edits
made on the site survive a reload.
"""

import datetime
import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from wiki.models import (
    ArticlePage,
    BlogIndexPage,
    BlogPostPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    DefinitionIndexPage,
    DefinitionPage,
    MarketGuideIndexPage,
    MarketGuidePage,
)

CONTENT_DIR = settings.SITE_DIR / "content"
LANGUAGES = ("en", "da")
_KEY_NAMESPACE = uuid.UUID("6b1f3c0e-8f0a-4e39-9a51-6d1c5f0d2a11")

# The per-language home and index pages (not in files: they frame the content).
HOME = {
    "en": {
        "title": "Micro-business Wiki",
        "slug": "home",
        "intro": (
            "A wiki where micro-businesses and their advisers define the terms of small-scale exporting, "
            "share case studies of real [[Micro-multinational|micro-multinationals]] and write market guides. "
            "Anyone can edit a definition or a case study, with or without an account."
        ),
    },
    "da": {
        "title": "Mikrovirksomhedswiki",
        "slug": "forside",
        "intro": (
            "En wiki, hvor mikrovirksomheder og deres rådgivere definerer begreberne bag småskala-eksport, "
            "deler casestudier af rigtige [[Mikromultinational|mikromultinationale virksomheder]] og skriver markedsguides. "
            "Alle kan redigere en definition eller et casestudie, med eller uden en konto."
        ),
    },
}
SECTIONS = {
    "definitions": (DefinitionIndexPage, {
        "en": ("Definitions", "definitions", "The words of micro-business and export, defined together, A to Z."),
        "da": ("Definitioner", "definitioner", "Ordene om mikrovirksomheder og eksport, defineret i fællesskab, fra A til Å."),
    }),
    "case-studies": (CaseStudyIndexPage, {
        "en": ("Case studies", "case-studies", "Real micro-businesses that sell abroad, with the facts behind them."),
        "da": ("Casestudier", "casestudier", "Rigtige mikrovirksomheder, der sælger til udlandet, og tallene bag dem."),
    }),
    "market-guides": (MarketGuideIndexPage, {
        "en": ("Market guides", "market-guides", "Practical guides to export markets, reviewed by editors."),
        "da": ("Markedsguides", "markedsguides", "Praktiske guides til eksportmarkeder, gennemgået af redaktører."),
    }),
    "blog": (BlogIndexPage, {
        "en": ("Blog", "blog", "Posts by micro-businesses and their guests. Anyone can write one."),
        "da": ("Blog", "blog", "Indlæg fra mikrovirksomheder og deres gæster. Alle kan skrive et."),
    }),
}
TYPES = {
    "definition": (DefinitionPage, "definitions"),
    "case_study": (CaseStudyPage, "case-studies"),
    "market_guide": (MarketGuidePage, "market-guides"),
    "article": (ArticlePage, None),
    "blog_post": (BlogPostPage, "blog"),
}
LIST_FIELDS_COMMA = {"also_known_as", "related_terms"}
LIST_FIELDS_SPACE = {"export_markets", "sales_channels", "countries"}


def translation_key(name: str) -> uuid.UUID:
    return uuid.uuid5(_KEY_NAMESPACE, name)


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def _field_values(model, data: dict) -> dict:
    names = {f.name for f in model._meta.get_fields()}
    values = {}
    for key, value in data.items():
        if key in ("tags",) or key not in names:
            continue
        if key in LIST_FIELDS_COMMA and isinstance(value, list):
            value = ", ".join(value)
        elif key in LIST_FIELDS_SPACE and isinstance(value, list):
            value = " ".join(value)
        elif isinstance(value, list):
            value = "\n".join(value)
        elif key == "last_reviewed" and isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        values[key] = value
    return values


def _publish_new(parent: Page, page: Page, tags=()) -> Page:
    parent.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    page.save_revision(user=None, log_action=True).publish(user=None)
    return page


class ContentLoader:
    def __init__(self, content_dir: Path = CONTENT_DIR):
        self.content_dir = Path(content_dir)
        self.report = LoadReport()

    def locales(self) -> dict[str, Locale]:
        return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}

    def _existing(self, model, key: str, locale: Locale):
        return model.objects.filter(translation_key=translation_key(key), locale=locale).first()

    def ensure_homes(self, locales) -> dict[str, HomePage]:
        root = Page.get_first_root_node()
        if root is None:  # a flushed database (e.g. after a transactional test) has no tree
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["en"]))
        homes = {}
        for code in LANGUAGES:
            home = self._existing(HomePage, "home", locales[code])
            if home is None:
                # The "Welcome to Wagtail" page from wagtailcore's migration would take the slug.
                Page.objects.filter(depth=2, content_type__model="page", slug=HOME[code]["slug"]).delete()
                home = HomePage(
                    locale=locales[code], translation_key=translation_key("home"), **HOME[code]
                )
                _publish_new(root, home)
                self.report.created.append(f"home/{code}")
            homes[code] = home
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=homes["en"], is_default_site=True,
                                site_name=settings.WAGTAIL_SITE_NAME)
        elif site.root_page_id != homes["en"].pk:
            site.root_page = homes["en"]
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
        return homes

    def ensure_sections(self, locales, homes) -> dict[tuple[str, str], Page]:
        sections = {}
        for name, (model, titles) in SECTIONS.items():
            for code in LANGUAGES:
                page = self._existing(model, f"section:{name}", locales[code])
                if page is None:
                    title, slug, intro = titles[code]
                    page = model(title=title, slug=slug, intro=intro, locale=locales[code],
                                 translation_key=translation_key(f"section:{name}"))
                    _publish_new(homes[code], page)
                    self.report.created.append(f"{name}/{code}")
                sections[(name, code)] = page
        return sections

    def load_file(self, path: Path, locales, homes, sections) -> None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        model, section = TYPES[data["type"]]
        key = data.get("key") or path.stem
        facts = data.get("facts", {})
        for code in LANGUAGES:
            if code not in data:
                continue
            label = f"{data['type']}:{key}/{code}"
            if self._existing(model, key, locales[code]) is not None:
                self.report.existing.append(label)
                continue
            own = dict(data[code])
            page = model(
                locale=locales[code],
                translation_key=translation_key(key),
                **_field_values(model, {**facts, **own}),
            )
            parent = sections[(section, code)] if section else homes[code]
            _publish_new(parent, page, own.get("tags", []))
            self.report.created.append(label)

    def feature_definitions(self, locales, homes, key="micro-business") -> None:
        for code in LANGUAGES:
            home = HomePage.objects.get(pk=homes[code].pk)
            featured = self._existing(DefinitionPage, key, locales[code])
            if featured and home.featured_definition_id is None:
                home.featured_definition = featured
                home.save_revision(user=None).publish(user=None)

    @transaction.atomic
    def load(self) -> LoadReport:
        locales = self.locales()
        homes = self.ensure_homes(locales)
        sections = self.ensure_sections(locales, homes)
        for path in sorted(self.content_dir.glob("*/*.toml")):
            self.load_file(path, locales, homes, sections)
        self.feature_definitions(locales, homes)
        return self.report


def is_empty() -> bool:
    return not HomePage.objects.exists()
