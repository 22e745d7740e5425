"""The index schema, field names and how filter values are encoded.

One Whoosh index holds every indexed model (like Wagtail's database backend).
Fixed fields:

- `key` ("app.model:pk" of the root model, unique), `digest` (stored hash of the
  document, so `search_index_check` can spot stale entries), `pk` (sortable), `ct` (the
  content types of the object's class and its indexed parents, so a search on
  `DefinitionPage.objects` sees only definitions), `lang` ("da"/"en"/"" for
  objects without a locale), `nulls` (filter fields whose value is None),
  `w_da`/`w_en` (plain words, for "did you mean"), `exact` (the title as one term: analysis.exact_title).

Dynamic fields (Whoosh glob fields), named from the search_fields definitions:

- `t{lang}_{path}_b{boost}`: a SearchField's text in one language's analyser.
  The boost lives in the name, so a query over all fields needs no lookup table.
- `p{lang}_{path}_b{boost}`: the same text as adjacent term pairs, for phrase queries.
- `a{lang}_{path}`: an AutocompleteField, as edge n-grams.
- `f_{path}`: a FilterField, one term per value (sortable).

`path` joins RelatedFields names with dots: `tags.name`.
"""

from __future__ import annotations

import datetime
import decimal
import re
import uuid

from django.db import models
from whoosh import fields as wf

from .analysis import (
    DANISH,
    DANISH_AUTOCOMPLETE,
    DANISH_PAIRS,
    DANISH_WORDS,
    ENGLISH,
    ENGLISH_AUTOCOMPLETE,
    ENGLISH_PAIRS,
    ENGLISH_WORDS,
    EXACT_TITLE,
    FILTER_VALUES,
    LANGUAGES,
    MultiValueTokenizer,
)
from .formats import IndexFrequency, IndexPositions

TEXT_ANALYZERS = {"da": DANISH, "en": ENGLISH}
AUTOCOMPLETE_ANALYZERS = {"da": DANISH_AUTOCOMPLETE, "en": ENGLISH_AUTOCOMPLETE}
PAIR_ANALYZERS = {"da": DANISH_PAIRS, "en": ENGLISH_PAIRS}


def _text_field(analyzer, phrase: bool = False) -> wf.TEXT:
    """A TEXT field of one of our LanguageAnalyzers, its postings counted without a Token per word (formats)."""
    field = wf.TEXT(analyzer=analyzer, phrase=phrase)
    field.format = (IndexPositions if phrase else IndexFrequency)(field_boost=field.format.field_boost)
    return field


class IndexSchema(wf.Schema):
    """Whoosh's Schema, remembering which glob field a name is once it was looked up: Whoosh matches the
    name against every glob pattern again on each lookup, and a query looks up each field for each of its
    terms (several hundred lookups for two words). Whoosh 2.7.4 is frozen: its `_fields` and `_dyn_fields`
    are what its own __getitem__ reads."""

    def __getitem__(self, name):
        field = self._fields.get(name)
        if field is not None:
            return field
        resolved = self.__dict__.setdefault("_resolved_names", {})
        field = resolved.get(name)
        if field is None:
            field = resolved[name] = super().__getitem__(name)  # KeyError for an unknown name: not kept
        return field

    def __getstate__(self):
        # Pickled into the index's TOC and to the rebuild's writer processes without the remembered names.
        state = dict(self.__dict__)
        state.pop("_resolved_names", None)
        return state


def build_schema() -> wf.Schema:
    schema = IndexSchema(
        key=wf.ID(unique=True, stored=True),
        digest=wf.STORED(),
        pk=wf.ID(stored=True, sortable=True),
        ct=wf.TEXT(analyzer=FILTER_VALUES, phrase=False, stored=False),
        lang=wf.ID(stored=True),
        nulls=wf.TEXT(analyzer=FILTER_VALUES, phrase=False),
        w_da=_text_field(DANISH_WORDS),
        w_en=_text_field(ENGLISH_WORDS),
        exact=wf.TEXT(analyzer=EXACT_TITLE, phrase=False),
    )
    for language in LANGUAGES:
        schema.add(f"t{language}_*", _text_field(TEXT_ANALYZERS[language], phrase=True), glob=True)
        schema.add(f"p{language}_*", _text_field(PAIR_ANALYZERS[language]), glob=True)
        schema.add(f"a{language}_*", wf.TEXT(analyzer=AUTOCOMPLETE_ANALYZERS[language], phrase=False), glob=True)
    schema.add("f_*", wf.TEXT(analyzer=FILTER_VALUES, phrase=False, sortable=True), glob=True)
    return schema


_BOOST_NAME = re.compile(r"^t(da|en)_(.+)_b(\d+(?:_\d+)?)$")


def boost_suffix(boost) -> str:
    value = float(boost if boost is not None else 1)
    text = f"{value:g}".replace(".", "_")
    return text.replace("-", "")


def text_field_name(language: str, path: str, boost) -> str:
    return f"t{language}_{path}_b{boost_suffix(boost)}"


def pair_field_name(text_field: str) -> str:
    """The pair field (phrases) that goes with a text field."""
    return "p" + text_field[1:]


def parse_text_field_name(name: str) -> tuple[str, str, float] | None:
    """(language, path, boost) of a text field name, or None."""
    match = _BOOST_NAME.match(name)
    if not match:
        return None
    return match.group(1), match.group(2), float(match.group(3).replace("_", "."))


def autocomplete_field_name(language: str, path: str) -> str:
    return f"a{language}_{path}"


def filter_field_name(path: str) -> str:
    return f"f_{path}"


def content_type_label(model) -> str:
    return model._meta.label_lower


def content_type_labels(model) -> list[str]:
    """The model's label and those of its concrete/abstract indexed parents."""
    from modelsearch.index import Indexed

    labels = []
    for klass in model.__mro__:
        if isinstance(klass, type) and issubclass(klass, models.Model) and issubclass(klass, Indexed):
            if getattr(klass, "_meta", None) is not None and klass is not models.Model:
                label = klass._meta.label_lower
                if label not in labels:
                    labels.append(label)
    return labels


# --- Filter values: every value becomes a string whose order matches the value's order ---

_INT_OFFSET = 2**63


def encode_value(value) -> str | None:
    """A filter value as an index term, order-preserving within one type. None stays None."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        value = value.pk
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return f"{value + _INT_OFFSET:020d}"
    if isinstance(value, float | decimal.Decimal):
        # Fixed point, offset to stay positive: enough for prices, percentages and coordinates.
        return f"{decimal.Decimal(value) + decimal.Decimal(10**15):032.10f}"
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S.%f")
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value).replace(MultiValueTokenizer.SEPARATOR, " ")


def join_values(values) -> str:
    return MultiValueTokenizer.SEPARATOR.join(values)
