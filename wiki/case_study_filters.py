"""Filtering case studies by their facts (export country, sector, staff band, channel, tag)."""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from wiki.countries import COUNTRY_CODES, country_name, parse_codes
from wiki.facts import STAFF_BANDS, SalesChannel, Sector


def _token_regex(token: str) -> str:
    # Space-separated code lists: match a whole token, never a substring.
    return r"(^|\s)" + re.escape(token) + r"(\s|$)"


@dataclass
class CaseStudyFilter:
    params: dict
    queryset: QuerySet
    active: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        get = self.params.get
        country = (get("country") or "").upper()
        if country in COUNTRY_CODES:
            self.active["country"] = country
        if get("sector") in Sector.values:
            self.active["sector"] = get("sector")
        if get("staff") in {key for key, *_rest in STAFF_BANDS}:
            self.active["staff"] = get("staff")
        if get("channel") in SalesChannel.values:
            self.active["channel"] = get("channel")
        tag = (get("tag") or "").strip()[:100]
        if tag:
            self.active["tag"] = tag

    @property
    def results(self) -> QuerySet:
        qs = self.queryset
        if "country" in self.active:
            qs = qs.filter(export_markets__regex=_token_regex(self.active["country"]))
        if "sector" in self.active:
            qs = qs.filter(sector=self.active["sector"])
        if "staff" in self.active:
            for key, _label, low, high in STAFF_BANDS:
                if key == self.active["staff"]:
                    qs = qs.filter(staff_count__gte=low)
                    if high is not None:
                        qs = qs.filter(staff_count__lte=high)
        if "channel" in self.active:
            qs = qs.filter(sales_channels__regex=_token_regex(self.active["channel"]))
        if "tag" in self.active:
            qs = qs.filter(Q(tags__slug=self.active["tag"]) | Q(tags__name__iexact=self.active["tag"]))
        return qs.distinct()

    def country_options(self) -> list[tuple[str, str]]:
        codes = Counter(
            code for value in self.queryset.values_list("export_markets", flat=True)
            for code in parse_codes(value)
        )
        return sorted(((code, country_name(code)) for code in codes), key=lambda x: x[1])


def market_counts(queryset: QuerySet) -> dict[str, int]:
    """How many case studies export to each country."""
    return dict(
        Counter(
            code for value in queryset.values_list("export_markets", flat=True)
            for code in parse_codes(value)
        )
    )
