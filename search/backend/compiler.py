"""modelsearch queries and queryset filters as Whoosh queries.

No Whoosh query parser is involved: user text is tokenised by our analysers, so
no input can raise a parser error. Each query word is matched in both languages
(Danish fields with the Danish analyser, English fields with the English one),
expanded with synonyms, and for Danish also with compounds that contain it
(`virksomhed` finds `mikrovirksomheder`), at a lower weight; a Danish compound the index does not
know is split into parts it knows (`smykkefirma` finds pages on `smykker` and `firma`).
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Subquery
from django.db.models.sql import Query
from django.db.models.sql.constants import MULTI, SINGLE
from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from whoosh import query as wq

from search import synonyms

from .analysis import AUTOCOMPLETE_MAX_GRAM, LANGUAGES, analyze, exact_title, normalize, stem_danish, term_pairs
from .index_state import cached
from .phrases import CheckedPhrase
from .schema import content_type_label, encode_value, filter_field_name, pair_field_name, parse_text_field_name

MAX_QUERY_CHARS = 1000
MAX_UNITS = 32
SYNONYM_BOOST = 0.8
EXACT_TITLE_BOOST = 10.0  # above any sum of the other fields: the page typed is the page meant
COMPOUND_BOOST = 0.4
COMPOUND_MIN_LENGTH = 5
MAX_COMPOUND_EXPANSIONS = 20
MAX_PREFIX_EXPANSIONS = 50
PREFIX_MIN_LENGTH = 2
PART_MIN_LENGTH = 3
PART_BOOST = 0.3
RARE_COMPOUND_DOCS = 2  # a Danish word in at most this many pages is searched by its parts too
LINKING_LETTERS = ("s", "e")  # Danish joins compounds' parts with -s- or -e- (børnetøjsfirma, smykkefirma)


def split_compound(word: str, known: frozenset) -> list[str] | None:
    """The index terms of a Danish compound's known parts, or None.

    Parts are cut at the longest known first part, joined to the rest directly or by a linking -s- or
    -e- (`børnetøjsfirma` -> [børnetøj, firma]); a part is known when its Danish stem is a term of the
    index. When the rest cannot be cut into known parts, the longest known first part, which says what
    kind of thing the word names, stands for it (`smykkefirma` in an index without `firma` -> [smyk]);
    a known last part alone would match too much (`…virksomhed`)."""
    parts = _known_parts(word, known)
    if parts:
        return parts
    # The rest must be long enough to be a word of its own: a typo's last letters (`mikrovirksomhd`)
    # are not a part, and "did you mean" corrects such a word instead.
    for size in range(len(word) - PART_MIN_LENGTH - 1, PART_MIN_LENGTH, -1):
        stem = stem_danish(word[:size])
        if len(stem) > PART_MIN_LENGTH and stem in known:
            return [stem]
    return None


def _known_parts(word: str, known: frozenset) -> list[str] | None:
    """Every part known, longest first part first; None when no such cut exists."""
    if len(word) < 2 * PART_MIN_LENGTH:
        return None
    for cut in range(len(word) - PART_MIN_LENGTH, PART_MIN_LENGTH - 1, -1):
        head = stem_danish(word[:cut])
        if head not in known:
            continue
        rest = word[cut:]
        tails = [rest] + ([rest[1:]] if rest[0] in LINKING_LETTERS and len(rest) > PART_MIN_LENGTH else [])
        for tail in tails:
            stem = stem_danish(tail)
            if stem in known:
                return [head, stem]
            parts = _known_parts(tail, known)
            if parts:
                return [head, *parts]
    return None


class Prefix(PlainText):
    """`word*`: words starting with `word`, expanded to at most MAX_PREFIX_EXPANSIONS index terms.

    A PlainText subclass, so that other backends search for the word itself.
    """

    def __repr__(self):
        return f"<Prefix {self.query_string!r}>"


def boosted(query, factor: float):
    """`query` with every scoring leaf's boost multiplied (Whoosh drops the boost of a one-child Or)."""
    if factor == 1:
        return query
    if isinstance(query, wq.AndNot):
        return wq.AndNot(boosted(query.a, factor), query.b)
    if isinstance(query, (wq.Every, wq.NullQuery.__class__)):
        return query
    if query.is_leaf():
        return query.with_boost(query.boost * factor)
    return query.apply(lambda child: boosted(child, factor))


