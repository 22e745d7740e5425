"""The OpenSearch/Elasticsearch configuration and mappings (no server runs here: nothing connects)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page

from config.search_backends import add_language_subfields, with_language_subfields
from config.search_config import DANISH_ENGLISH_INDEX_SETTINGS, search_backends_from_env
from wiki.models import DefinitionPage

WHOOSH_PATH = "/srv/wiki/whoosh"


@pytest.mark.parametrize("environ", [{}, {"SEARCH_URL": ""}, {"SEARCH_URL": "whoosh://"}])
def test_no_search_url_keeps_the_default(environ):
    assert search_backends_from_env(environ, WHOOSH_PATH) is None


def test_whoosh_elsewhere_is_refused_with_a_hint():
    with pytest.raises(ImproperlyConfigured, match="DATA_DIR"):
        search_backends_from_env({"SEARCH_URL": "whoosh:///tmp/other"}, WHOOSH_PATH)


def test_opensearch_url():
    backends = search_backends_from_env({"SEARCH_URL": "opensearch://search.internal:9200/wiki"}, WHOOSH_PATH)
    assert backends == {
        "default": {
            "BACKEND": "config.search_backends.opensearch",
            "URLS": ["http://search.internal:9200"],
            "INDEX_PREFIX": "wiki_",
            "TIMEOUT": 10,
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": DANISH_ENGLISH_INDEX_SETTINGS,
        }
    }


def test_elasticsearch_over_https_with_credentials():
    backend = search_backends_from_env({"SEARCH_URL": "elasticsearchs://elastic:pw@es.example.com:9243"}, WHOOSH_PATH)[
        "default"
    ]
    assert backend["BACKEND"] == "config.search_backends.elasticsearch"
    assert backend["URLS"] == ["https://elastic:pw@es.example.com:9243"]
    assert backend["INDEX_PREFIX"] == ""


def test_database_url():
    backends = search_backends_from_env({"SEARCH_URL": "database://"}, WHOOSH_PATH)
    # Wagtail's database backend, in Danish and English on PostgreSQL (search/backend/postgres.py).
    assert backends == {"default": {"BACKEND": "search.backend.postgres"}}


@pytest.mark.parametrize("url", ["solr://localhost:8983", "opensearch://", "opensearch://host:9200/a/b"])
def test_bad_search_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured):
        search_backends_from_env({"SEARCH_URL": url}, WHOOSH_PATH)


def test_index_settings_define_danish_and_english_analysers():
    analysis = DANISH_ENGLISH_INDEX_SETTINGS["settings"]["analysis"]
    danish = analysis["analyzer"]["danish"]
    english = analysis["analyzer"]["english"]
    # Aarhus and Århus meet only in Danish text; English keeps "ae" and "oe" as they are.
    assert "scandinavian_normalization" in danish["filter"]
    assert "scandinavian_normalization" not in english["filter"]
    for analyzer in (danish, english):
        for name in analyzer["filter"]:
            assert name in analysis["filter"] or name in {"lowercase", "scandinavian_normalization"}
    assert analysis["filter"]["danish_stemmer"]["language"] == "danish"
    assert analysis["filter"]["english_stemmer"]["language"] == "english"


def test_text_fields_get_per_language_subfields_and_others_do_not():
    properties = add_language_subfields(
        {
            "title": {"type": "text", "copy_to": "_all_text"},
            "title_edgengrams": {"type": "text", "analyzer": "edgengram_analyzer"},
            "locale_id_filter": {"type": "integer"},
            "tags": {"type": "nested", "properties": {"name": {"type": "text"}}},
        }
    )
    language_fields = {"da": {"type": "text", "analyzer": "danish"}, "en": {"type": "text", "analyzer": "english"}}
    assert properties["title"]["fields"] == language_fields
    assert properties["tags"]["properties"]["name"]["fields"] == language_fields
    assert "fields" not in properties["title_edgengrams"]
    assert "fields" not in properties["locale_id_filter"]


def test_query_fields_include_language_subfields_with_their_boost():
    from modelsearch.backends.elasticsearchbase import Field

    fields = with_language_subfields([Field("_all_text"), Field("_all_text_boost_2_0", 2)])
    assert [f.field_name_with_boost for f in fields] == [
        "_all_text",
        "_all_text.da",
        "_all_text.en",
        "_all_text_boost_2_0^2",
        "_all_text_boost_2_0.da^2",
        "_all_text_boost_2_0.en^2",
    ]


@pytest.fixture
def opensearch_backend():
    from modelsearch.backends import get_search_backend

    params = search_backends_from_env({"SEARCH_URL": "opensearch://localhost:8399/wiki"}, WHOOSH_PATH)["default"]
    # Building the backend creates a client; nothing is sent until an index operation.
    return get_search_backend("default", **{k: v for k, v in params.items() if k != "BACKEND"}, BACKEND=params["BACKEND"])


def test_opensearch_backend_builds_from_the_settings(opensearch_backend):
    analysis = opensearch_backend.settings["settings"]["analysis"]
    # Ours are merged into modelsearch's own (which autocomplete needs).
    assert {"danish", "english", "edgengram_analyzer", "ngram_analyzer"} <= set(analysis["analyzer"])
    assert opensearch_backend.get_index_for_model(DefinitionPage).name == "wiki_wagtailcore_page"


def test_opensearch_page_mapping_has_language_subfields(opensearch_backend):
    mapping = opensearch_backend.mapping_class(DefinitionPage).get_mapping()["properties"]
    assert mapping["_all_text"]["fields"]["da"]["analyzer"] == "danish"
    assert mapping["_all_text"]["fields"]["en"]["analyzer"] == "english"
    assert mapping["title"]["fields"]["da"]["analyzer"] == "danish"
    assert "fields" not in mapping["_edgengrams"]


@pytest.mark.django_db
def test_opensearch_query_searches_both_languages(opensearch_backend):
    compiler = opensearch_backend.query_compiler_class(Page.objects.all(), "virksomheder")
    query = compiler.get_query()
    match = query["bool"]["must"]["multi_match"]
    assert match["query"] == "virksomheder"
    assert {"_all_text", "_all_text.da", "_all_text.en"} <= set(match["fields"])


@pytest.mark.django_db
def test_opensearch_autocomplete_keeps_edgengrams(opensearch_backend):
    compiler = opensearch_backend.autocomplete_query_compiler_class(Page.objects.all(), "virk")
    assert compiler.get_inner_query() == {"match": {"_edgengrams": {"query": "virk"}}}

