"""modelsearch's OpenSearch/Elasticsearch backends, with Danish and English analysis.

modelsearch indexes every page in one index and queries its catch-all `_all_text`
fields with a single analyser. A page's language is a property of the document,
which an analyser cannot see, so each text field gets one sub-field per language
(`_all_text.da` through the `danish` analyser, `_all_text.en` through `english`,
both defined in config.search_config.DANISH_ENGLISH_INDEX_SETTINGS), and queries
search the field and its language sub-fields together. A Danish query then meets
Danish stems (virksomheder -> virksomhed) and an English one English stems, in one
search across both languages.

The client-specific subclasses live in `opensearch.py` and `elasticsearch.py`, so
that this module imports without either client library installed.
"""

from modelsearch.backends.elasticsearchbase import Field

from config.search_config import LANGUAGE_ANALYZERS


def add_language_subfields(properties: dict) -> dict:
    """Give every text property with the default analyser a sub-field per language (in place)."""
    for mapping in properties.values():
        if mapping.get("type") == "nested":
            add_language_subfields(mapping["properties"])
        elif mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping.setdefault("fields", {}).update(
                {language: {"type": "text", "analyzer": analyzer} for language, analyzer in LANGUAGE_ANALYZERS.items()}
            )
    return properties


def with_language_subfields(fields: list[Field]) -> list[Field]:
    """The fields to query: each field, then its per-language sub-fields with the same boost."""
    expanded = []
    for field in fields:
        expanded.append(field)
        expanded.extend(Field(f"{field.field_name}.{language}", field.boost) for language in LANGUAGE_ANALYZERS)
    return expanded


class LanguageMappingMixin:
    def get_mapping(self):
        mapping = super().get_mapping()
        add_language_subfields(mapping["properties"])
        return mapping


class LanguageQueryCompilerMixin:
    # modelsearch's backend hook for the fields a query searches (its compilers offer no public one).
    def _remap_fields(self, fields):
        return with_language_subfields(super()._remap_fields(fields))
