"""Text analysis for the Whoosh index: Danish and English, side by side.

Every analyser here is a module-level object because Whoosh pickles the schema
(and with it the analysers) into the index: they must be importable by name.

- Danish: lowercase, Danish stop words, Scandinavian normalisation (Lucene's
  ScandinavianNormalizationFilter: aa/ao -> å, ae/ä -> æ, oe/oo/ö -> ø, so that
  `Aarhus` and `Århus` meet), then the Snowball Danish stemmer with one extra rule
  (a final `hed` is removed, so `virksomhed`, `virksomheder` and
  `virksomhederne` share the stem `virksom`).
- English: possessive `'s` removed, lowercase, English stop words, Snowball
  English (Porter2) stemmer. No Scandinavian normalisation: it would damage
  English words (`does` -> `døs`).
- Pairs: the stemmed terms of either language, two adjacent ones joined, for phrases.
- Autocomplete: the same normalisation without stemming, cut into edge n-grams.
- Words: plain lowercase words for "did you mean".
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import Stemmer
from whoosh.analysis import Filter, IDTokenizer, LowercaseFilter, NgramFilter, RegexTokenizer, Tokenizer
from whoosh.analysis.acore import Token
from whoosh.lang import stopwords_for_language
from whoosh.lang.stopwords import stoplists

LANGUAGES = ("da", "en")
# Part of every document's digest: when the analysis changes (here: the "did you mean" words leave
# out stop words and words under three letters), `search_index_check --repair` finds every document
# stale and writes it again.
ANALYSIS_VERSION = "3"

# Words: letters and digits, with inner apostrophes, dots or hyphens kept apart by the tokenizer.
WORD_PATTERN = r"\w+(?:\.?\w+)*"
MAX_TOKEN_LENGTH = 40
AUTOCOMPLETE_MAX_GRAM = 15

_SCANDINAVIAN = re.compile(r"a[ao]|ae|o[eo]|ä|ö")
_SCANDINAVIAN_MAP = {"aa": "å", "ao": "å", "ae": "æ", "oe": "ø", "oo": "ø", "ä": "æ", "ö": "ø"}


def scandinavian_normalize(text: str) -> str:
    """Lucene's ScandinavianNormalizationFilter on lowercase text."""
    return _SCANDINAVIAN.sub(lambda m: _SCANDINAVIAN_MAP[m.group(0)], text)


# Snowball's own C stemmers (PyStemmer), several times faster than Whoosh's pure-Python ports: a
# search page stems the words of ten result pages for their snippets, and a save every new word of its page.
_stemmers = threading.local()  # a Stemmer object must not be shared between threads


def _stemmer(algorithm: str):
    stemmer = getattr(_stemmers, algorithm, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(algorithm, 0)  # no cache of its own: stem_danish/stem_english keep one
        setattr(_stemmers, algorithm, stemmer)
    return stemmer


def snowball_stem(algorithm: str, word: str) -> str:
    """Snowball's own stem ("danish", "english"), as PostgreSQL's text-search configurations make it too."""
    return _stemmer(algorithm).stemWord(word)


@lru_cache(maxsize=50_000)
def stem_danish(word: str) -> str:
    stem = snowball_stem("danish", word)
    if stem.endswith("hed") and len(stem) >= 7:
        stem = stem[:-3]
    return stem


@lru_cache(maxsize=50_000)
def stem_english(word: str) -> str:
    return snowball_stem("english", word)


class ScandinavianFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            t.text = scandinavian_normalize(t.text)
            yield t


# The stemming filters of the analysers before LanguageAnalyzer: indexes written then name them in their
# pickled schema, and the tests compare LanguageAnalyzer with the chains they made.
class DanishStemFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = stem_danish(t.text)
            yield t


class EnglishStemFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = stem_english(t.text)
            yield t


class PossessiveFilter(Filter):
    """`children's` -> `children` (the tokenizer keeps the apostrophe inside the word)."""

    def __call__(self, tokens):
        for t in tokens:
            text = t.text
            if text.endswith(("'s", "’s")):
                t.text = text[:-2]
            yield t


class LengthFilter(Filter):
    """Drops absurdly long tokens (base64, URLs glued together): they only bloat the index."""

    def __call__(self, tokens):
        for t in tokens:
            if len(t.text) <= MAX_TOKEN_LENGTH:
                yield t


class PairFilter(Filter):
    """Each two adjacent index terms as one term, `"micro enterpris"`, at the first one's position.

    Phrase queries read these instead of checking positions word by word (Elasticsearch's
    `index_phrases`): a pair's posting list is short where each word's is long, and a phrase of
    n words is n - 1 consecutive pairs. Stop words are gone by now, as in the word fields, so a
    phrase matches across them in both.
    """

    def __call__(self, tokens):
        previous = None
        for t in tokens:
            text, pos = t.text, t.pos if t.positions else None
            if previous is not None:
                t.text = f"{previous[0]} {text}"
                if pos is not None:
                    t.pos = previous[1]
                yield t
            previous = (text, pos)


def term_pairs(terms: list[str]) -> list[str]:
    """The pair terms (PairFilter) of a sequence of index terms."""
    return [f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False)]


