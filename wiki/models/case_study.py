from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from wiki.case_study_filters import CaseStudyFilter, market_counts
from wiki.countries import country_name, parse_codes, validate_country_codes
from wiki.facts import STAFF_BANDS, SalesChannel, Sector, staff_band, validate_sales_channels
from wiki.partnerships import PARTNERSHIPS_HELP, parse_partnerships, validate_partnerships

from .base import WikiPage
from .tags import CaseStudyPageTag


class CaseStudyPage(WikiPage):
    """A real small exporter, with facts readers can filter on.

    Every fact is nullable: an unknown fact stays empty and shows as unknown.
    """

    # Anyone may edit this kind of page from the site (wiki.permissions).
    open_editing = True

    tagline = models.CharField(_("summary in one line"), max_length=300, blank=True)
    sells = models.CharField(_("what it sells"), max_length=300, blank=True)
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices, blank=True)
    town_region = models.CharField(_("town or region"), max_length=200, blank=True)
    home_country = models.CharField(
        _("home country"), max_length=2, blank=True, validators=[validate_country_codes],
        help_text=_("ISO country code, e.g. DK or GB."),
    )
    staff_count = models.PositiveSmallIntegerField(_("staff"), null=True, blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    years_trading = models.PositiveSmallIntegerField(_("years trading"), null=True, blank=True)
    export_markets = models.CharField(
        _("export markets"), max_length=800, blank=True, validators=[validate_country_codes],
        help_text=_("ISO country codes separated by spaces, e.g. ES PT NO."),
    )
    export_market_count = models.PositiveSmallIntegerField(
        _("number of export countries"), null=True, blank=True,
        help_text=_("When the source gives a number rather than a list."),
    )
    export_share_percent = models.PositiveSmallIntegerField(
        _("share of sales exported (%)"), null=True, blank=True,
        validators=[MaxValueValidator(100)],
    )
    sales_channels = models.CharField(
        _("sales channels"), max_length=300, blank=True, validators=[validate_sales_channels],
        help_text=_("Keys separated by spaces: %(keys)s") % {"keys": " ".join(SalesChannel.values)},
    )
    website = models.URLField(_("website"), blank=True)
    facts_as_of = models.CharField(
        _("facts as of"), max_length=40, blank=True,
        help_text=_("The year the facts were true; empty when the source gives none (shown as 'as reported')."),
    )
    seeks_partners = models.TextField(
        _("partnerships sought"), blank=True, validators=[validate_partnerships], help_text=PARTNERSHIPS_HELP,
    )
    offers_partners = models.TextField(
        _("partnerships offered"), blank=True, validators=[validate_partnerships], help_text=PARTNERSHIPS_HELP,
    )
    tags = ClusterTaggableManager(through=CaseStudyPageTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["wiki.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    search_fields = WikiPage.search_fields + [
        index.SearchField("tagline", boost=2),
        index.SearchField("sells", boost=3),
        index.SearchField("town_region", boost=2),
        index.SearchField("export_market_names", boost=1.5),
        index.AutocompleteField("sells"),
        index.FilterField("sector"),
        index.FilterField("staff_count"),
        index.FilterField("export_markets"),
        index.FilterField("home_country"),
    ]
    api_fields = WikiPage.api_fields + [
        APIField("sells"),
        APIField("sector"),
        APIField("town_region"),
        APIField("home_country"),
        APIField("staff_count"),
        APIField("staff_band"),
        APIField("year_founded"),
        APIField("years_trading"),
        APIField("export_market_codes"),
        APIField("export_market_count"),
        APIField("export_share_percent"),
        APIField("sales_channel_keys"),
        APIField("website"),
        APIField("facts_as_of"),
        APIField("tagline"),
        APIField("seeks"),
        APIField("offers"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        MultiFieldPanel(
            [
                FieldPanel("sells"),
                FieldPanel("sector"),
                FieldPanel("town_region"),
                FieldPanel("home_country"),
                FieldPanel("staff_count"),
                FieldPanel("year_founded"),
                FieldPanel("years_trading"),
                FieldPanel("export_markets"),
                FieldPanel("export_market_count"),
                FieldPanel("export_share_percent"),
                FieldPanel("sales_channels"),
                FieldPanel("website"),
                FieldPanel("facts_as_of"),
                FieldPanel("seeks_partners"),
                FieldPanel("offers_partners"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("body"),
        FieldPanel("sources"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    @property
    def export_market_codes(self) -> list[str]:
        return parse_codes(self.export_markets)

    @property
    def export_market_names(self) -> str:
        """Country names in the page's own language, for search and display."""
        language = self.locale.language_code if self.locale_id else None
        return ", ".join(country_name(code, language) for code in self.export_market_codes)

    @property
    def home_country_name(self) -> str:
        return country_name(self.home_country) if self.home_country else ""

    @property
    def staff_band(self) -> str | None:
        return staff_band(self.staff_count)

    @property
    def sales_channel_keys(self) -> list[str]:
        return [key for key in self.sales_channels.split() if key in SalesChannel.values]

    @property
    def sales_channel_labels(self) -> list[str]:
        return [SalesChannel(key).label for key in self.sales_channel_keys]

    @property
    def seeks_list(self):
        return parse_partnerships(self.seeks_partners)

    @property
    def offers_list(self):
        return parse_partnerships(self.offers_partners)

    @property
    def seeks(self) -> list[dict]:
        return [p.as_dict() for p in parse_partnerships(self.seeks_partners)]

    @property
    def offers(self) -> list[dict]:
        return [p.as_dict() for p in parse_partnerships(self.offers_partners)]

    @property
    def number_of_export_countries(self) -> int | None:
        if self.export_market_count is not None:
            return self.export_market_count
        return len(self.export_market_codes) or None


class CaseStudyIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["wiki.CaseStudyPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("case studies index")

    def case_studies(self):
        return CaseStudyPage.objects.child_of(self).live().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_studies = self.case_studies()
        chosen = CaseStudyFilter(request.GET, all_studies)
        context["filter"] = chosen
        context["case_studies"] = chosen.results
        context["staff_bands"] = STAFF_BANDS
        context["sectors"] = Sector.choices
        context["channels"] = SalesChannel.choices
        # The map shows the listed case studies' markets, so it follows the filters.
        context["market_counts"] = market_counts(chosen.results)
        return context
