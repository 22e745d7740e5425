"""The partner finder: who seeks or offers which partnership where, and which of them fit together.

A seeker and an offerer match when they name the same kind of partner and their countries overlap
(no countries means anywhere). Sharing a stand or exporting together is mutual, so for those kinds
two seekers match each other as well.
"""

from dataclasses import dataclass

from wiki.models import CaseStudyPage
from wiki.partnerships import PartnerKind, Partnership, parse_partnerships

MUTUAL_KINDS = {PartnerKind.CO_EXPORTER.value, PartnerKind.SHARED_STAND.value}
SEEKS, OFFERS = "seeks", "offers"


@dataclass(frozen=True)
class Entry:
    page: CaseStudyPage
    direction: str  # SEEKS or OFFERS
    partnership: Partnership


@dataclass(frozen=True)
class Match:
    seeker: Entry
    partner: Entry
    countries: tuple[str, ...]  # where both fit; empty: anywhere


@dataclass
class Filters:
    market: str = ""  # a country code
    sector: str = ""
    kind: str = ""
    language: str = ""


def entries(pages) -> list[Entry]:
    out = []
    for page in pages:
        for direction, text in ((SEEKS, page.seeks_partners), (OFFERS, page.offers_partners)):
            out.extend(Entry(page, direction, p) for p in parse_partnerships(text))
    return out


def live_pages():
    return (CaseStudyPage.objects.live().exclude(seeks_partners="", offers_partners="")
            .select_related("locale").order_by("title"))


def _keeps(entry: Entry, filters: Filters) -> bool:
    p = entry.partnership
    return (
        (not filters.market or not p.countries or filters.market in p.countries)
        and (not filters.sector or entry.page.sector == filters.sector)
        and (not filters.kind or p.kind == filters.kind)
        and (not filters.language or entry.page.locale.language_code == filters.language)
    )


def filtered(all_entries: list[Entry], filters: Filters) -> list[Entry]:
    return [entry for entry in all_entries if _keeps(entry, filters)]


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...] | None:
    if not a or not b:
        return a or b
    common = tuple(code for code in a if code in b)
    return common or None


def _same_business(a: Entry, b: Entry) -> bool:
    # The English and Danish pages of one business are translations, not partners.
    return a.page.translation_key == b.page.translation_key


def matches(all_entries: list[Entry]) -> list[Match]:
    seekers = [e for e in all_entries if e.direction == SEEKS]
    found, seen_mutual = [], set()
    for seeker in seekers:
        for other in all_entries:
            if other is seeker or _same_business(seeker, other) or other.partnership.kind != seeker.partnership.kind:
                continue
            mutual = other.direction == SEEKS
            if mutual and seeker.partnership.kind not in MUTUAL_KINDS:
                continue
            if mutual:
                pair = frozenset((id(seeker), id(other)))
                if pair in seen_mutual:
                    continue
                seen_mutual.add(pair)
            countries = _overlap(seeker.partnership.countries, other.partnership.countries)
            if countries is not None:
                found.append(Match(seeker, other, countries))
    return found


def finder(filters: Filters) -> tuple[list[Entry], list[Match]]:
    """What the partner finder shows: the entries that pass the filters, and the matches that involve one."""
    everything = entries(live_pages())
    shown = filtered(everything, filters)
    kept = {id(entry) for entry in shown}
    return shown, [m for m in matches(everything) if id(m.seeker) in kept or id(m.partner) in kept]