class MultiValueTokenizer(Tokenizer):
    """Filter-field values: the value is a list of strings joined by U+001F; each is one term."""

    SEPARATOR = "\x1f"

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, part in enumerate(value.split(self.SEPARATOR) if value else ()):
            t.text = part
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = part
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(part)
            yield t


DANISH_STOP_WORDS = frozenset(stopwords_for_language("da"))
ENGLISH_STOP_WORDS = frozenset(stoplists["en"])

# Tokenizer pattern keeps apostrophes inside words so that the possessive filter can see them.
_TOKENIZER = RegexTokenizer(r"\w+(?:['’.]\w+)*")

_TOKEN_RE = re.compile(r"\w+(?:['’.]\w+)*")
_STOP_WORDS = {"da": DANISH_STOP_WORDS, "en": ENGLISH_STOP_WORDS}


@lru_cache(maxsize=200_000)
def _index_term(word: str, language: str) -> str | None:
    """What STEMMED[language] makes of one token (None when it drops it), without Whoosh's pipeline."""
    word = word.lower()
    if language == "en" and word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > MAX_TOKEN_LENGTH or word in _STOP_WORDS[language]:
        return None
    if language == "da":
        return stem_danish(scandinavian_normalize(word))
    return stem_english(word)


@lru_cache(maxsize=200_000)
def _written(word: str, language: str) -> str | None:
    """A word as the "did you mean" vocabulary holds it (WORDS), None when too long."""
    word = word.lower()
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word if len(word) <= MAX_TOKEN_LENGTH else None


class LanguageAnalyzer(Tokenizer):
    """One language's words as index terms, in one pass: the terms of
    `tokenizer | lowercase | (English: possessive) | length | stop words | (Danish: Scandinavian) | stem`,
    with the same positions and characters, each distinct word analysed once (_index_term's memo).

    Whoosh runs a chain of filters as nested generators, a handful of Python calls per word for every
    word of every field: most of an index build. ``pairs`` gives PairFilter's terms instead, and
    ``minimum`` leaves out shorter words (and stop words) for the "did you mean" vocabulary, whose
    terms are the words as written (lowercase)."""

    def __init__(self, language: str, stem: bool = True, pairs: bool = False, minimum: int = 0):
        self.language, self.stem, self.pairs, self.minimum = language, stem, pairs, minimum

    def __eq__(self, other):
        return type(other) is type(self) and vars(other) == vars(self)

    def __hash__(self):
        return hash((self.language, self.stem, self.pairs, self.minimum))

    def index_terms(self, value: str) -> list[tuple[str, int]]:
        """(term, position) of each token __call__ yields when a document is indexed (stop words removed),
        without a Token per word: formats.IndexFrequency and IndexPositions read these."""
        return [(term, pos) for term, pos, _start, _end, _stopped, _word in self._scan(value)]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term, pos, start, end, stopped, word in self._scan(value, removestops, start_pos):
            t.text, t.boost, t.stopped = term, 1.0, stopped
            if keeporiginal and word is not None:
                t.original = word
            if positions:
                t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t

    def _scan(self, value, removestops=True, start_pos=0):
        """(term, position, start, end, stopped, the word as written; None for a pair) of each token, the one
        pass that both Whoosh's Token stream and the index's own posting formats read."""
        language, stem, pairs, minimum = self.language, self.stem, self.pairs, self.minimum
        previous = None
        kept = None  # Whoosh's StopFilter numbers the words it keeps one after another
        for pos, match in enumerate(_TOKEN_RE.finditer(value or ""), start_pos):
            word = match.group()
            if stem:
                term = _index_term(word, language)
                stopped = term is None
                if stopped:
                    lowered = _written(word, language)
                    if lowered is None or removestops or pairs:
                        continue  # too long, or a stop word left out
                    term = lowered
                else:
                    kept = pos = pos if kept is None else kept + 1
            else:
                term = _written(word, language)
                if term is None or (minimum and (len(term) < minimum or term in _STOP_WORDS[language])):
                    continue
                stopped = False
            if pairs:
                if previous is not None:
                    yield f"{previous[0]} {term}", previous[1], previous[2], match.end(), False, None
                previous = (term, pos, match.start())
                continue
            yield term, pos, match.start(), match.end(), stopped, word


DANISH = LanguageAnalyzer("da")
ENGLISH = LanguageAnalyzer("en")
# The same words as the stemmed analysers see them, before stemming (for prefix and n-gram lookups).
DANISH_UNSTEMMED = _TOKENIZER | LowercaseFilter() | LengthFilter() | ScandinavianFilter()
ENGLISH_UNSTEMMED = _TOKENIZER | LowercaseFilter() | PossessiveFilter() | LengthFilter()
DANISH_AUTOCOMPLETE = DANISH_UNSTEMMED | NgramFilter(1, AUTOCOMPLETE_MAX_GRAM, at="start")
ENGLISH_AUTOCOMPLETE = ENGLISH_UNSTEMMED | NgramFilter(1, AUTOCOMPLETE_MAX_GRAM, at="start")
DANISH_PAIRS = LanguageAnalyzer("da", pairs=True)
ENGLISH_PAIRS = LanguageAnalyzer("en", pairs=True)
WORDS = _TOKENIZER | LowercaseFilter() | PossessiveFilter() | LengthFilter()
# The "did you mean" vocabulary: words as written; a stop word or a short word is never a typo there.
DANISH_WORDS = LanguageAnalyzer("da", stem=False, minimum=3)
ENGLISH_WORDS = LanguageAnalyzer("en", stem=False, minimum=3)
FILTER_VALUES = MultiValueTokenizer()
# A whole title as one term (exact_title() writes it), so a search for exactly a page's title finds that page first.
EXACT_TITLE = IDTokenizer()

