"""An indexed object as a Whoosh document."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.db import models
from modelsearch.backends.base import get_model_root
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField

from . import analysis
from .analysis import LANGUAGES
from .schema import (
    autocomplete_field_name,
    content_type_labels,
    encode_value,
    filter_field_name,
    join_values,
    pair_field_name,
    text_field_name,
)

TEXT_LIMIT = 1_000_000  # characters per field: a runaway page must not stall indexing


def document_key(model, pk) -> str:
    return f"{get_model_root(model)._meta.label_lower}:{pk}"


def object_languages(obj) -> tuple[str, ...]:
    """The analysers for an object's text: its locale's language, or both when it has none."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return LANGUAGES
    try:
        language = (obj.locale.language_code or "").lower()
    except Exception:  # a dangling locale: index in both languages rather than fail
        return LANGUAGES
    if language.startswith("da"):
        return ("da",)
    return ("en",)


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, models.Manager):
        return list(value.all())
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return [value]
    if isinstance(value, dict):
        return list(value.values())
    return list(value)


def _in_stable_order(items: list) -> list:
    """Related objects by primary key: a prefetch and a plain query return them in whatever order the
    database likes (PostgreSQL differs between the two), and the document's digest must not change."""
    if any(getattr(item, "pk", None) is None for item in items):
        return items
    return sorted(items, key=lambda item: item.pk)


def _text(value) -> str:
    parts = []
    for item in _as_list(value):
        if item is None:
            continue
        if isinstance(item, list | tuple):
            parts.append(_text(item))
        else:
            parts.append(str(item))
    return "\n".join(p for p in parts if p)[:TEXT_LIMIT]


def _collect(obj, search_fields, prefix: str, out: dict):
    """Fill out[kind][path] with values for each SearchField/AutocompleteField/FilterField."""
    for field in search_fields:
        path = f"{prefix}{field.field_name}"
        if isinstance(field, RelatedFields):
            try:
                related = field.get_value(obj)
            except Exception:  # a broken relation must not stop indexing the object
                related = None
            items = _as_list(related)
            for item in _in_stable_order(items):
                _collect(item, field.fields, f"{path}.", out)
            if not items:
                for sub in field.fields:
                    if isinstance(sub, FilterField):
                        out["null"].add(f"{path}.{sub.field_name}")
            continue
        try:
            value = field.get_value(obj)
        except Exception:
            value = None
        if isinstance(field, SearchField):
            out["text"].setdefault((path, field.boost), []).append(_text(value))
        elif isinstance(field, AutocompleteField):
            out["autocomplete"].setdefault(path, []).append(_text(value))
        elif isinstance(field, FilterField):
            values = [encode_value(v) for v in _as_list(value)]
            values = [v for v in values if v is not None]
            if values:
                out["filter"].setdefault(path, []).extend(values)
            else:
                out["null"].add(path)


def build_document(obj) -> dict:
    model = type(obj)
    out = {"text": {}, "autocomplete": {}, "filter": {}, "null": set()}
    _collect(obj, model.get_search_fields(), "", out)
    languages = object_languages(obj)
    doc = {
        "key": document_key(model, obj.pk),
        "pk": encode_value(obj.pk),
        "ct": join_values(content_type_labels(model)),
        "lang": languages[0] if len(languages) == 1 else "",
    }
    all_text = []
    for (path, boost), texts in out["text"].items():
        text = "\n".join(t for t in texts if t)
        if not text:
            continue
        all_text.append(text)
        for language in languages:
            name = text_field_name(language, path, boost)
            doc[name] = doc[pair_field_name(name)] = text
    for path, texts in out["autocomplete"].items():
        text = "\n".join(t for t in texts if t)
        if text:
            for language in languages:
                doc[autocomplete_field_name(language, path)] = text
    for path, values in out["filter"].items():
        doc[filter_field_name(path)] = join_values(values)
    # A filter field can be null in one related object and set in another: it is null only if never set.
    nulls = sorted(path for path in out["null"] if path not in out["filter"])
    if nulls:
        doc["nulls"] = join_values(nulls)
    words = "\n".join(all_text)
    for language in languages:
        doc[f"w_{language}"] = words
    title = analysis.exact_title(getattr(obj, "title", "") or "")
    if title:
        doc["exact"] = title
    doc["digest"] = document_digest(doc)
    return doc


def document_digest(doc: dict) -> str:
    content = {k: v for k, v in doc.items() if k != "digest"}
    payload = json.dumps([analysis.ANALYSIS_VERSION, content], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()
