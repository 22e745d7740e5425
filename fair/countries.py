"""Countries typed by name, in English or Danish, or as ISO codes (the add form's country picker)."""

import unicodedata
from functools import lru_cache

from wiki.countries import COUNTRY_CODES, country_choices, country_name

PICKER_LANGUAGES = ("en", "da")


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names = {}
    for language in PICKER_LANGUAGES:
        for code, name in country_choices(language):
            names[_folded(name)] = code
    return names


def lookup(text: str) -> str | None:
    """The ISO code of a country name (en or da) or code, or None when unknown."""
    value = text.strip()
    if len(value) == 2 and value.upper() in COUNTRY_CODES:
        return value.upper()
    return _by_name().get(_folded(value))


def parse_countries(text: str) -> tuple[list[str], list[str]]:
    """'Norway, Sverige, DK' -> (['NO', 'SE', 'DK'], unknown names). Separators: commas, semicolons."""
    codes, unknown = [], []
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        code = lookup(part)
        if code is None:
            unknown.append(part.strip())
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def names_of(codes, language: str) -> str:
    return ", ".join(country_name(code, language) for code in codes)


def picker_options(language: str) -> list[str]:
    """Names offered while typing: the reader's language first, then the other one's different names."""
    seen, out = set(), []
    for lang in (language, *[other for other in PICKER_LANGUAGES if other != language]):
        for _code, name in country_choices(lang):
            if name not in seen:
                seen.add(name)
                out.append(name)
    return out