def _every_but(query):
    return wq.AndNot(wq.Every(), query)


def _and(parts):
    if any(p is None for p in parts):
        return None
    parts = [p for p in parts if not isinstance(p, wq.Every)] or [wq.Every()]
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _or(parts, boost=1.0):
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1 and boost == 1.0:
        return parts[0]
    return wq.Or(parts, boost=boost)


class FieldSet:
    """The text fields a query looks at, from the index's actual field names."""

    def __init__(self, reader, fields=None, prefix="t"):
        self.by_language: dict[str, list[tuple[str, float]]] = {lang: [] for lang in LANGUAGES}
        wanted = [f.replace("__", ".") for f in fields] if fields else None
        names = list(reader.indexed_field_names())
        self.indexed = frozenset(names)  # every field of the index that has terms
        for name in names:
            parsed = parse_text_field_name(name) if prefix == "t" else _parse_autocomplete_name(name)
            if not parsed:
                continue
            language, path, boost = parsed
            if wanted is not None and not any(path == w or path.startswith(w + ".") for w in wanted):
                continue
            self.by_language[language].append((name, boost))


_FIELD_SETS: dict = {}
_DANISH_FREQUENCIES: dict = {}


def field_set(reader, fields=None, prefix="t") -> FieldSet:
    """The FieldSet of these fields on what reader reads (the same for every query until the index changes)."""
    key = (tuple(fields) if fields else None, prefix)
    return cached(_FIELD_SETS, 64, reader, key, lambda: FieldSet(reader, fields, prefix))


def _parse_autocomplete_name(name):
    if len(name) > 3 and name[0] == "a" and name[1:3] in LANGUAGES and name[3] == "_":
        return name[1:3], name[4:], 1.0
    return None


