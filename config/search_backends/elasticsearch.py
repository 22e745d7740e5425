"""Elasticsearch 9 (needs the `elasticsearch` 9.x client) with Danish and English analysis."""

from modelsearch.backends import elasticsearch9

from config.search_backends import LanguageMappingMixin, LanguageQueryCompilerMixin


class Mapping(LanguageMappingMixin, elasticsearch9.Elasticsearch9Mapping):
    pass


class SearchQueryCompiler(LanguageQueryCompilerMixin, elasticsearch9.Elasticsearch9SearchQueryCompiler):
    mapping_class = Mapping


class AutocompleteQueryCompiler(elasticsearch9.Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = Mapping


class SearchBackend(elasticsearch9.Elasticsearch9SearchBackend):
    mapping_class = Mapping
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
