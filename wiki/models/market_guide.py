import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from wiki.countries import country_name, parse_codes, validate_country_codes

from .base import WikiPage
from .tags import MarketGuidePageTag

KEY_FACT_HELP = _("One fact per line.")
REVIEW_INTERVAL = datetime.timedelta(days=365)

# (field name, heading) in the order a guide reads.
GUIDE_SECTIONS = [
    ("overview", _("Market overview")),
    ("language", _("Language")),
    ("currency_payment", _("Currency and payment")),
    ("logistics_customs", _("Logistics and customs")),
    ("culture_etiquette", _("Culture and business etiquette")),
    ("where_to_get_help", _("Where to get help")),
]


class MarketGuidePage(WikiPage):
    """A guide to exporting to a region; written by editors, published through moderation."""

    summary = models.CharField(_("summary"), max_length=400, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    countries = models.CharField(
        _("countries covered"), max_length=800, blank=True, validators=[validate_country_codes],
        help_text=_("ISO country codes separated by spaces."),
    )
    languages = models.TextField(_("languages"), blank=True, help_text=KEY_FACT_HELP)
    currencies = models.TextField(_("currencies"), blank=True, help_text=KEY_FACT_HELP)
    time_zones = models.TextField(_("time zones"), blank=True, help_text=KEY_FACT_HELP)
    trade_agreements = models.TextField(_("trade agreements"), blank=True, help_text=KEY_FACT_HELP)
    overview = models.TextField(_("market overview"), blank=True)
    language = models.TextField(_("language"), blank=True)
    currency_payment = models.TextField(_("currency and payment"), blank=True)
    logistics_customs = models.TextField(_("logistics and customs"), blank=True)
    culture_etiquette = models.TextField(_("culture and business etiquette"), blank=True)
    where_to_get_help = models.TextField(_("where to get help"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    tags = ClusterTaggableManager(through=MarketGuidePageTag, blank=True, verbose_name=_("tags"))

    markdown_fields = WikiPage.markdown_fields + tuple(name for name, _heading in GUIDE_SECTIONS)
    parent_page_types = ["wiki.MarketGuideIndexPage"]
    subpage_types: list[str] = []

    search_fields = WikiPage.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("region", boost=3),
        index.SearchField("country_names", boost=2),
        index.FilterField("region"),
    ] + [index.SearchField(name) for name, _heading in GUIDE_SECTIONS]
    api_fields = WikiPage.api_fields + [
        APIField(name)
        for name in (
            "summary", "region", "country_codes", "languages", "currencies", "time_zones",
            "trade_agreements", "last_reviewed", "due_for_review",
        )
    ] + [APIField(name) for name, _heading in GUIDE_SECTIONS]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("countries"),
                FieldPanel("languages"),
                FieldPanel("currencies"),
                FieldPanel("time_zones"),
                FieldPanel("trade_agreements"),
                FieldPanel("last_reviewed", read_only=True),  # approval stamps it (moderation.workflows)
            ],
            heading=_("Key facts"),
        ),
    ] + [FieldPanel(name) for name, _heading in GUIDE_SECTIONS] + [
        FieldPanel("body"),
        FieldPanel("sources"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("market guide")
        verbose_name_plural = _("market guides")

    @property
    def country_codes(self) -> list[str]:
        return parse_codes(self.countries)

    @property
    def country_names(self) -> str:
        language = self.locale.language_code if self.locale_id else None
        return ", ".join(country_name(code, language) for code in self.country_codes)

    def key_facts(self) -> list[tuple[str, list[str]]]:
        """[(label, [lines])] of the key facts that are filled in."""
        facts = [
            (_("Languages"), self.languages),
            (_("Currencies"), self.currencies),
            (_("Time zones"), self.time_zones),
            (_("Trade agreements"), self.trade_agreements),
        ]
        return [(label, lines) for label, text in facts if (lines := [x.strip() for x in text.splitlines() if x.strip()])]

    @property
    def due_for_review(self) -> bool:
        if self.last_reviewed is None:
            return True
        return timezone.localdate() - self.last_reviewed > REVIEW_INTERVAL

    def sections(self):
        """[(heading, rendered html)] of the sections that have text."""
        rendered = self.rendered
        return [(heading, rendered[name]) for name, heading in GUIDE_SECTIONS if getattr(self, name).strip()]


class MarketGuideIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["wiki.MarketGuidePage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("market guides index")

    def guides_by_region(self):
        guides = MarketGuidePage.objects.child_of(self).live().order_by("region", "title")
        groups: dict[str, list] = {}
        for guide in guides:
            groups.setdefault(guide.region or "", []).append(guide)
        return list(groups.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regions"] = self.guides_by_region()
        return context