class Vocabulary:
    """Index terms of some fields, for compound, prefix and spelling lookups; cached per index state."""

    _cache: dict = {}

    @classmethod
    def terms(cls, reader, fields) -> list[str]:
        def collect():
            collected = set()
            for field in fields:
                for term in reader.lexicon(field):
                    collected.add(term.decode("utf-8") if isinstance(term, bytes) else term)
            return sorted(collected)

        return cached(cls._cache, 16, reader, tuple(sorted(fields)), collect)

    _term_sets: dict = {}

    @classmethod
    def term_set(cls, reader, fields) -> frozenset:
        """terms() as a set, for splitting compounds."""
        return cached(cls._term_sets, 16, reader, tuple(sorted(fields)), lambda: frozenset(cls.terms(reader, fields)))

    _field_sets: dict = {}

    @classmethod
    def field_terms(cls, reader, field) -> frozenset:
        """The terms of one field as a set: membership tests without Whoosh's per-lookup overhead."""
        return cached(
            cls._field_sets, 256, reader, field,
            lambda: frozenset(t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field)),
        )


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "or"
    field_prefix = "t"

    # --- filters (called by BaseSearchQueryCompiler._get_filters_from_queryset) ---

    def _field_name(self, field_path) -> str:
        return filter_field_name(".".join(field.field_name for field in field_path))

    def _path(self, field_path) -> str:
        return ".".join(field.field_name for field in field_path)

    def _resolve(self, value, result_type):
        if isinstance(value, Query | Subquery):
            query = value.query if isinstance(value, Subquery) else value
            result = query.get_compiler(self.queryset._db or DEFAULT_DB_ALIAS).execute_sql(result_type=result_type)
            if result_type == SINGLE:
                return result[0] if result else None
            return [row[0] for chunk in result for row in chunk]
        return value

    def _process_lookup(self, field_path, lookup, value):
        name = self._field_name(field_path)
        if lookup == "exact":
            value = self._resolve(value, SINGLE)
            if value is None:
                return wq.Term("nulls", self._path(field_path))
            return wq.Term(name, encode_value(value))
        if lookup == "isnull":
            nulls = wq.Term("nulls", self._path(field_path))
            return nulls if value else _every_but(nulls)
        if lookup in ("startswith", "prefix"):
            return wq.Prefix(name, encode_value(value))
        if lookup in ("gt", "gte", "lt", "lte"):
            encoded = encode_value(value)
            if lookup.startswith("g"):
                return wq.TermRange(name, encoded, None, startexcl=lookup == "gt")
            return wq.TermRange(name, None, encoded, endexcl=lookup == "lt")
        if lookup == "range":
            lower, upper = value
            return wq.TermRange(name, encode_value(lower), encode_value(upper))
        if lookup == "in":
            values = self._resolve(value, MULTI)
            values = list(values)
            terms = [wq.Term(name, encode_value(v)) for v in values if v is not None]
            if any(v is None for v in values):
                terms.append(wq.Term("nulls", self._path(field_path)))
            return wq.Or(terms) if terms else wq.NullQuery
        return None

    def _process_match_none(self):
        return wq.NullQuery

    def _connect_filters(self, filters, connector, negated):
        filters = [f for f in filters if f is not None]
        if not filters:
            return None
        if connector == "AND":
            if any(f is wq.NullQuery for f in filters):
                combined = wq.NullQuery
            else:
                combined = filters[0] if len(filters) == 1 else wq.And(filters)
        else:
            filters = [f for f in filters if f is not wq.NullQuery]
            if not filters:
                combined = wq.NullQuery
            else:
                combined = filters[0] if len(filters) == 1 else wq.Or(filters)
        if negated:
            return wq.Every() if combined is wq.NullQuery else _every_but(combined)
        return combined

    def whoosh_filter(self):
        """The filter query: the queryset's model plus its filters (None for "matches nothing")."""
        model_filter = wq.Term("ct", content_type_label(self.queryset.model))
        filters = self._get_filters_from_queryset()
        if filters is wq.NullQuery:
            return None
        if filters is None:
            return model_filter
        return wq.And([model_filter, filters])

    def sort_facets(self):
        """Whoosh sort keys for the queryset's order_by, or None for relevance."""
        from whoosh import sorting

        if self.order_by_relevance:
            return None
        facets = [
            sorting.FieldFacet(filter_field_name(field.field_name), reverse=reverse) for reverse, field in self._get_order_by()
        ]
        facets.append(sorting.FieldFacet("pk"))
        return facets[0] if len(facets) == 1 else sorting.MultiFacet(facets)

    # --- text ---

    def whoosh_query(self, searcher):
        self._reader = searcher.reader()
        self._fields = field_set(self._reader, self.fields, self.field_prefix)
        return self._compile(self.query)

    def _compile(self, query):
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, Prefix):
            return self._prefix(query.query_string, query.boost)
        if isinstance(query, PlainText):
            return self._plain(query.query_string, query.operator, query.boost)
        if isinstance(query, Phrase):
            return self._phrase(query.query_string)
        if isinstance(query, Fuzzy):
            return self._fuzzy(query.query_string, query.operator)
        if isinstance(query, Boost):
            inner = self._compile(query.subquery)
            return None if inner is None else boosted(inner, float(query.boost))
        if isinstance(query, And):
            return _and([self._compile(q) for q in query.subqueries])
        if isinstance(query, Or):
            parts = [self._compile(q) for q in query.subqueries]
            if any(isinstance(p, wq.Every) for p in parts):
                return wq.Every()
            return _or(parts)
        if isinstance(query, Not):
            inner = self._compile(query.subquery)
            if inner is None:
                return wq.Every()
            if isinstance(inner, wq.Every):
                return None
            return _every_but(inner)
        raise NotImplementedError(f"{type(query).__name__} is not supported by the Whoosh backend")

    def _term_in_fields(self, language, term, boost=1.0):
        # Only terms the index has: a query over every field x language x term would be mostly
        # empty matchers, and building them is most of Whoosh's query time.
        fields = self._fields.by_language[language]
        reader = self._reader
        return [
            wq.Term(name, term, boost=field_boost * boost)
            for name, field_boost in fields
            if term in Vocabulary.field_terms(reader, name)
        ]

    def _compounds(self, term):
        if len(term) < COMPOUND_MIN_LENGTH:
            return []
        names = [name for name, _ in self._fields.by_language["da"]]
        found = []
        for candidate in Vocabulary.terms(self._reader, names):
            if term in candidate and candidate != term:
                found.append(candidate)
                if len(found) >= MAX_COMPOUND_EXPANSIONS:
                    break
        return found

    def _words_query(self, text, boost=1.0, compounds=True):
        """`text` (one word or a few) in both languages: each word required within a language."""
        per_language = []
        for language in LANGUAGES:
            if not self._fields.by_language[language]:
                continue
            terms = analyze(text, language)
            if not terms:
                continue
            term_queries = []
            for term in dict.fromkeys(terms):
                alternatives = self._term_in_fields(language, term, boost)
                if language == "da" and compounds:
                    for compound in self._compounds(term):
                        alternatives.extend(self._term_in_fields(language, compound, boost * COMPOUND_BOOST))
                    if not alternatives:
                        term_queries.append(self._parts_query(term, boost))
                        continue
                    if self._is_rare(term):
                        # A compound few pages use (`børnetøjsfirma`): the pages with all its parts follow them.
                        parts = self._parts_query(term, boost, together_only=True)
                        if parts is not None:
                            alternatives.append(boosted(parts, COMPOUND_BOOST))
                term_queries.append(_or(alternatives))
            per_language.append(_and(term_queries))
        return _or(per_language)


    def _is_rare(self, term) -> bool:
        if len(term) < 2 * PART_MIN_LENGTH:
            return False
        reader, names = self._reader, [name for name, _ in self._fields.by_language["da"]]
        found = cached(_DANISH_FREQUENCIES, 10_000, reader, (tuple(names), term),
                       lambda: sum(reader.doc_frequency(name, term) for name in names))
        return found <= RARE_COMPOUND_DOCS

    def _parts_query(self, term, boost=1.0, together_only=False):
        """An unknown Danish compound (`børnetøjsfirma`) by its parts the index knows (`børnetøj`, `firma`):
        pages with every part first, then pages with the rarer parts."""
        names = [name for name, _ in self._fields.by_language["da"]]
        parts = split_compound(term, Vocabulary.term_set(self._reader, names))
        if not parts:
            return None
        part_queries = [_or(self._term_in_fields("da", part, boost)) for part in parts]
        together = _and(part_queries)
        if together_only:
            # Only parts that say something on their own (not `fin` of a made-up `finevirksomhed`).
            return together if all(len(part) > PART_MIN_LENGTH for part in parts) else None
        alone = [boosted(q, PART_BOOST) for q in part_queries if q is not None]
        return _or([together, *alone])

    def _is_stop_word_somewhere(self, text):
        return any(not analyze(text, language) for language in LANGUAGES)

    def _plain(self, text, operator, boost=1.0):
        text = (text or "")[:MAX_QUERY_CHARS]
        unit_queries = []
        units = synonyms.split_units(text)[:MAX_UNITS]
        for surface, alternatives in units:
            if not alternatives and self._is_stop_word_somewhere(surface):
                continue
            parts = [self._words_query(surface)]
            # A synonym is already an expansion: not expanded again into its compounds (`market` ->
            # `marked` -> 20 compounds x 5 fields made a union of ~100 posting lists). A synonym of
            # several words is one expression, matched as a phrase: `børnetøj` means "children's
            # clothes", not pages that say "children" somewhere and "clothes" somewhere else.
            for alt in alternatives:
                synonym = self._phrase(alt)
                parts.append(None if synonym is None else boosted(synonym, SYNONYM_BOOST))
            unit_query = _or(parts)
            if unit_query is None and operator == "and":
                return None
            unit_queries.append(unit_query)
        unit_queries = [q for q in unit_queries if q is not None]
        if not unit_queries:
            return None
        combined = _and(unit_queries) if operator == "and" else _or(unit_queries)
        exact = exact_title(text)
        if combined is not None and exact and "exact" in self._fields.indexed:
            # A page whose whole title is what was typed is the one meant (`eksportvirksomhed` among
            # thousands of pages that say the word): its title term lifts it above them.
            combined = wq.Or([combined, wq.Term("exact", exact, boost=EXACT_TITLE_BOOST)])
        if boost != 1 and combined is not None:
            combined = boosted(combined, float(boost))
        return combined

    def _phrase(self, text):
        text = (text or "")[:MAX_QUERY_CHARS]
        per_language = []
        for language in LANGUAGES:
            terms = analyze(text, language)[:MAX_UNITS]
            if not terms:
                continue
            if len(terms) == 1:
                per_language.append(_or(self._term_in_fields(language, terms[0])))
            else:
                fields = self._fields.by_language[language]
                per_language.append(_or([self._phrase_in_field(name, b, terms) for name, b in fields]))
        return _or(per_language)

    def _phrase_in_field(self, name, boost, terms):
        """`terms` next to each other in one text field, read from its pair field (a few short posting
        lists) rather than from word positions (every document holding all the words, checked one by one)."""
        reader = self._reader
        pair_field = pair_field_name(name)
        if pair_field not in self._fields.indexed:
            # An index from before pair fields (until `search_index_check --repair` reindexes it).
            if all(term in Vocabulary.field_terms(reader, name) for term in terms):
                return wq.Phrase(name, terms, boost=boost)
            return None
        pairs = term_pairs(terms)
        if not all((pair_field, pair) in reader for pair in pairs):
            return None
        if len(pairs) == 1:
            return wq.Term(pair_field, pairs[0], boost=boost)
        return CheckedPhrase(name, terms, pair_field, pairs, boost=boost)

    def _fuzzy(self, text, operator):
        text = (text or "")[:MAX_QUERY_CHARS]
        word_queries = []
        for word in normalize(text, "en")[:MAX_UNITS]:
            per_language = []
            for language in LANGUAGES:
                terms = analyze(word, language)
                if not terms:
                    continue
                term = terms[0]
                maxdist = 1 if len(term) < 6 else 2
                per_language.append(
                    _or(
                        [
                            wq.FuzzyTerm(name, term, boost=b, maxdist=maxdist, prefixlength=1)
                            for name, b in self._fields.by_language[language]
                        ]
                    )
                )
            word_queries.append(_or(per_language))
        word_queries = [q for q in word_queries if q is not None]
        if not word_queries:
            return None
        return _and(word_queries) if operator == "and" else _or(word_queries)

    def _prefix(self, text, boost=1.0):
        per_language = []
        for language in LANGUAGES:
            words = normalize(text, language)
            if not words or len(words[-1]) < PREFIX_MIN_LENGTH:
                continue
            prefix = words[-1]
            stems = analyze(prefix, language)
            prefixes = {prefix} | ({stems[0]} if stems and prefix.startswith(stems[0]) else set())
            expansions = []
            for name, field_boost in self._fields.by_language[language]:
                for candidate in sorted(prefixes):
                    for term in self._reader.expand_prefix(name, candidate):
                        term = term.decode("utf-8") if isinstance(term, bytes) else term
                        expansions.append(wq.Term(name, term, boost=field_boost * boost))
                        if len(expansions) >= MAX_PREFIX_EXPANSIONS:
                            break
            per_language.append(_or(expansions))
        return _or(per_language)


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Partial words against the edge n-gram fields (AutocompleteField): no wildcard expansion."""

    DEFAULT_OPERATOR = "and"
    field_prefix = "a"

    def _compile(self, query):
        if isinstance(query, PlainText):
            return self._autocomplete(query.query_string, query.operator)
        return super()._compile(query)

    def _autocomplete(self, text, operator):
        text = (text or "")[:MAX_QUERY_CHARS]
        word_count = len(normalize(text, "en")[:MAX_UNITS])
        if not word_count:
            return None
        word_queries = []
        for position in range(word_count):
            per_language = []
            for language in LANGUAGES:
                words = normalize(text, language)
                if position >= len(words):
                    continue
                gram = words[position][:AUTOCOMPLETE_MAX_GRAM]
                per_language.append(_or(self._term_in_fields(language, gram)))
            word_queries.append(_or(per_language))
        if operator == "and":
            return _and(word_queries)
        return _or(word_queries)

