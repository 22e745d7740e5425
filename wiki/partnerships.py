"""Partnerships a case study seeks or offers (the konkollega facts), stored as text, one per line.

A line reads ``kind; country codes; note`` (e.g. ``distributor; NO SE; children's shoes``). Text keeps
the facts diffable and mergeable line by line like every other field of the wiki, while the parsed
form (``parse_partnerships``) is what the facts box, the partner finder and the API use.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wiki.countries import COUNTRY_CODES, country_name, parse_codes


class PartnerKind(models.TextChoices):
    AGENT = "agent", _("Agent")
    DISTRIBUTOR = "distributor", _("Distributor")
    CO_EXPORTER = "co_exporter", _("Co-exporter")
    SUPPLIER = "supplier", _("Supplier")
    SHARED_STAND = "shared_stand", _("Shared stand")
    OTHER = "other", _("Other")


@dataclass(frozen=True)
class Partnership:
    kind: str
    countries: tuple[str, ...]  # empty: anywhere
    note: str = ""

    @property
    def kind_label(self) -> str:
        return str(PartnerKind(self.kind).label)

    @property
    def country_names(self) -> str:
        """In the active language."""
        return ", ".join(country_name(code) for code in self.countries)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "countries": list(self.countries), "note": self.note}

    def as_line(self) -> str:
        return "; ".join((self.kind, " ".join(self.countries), self.note)).rstrip("; ")


def _split(line: str) -> tuple[str, str, str]:
    kind, _sep, rest = line.partition(";")
    where, _sep, note = rest.partition(";")
    return kind.strip().lower(), where.strip(), note.strip()


def parse_partnerships(text: str) -> list[Partnership]:
    """The well-formed lines of ``text`` (a malformed line is skipped here and refused by the validator)."""
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        kind, where, note = _split(line)
        codes = tuple(parse_codes(where))
        if kind in PartnerKind.values and all(code in COUNTRY_CODES for code in codes):
            out.append(Partnership(kind, codes, note))
    return out


def validate_partnerships(text: str) -> None:
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        kind, where, _note = _split(line)
        if kind not in PartnerKind.values:
            raise ValidationError(
                _("Line %(line)s: unknown kind of partner “%(kind)s”. Use one of: %(kinds)s."),
                params={"line": number, "kind": kind, "kinds": ", ".join(PartnerKind.values)},
            )
        unknown = [code for code in parse_codes(where) if code not in COUNTRY_CODES]
        if unknown:
            raise ValidationError(
                _("Line %(line)s: unknown country code(s): %(codes)s."),
                params={"line": number, "codes": ", ".join(unknown)},
            )


PARTNERSHIPS_HELP = _(
    "One partnership per line: kind; country codes (empty: anywhere); a short note. "
    "Kinds: agent, distributor, co_exporter, supplier, shared_stand, other. "
    "Example: distributor; NO SE; children's shoes"
)
