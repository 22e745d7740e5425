"""What a reader types, as a modelsearch query, with friendly warnings.

Syntax (a small, forgiving subset of what web search engines accept):

- words: all must match (in either language; synonyms and Danish compounds count)
- "a phrase": the words next to each other
- -word, -"a phrase": results must not contain it
- a OR b: either (binds the words on each side)
- word*: words starting with `word` (at least 2 letters before the *)

`parse_user_query(text)` never raises: any input gives (query or None, warnings),
where warnings are translated messages for the reader. The query uses only
modelsearch's query classes (plus `Prefix`, a PlainText subclass), so it works
with any backend.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _
from modelsearch.query import MATCH_ALL, And, Not, Or, Phrase, PlainText

from search.backend.compiler import PREFIX_MIN_LENGTH, Prefix

MAX_QUERY_LENGTH = 300
MAX_TERMS = 16

_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)"([^"]*)$|(\S+)')


def clean_text(text) -> str:
    """Printable text: control and format characters become spaces, whitespace collapsed."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = unicodedata.normalize("NFC", text)
    cleaned = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(cleaned.split())


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def parse_user_query(text) -> tuple[object | None, list[str]]:
    """(modelsearch query, warnings). The query is None when nothing searchable is left."""
    warnings: list[str] = []
    text = clean_text(text)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] if " " in text[:MAX_QUERY_LENGTH] else text[:MAX_QUERY_LENGTH]
        warnings.append(
            _("Your search was very long, so only its first %(count)d characters were used.") % {"count": MAX_QUERY_LENGTH}
        )
    if text.count('"') % 2:
        warnings.append(_("A quotation mark was not closed; the words after it were searched as a phrase."))

    # Tokens: ("word"|"phrase"|"prefix"|"or", text, excluded)
    tokens = []
    for match in _TOKEN.finditer(text):
        if match.group(2) is not None or match.group(4) is not None:
            excluded = bool(match.group(1) or match.group(3))
            phrase = (match.group(2) if match.group(2) is not None else match.group(4)).strip()
            if _has_word(phrase):
                tokens.append(("phrase", phrase, excluded))
            continue
        word = match.group(5)
        if word == "OR":
            tokens.append(("or", word, False))
            continue
        if word in ("AND", "&&", "+"):
            continue  # words are all required anyway
        excluded = False
        if word in ("NOT", "-"):
            tokens.append(("not", word, False))
            continue
        if word.startswith("-") and len(word) > 1:
            excluded, word = True, word[1:]
        if word.endswith("*"):
            stem = word.rstrip("*")
            if sum(ch.isalnum() for ch in stem) < PREFIX_MIN_LENGTH or not _has_word(stem) or "*" in stem:
                warnings.append(
                    _("“%(word)s” was ignored: put at least %(count)d letters before the *.")
                    % {"word": word, "count": PREFIX_MIN_LENGTH}
                )
                continue
            tokens.append(("prefix", stem, excluded))
            continue
        word = word.replace("*", " ").strip()
        if _has_word(word):
            tokens.append(("word", word, excluded))

    # NOT x -> -x ; NOT NOT x -> -x (a double negative is read as one, as most engines do)
    resolved = []
    negate = False
    for kind, value, excluded in tokens:
        if kind == "not":
            negate = True
            continue
        if negate and kind in ("word", "phrase", "prefix"):
            excluded, negate = True, False
        resolved.append((kind, value, excluded))
    if negate:
        warnings.append(_("“NOT” at the end was ignored: put it before a word."))

    # Group: runs joined by OR become alternatives; a lone OR is dropped.
    groups: list[list[tuple[str, str]]] = []
    exclusions: list[tuple[str, str]] = []
    pending_or = False
    dropped_or = False
    for kind, value, excluded in resolved:
        if kind == "or":
            if groups and not pending_or:
                pending_or = True
            else:
                dropped_or = True
            continue
        if excluded:
            exclusions.append((kind, value))
            continue
        if pending_or and groups:
            groups[-1].append((kind, value))
        else:
            groups.append([(kind, value)])
        pending_or = False
    if pending_or or dropped_or:
        warnings.append(_("“OR” was ignored where it did not stand between two words."))

    term_count = sum(len(g) for g in groups) + len(exclusions)
    if term_count > MAX_TERMS:
        warnings.append(_("Only the first %(count)d words were used.") % {"count": MAX_TERMS})
        kept, budget = [], MAX_TERMS
        for group in groups:
            if budget <= 0:
                break
            kept.append(group[:budget])
            budget -= len(kept[-1])
        groups = kept
        exclusions = exclusions[: max(0, budget)]

    def atom(kind, value):
        if kind == "phrase":
            return Phrase(value)
        if kind == "prefix":
            return Prefix(value, operator="and")
        return PlainText(value, operator="and")

    parts = []
    plain_run: list[str] = []
    for group in groups:
        if len(group) == 1 and group[0][0] == "word":
            plain_run.append(group[0][1])  # consecutive words stay together, so "trade fair" meets its synonym
            continue
        if plain_run:
            parts.append(PlainText(" ".join(plain_run), operator="and"))
            plain_run = []
        alternatives = [atom(kind, value) for kind, value in group]
        parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if plain_run:
        parts.append(PlainText(" ".join(plain_run), operator="and"))

    negatives = [Not(atom(kind, value)) for kind, value in exclusions]
    if not parts and not negatives:
        return None, warnings
    if not parts:
        warnings.append(_("Your search only excludes words, so it lists every page without them."))
        parts = [MATCH_ALL]
    query = parts[0] if len(parts) == 1 and not negatives else And(parts + negatives)
    return query, warnings
