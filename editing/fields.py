"""Which fields of each page type the site's edit form changes, and how they merge."""

from django.db import models

COMMON = ("title", "body", "sources")
BY_MODEL = {
    "wiki.DefinitionPage": ("title", "short_definition", "also_known_as", "body", "related_terms", "sources"),
    "wiki.CaseStudyPage": (
        "title", "sells", "sector", "town_region", "home_country", "staff_count", "year_founded",
        "years_trading", "export_markets", "export_market_count", "export_share_percent", "sales_channels",
        "website", "facts_as_of", "tagline", "seeks_partners", "offers_partners", "body", "sources",
    ),
    "wiki.ArticlePage": ("title", "summary", "body", "sources"),
    "wiki.MarketGuidePage": (
        "title", "summary", "region", "countries", "languages", "currencies", "time_zones", "trade_agreements",
        "overview", "language", "currency_payment", "logistics_customs", "culture_etiquette", "where_to_get_help",
        "body", "sources",
    ),
}
# Fields shown in the "facts" group of the form.
FACT_FIELDS = {
    "wiki.CaseStudyPage": BY_MODEL["wiki.CaseStudyPage"][1:-2],
}


def editable_fields(model) -> tuple[str, ...]:
    return BY_MODEL.get(model._meta.label, COMMON)


def is_multiline(model, name: str) -> bool:
    """Multi-line text merges line by line; everything else field by field."""
    return isinstance(model._meta.get_field(name), models.TextField)


def values_of(page, names) -> dict:
    return {name: getattr(page, name) for name in names}