STEMMED = {"da": DANISH, "en": ENGLISH}
UNSTEMMED = {"da": DANISH_UNSTEMMED, "en": ENGLISH_UNSTEMMED}


def analyze(text: str, language: str) -> list[str]:
    """The index terms of `text` in `language` ("da" or "en")."""
    return [t.text for t in STEMMED[language](text or "")]


def normalize(text: str, language: str) -> list[str]:
    """`text`'s words lowercased (and, for Danish, Scandinavian-normalised), not stemmed."""
    return [t.text for t in UNSTEMMED[language](text or "")]


def words(text: str) -> list[str]:
    return [t.text for t in WORDS(text or "")]


def terms_with_spans(text: str, language: str) -> list[tuple[str, int, int]]:
    """(index term, start, end) of each word of text that the index keeps (stop words left out, as
    the pair fields leave them out of phrases)."""
    found = []
    for match in _TOKEN_RE.finditer(text or ""):
        term = _index_term(match.group(), language)
        if term is not None:
            found.append((term, match.start(), match.end()))
    return found


def matching_spans(text: str, language: str, stems, parts=()) -> list[tuple[int, int]]:
    """(start, end) of each word of text whose index term is one of ``stems`` or contains one of ``parts``:
    the words and terms of analyze(), for highlighting.

    A result snippet asks this of a whole page for every search that lists it, so each text's terms are
    worked out once (term_lines), and the terms and words wanted are found with str.find: a regular
    expression made for each query and page cost more to compile than the search itself."""
    if not text or not (stems or parts):
        return []
    spans = []
    for word in _words_of_terms(term_lines(text, language), stems, parts):
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if _starts_word(text, start) and _ends_word(text, end):
                spans.append((start, end))
            start = text.find(word, end)
    return sorted(spans)  # whole words: two of them never overlap


@lru_cache(maxsize=1_000)  # the texts of a hundred result lists; each holds its text (a page's, already kept)
def term_lines(text: str, language: str) -> str:
    """Each distinct index term of text on a line of its own, "\\nterm\\tword word" (the words as written)."""
    words: dict[str, set[str]] = {}
    for word in set(_TOKEN_RE.findall(text)):
        term = _index_term(word, language)
        if term is not None:
            words.setdefault(term, set()).add(word)
    return "".join(f"\n{term}\t{' '.join(sorted(found))}" for term, found in words.items())


def _words_of_terms(lines: str, stems, parts) -> set[str]:
    """The words of term_lines whose term is one of stems or contains one of parts."""
    found: set[str] = set()
    for stem in stems:
        start = lines.find(f"\n{stem}\t")
        if start >= 0:
            found.update(_line_words(lines, start + 1))
    for part in parts:
        at = lines.find(part)
        while at >= 0:
            line = lines.rfind("\n", 0, at) + 1
            if at + len(part) <= lines.find("\t", line):  # in the term, not among the words after it
                found.update(_line_words(lines, line))
            end = lines.find("\n", at)
            at = lines.find(part, end) if end >= 0 else -1
    return found


def _line_words(lines: str, line: int) -> list[str]:
    """The words of the term_lines line that starts at ``line``."""
    end = lines.find("\n", line)
    return lines[lines.index("\t", line) + 1:end if end >= 0 else len(lines)].split(" ")


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"  # what \w matches in a str pattern


def _starts_word(text: str, start: int) -> bool:
    """Whether _TOKEN_RE starts a word at ``start`` (not inside one, as in `export` of `reexport` or of `U.S`)."""
    if start == 0:
        return True
    before = text[start - 1]
    if _is_word_character(before):
        return False
    return not (before in "'’." and start >= 2 and _is_word_character(text[start - 2]))


def _ends_word(text: str, end: int) -> bool:
    """Whether _TOKEN_RE ends a word at ``end`` (not inside one, as `export` in `exports` or in `export.com`)."""
    if end >= len(text):
        return True
    after = text[end]
    if _is_word_character(after):
        return False
    return not (after in "'’." and end + 1 < len(text) and _is_word_character(text[end + 1]))


def exact_title(text: str) -> str:
    """A title, or a query, as the `exact` field compares them: its words lowercased, folded as Danish is
    (`Århus` = `Aarhus`), joined by single spaces (`Micro-business` = `micro business`)."""
    return " ".join(_TOKEN_RE.findall(scandinavian_normalize((text or "").casefold())))[:200]
