"""OpenSearch (2.x/3.x servers, opensearch-py 3) with Danish and English analysis."""

from modelsearch.backends import opensearch3

from config.search_backends import LanguageMappingMixin, LanguageQueryCompilerMixin


class Mapping(LanguageMappingMixin, opensearch3.OpenSearch3Mapping):
    pass


class SearchQueryCompiler(LanguageQueryCompilerMixin, opensearch3.OpenSearch3SearchQueryCompiler):
    mapping_class = Mapping


class AutocompleteQueryCompiler(opensearch3.OpenSearch3AutocompleteQueryCompiler):
    mapping_class = Mapping


class SearchBackend(opensearch3.OpenSearch3SearchBackend):
    mapping_class = Mapping
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
