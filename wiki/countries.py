"""Country codes and their names in the reader's language (from Babel's CLDR data)."""

from functools import lru_cache

import babel
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# CLDR also lists regions ("150", "EU") and placeholders ("ZZ"); keep real ISO 3166 codes.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}


@lru_cache(maxsize=8)
def _territories(language: str) -> dict[str, str]:
    try:
        locale = babel.Locale.parse(language.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        locale = babel.Locale("en")
    return {
        code: name
        for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


COUNTRY_CODES = frozenset(_territories("en"))


def country_name(code: str, language: str | None = None) -> str:
    code = (code or "").upper()
    return _territories(language or get_language() or "en").get(code, code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by its name in ``language`` (the fair's country pickers)."""
    names = _territories(language or get_language() or "en")
    return sorted(names.items(), key=lambda item: item[1])


def parse_codes(value: str) -> list[str]:
    """'es, PT  no' -> ['ES', 'PT', 'NO'] (order kept, duplicates dropped)."""
    seen: list[str] = []
    for part in (value or "").replace(",", " ").split():
        code = part.strip().upper()
        if code and code not in seen:
            seen.append(code)
    return seen


def validate_country_codes(value: str) -> None:
    unknown = [code for code in parse_codes(value) if code not in COUNTRY_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown country code(s): %(codes)s. Use ISO codes such as DK, ES, US."),
            params={"codes": ", ".join(unknown)},
        )
