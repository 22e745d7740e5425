"""The behaviours modelsearch's BackendTests check, against the wiki's pages and the Whoosh backend."""

from collections import OrderedDict

import pytest
from django.core.management import call_command
from modelsearch.backends import get_search_backend
from modelsearch.backends.base import FilterFieldError, OrderByFieldError, SearchFieldError
from modelsearch.query import MATCH_ALL, MATCH_NONE, And, Boost, Fuzzy, Not, Or, Phrase, PlainText
from wagtail.models import Locale, Page

from search.backend import SearchBackend
from wiki.models import CaseStudyIndexPage, CaseStudyPage, DefinitionPage

pytestmark = pytest.mark.usefixtures("content")


def titles(results):
    return [r.title for r in results]


def test_default_backend_is_whoosh():
    assert isinstance(get_search_backend(), SearchBackend)


def test_search_simple():
    assert "Konkollega" in titles(Page.objects.search("konkollega"))


def test_search_via_queryset_with_filter():
    english = Locale.objects.get(language_code="en")
    results = Page.objects.live().filter(locale=english).search("konkollega")
    assert results and all(page.locale_id == english.pk for page in results)


def test_search_count_and_slices():
    results = Page.objects.search("eksport")
    total = results.count()
    assert total == len(list(results)) > 3
    assert results[1:3].count() == 2
    assert list(results[1:3]) == list(results)[1:3]
    assert list(results[:2][1:]) == list(results)[1:2]
    assert results[0] == list(results)[0]


def test_blank_and_match_none_are_empty_match_all_is_everything():
    assert list(Page.objects.search("")) == []
    assert list(Page.objects.search(MATCH_NONE)) == []
    pages = Page.objects.count()
    assert Page.objects.search(MATCH_ALL).count() == pages
    assert Page.objects.search(Or([MATCH_NONE, MATCH_ALL])).count() == pages
    assert list(Page.objects.search(And([MATCH_ALL, MATCH_NONE]))) == []
    assert list(Page.objects.search(Not(MATCH_ALL))) == []


def test_results_come_only_from_the_queried_model():
    results = CaseStudyPage.objects.search("export")
    assert results and all(isinstance(r, CaseStudyPage) for r in results)
    assert "Micro-business" not in titles(results)


def test_specific_pages_from_page_search():
    results = Page.objects.live().specific().search("Piccalilly")
    assert isinstance(results[0], CaseStudyPage)


def test_the_backend_ranks_a_word_search_without_whooshs_collector(monkeypatch):
    from whoosh.searching import Searcher

    from search import adapters, service

    expected = adapters.result_ids(adapters.backend().search("mikrovirksomhed", service.searchable_pages()), 20)
    assert expected

    def refuse(*args, **kwargs):
        raise AssertionError("a plain word search went through Whoosh's collector")

    monkeypatch.setattr(Searcher, "search", refuse)
    ranked = adapters.result_ids(adapters.backend().search("mikrovirksomhed", service.searchable_pages()), 20)
    assert ranked == expected


def test_ranking_prefers_title_matches():
    assert titles(Page.objects.search("konkollega"))[0].startswith("Konkollega")


def test_annotate_score():
    results = list(Page.objects.search("konkollega").annotate_score("_score"))
    assert all(isinstance(r._score, float) for r in results)
    assert results[0]._score >= results[-1]._score


def test_search_on_individual_field():
    # "shoes" is in Happy Little Soles' body and tags, but no English title contains it.
    assert list(Page.objects.search("shoes", fields=["title"])) == []
    assert titles(CaseStudyPage.objects.search("Soles", fields=["title"])) == ["Happy Little Soles", "Happy Little Soles"]


def test_search_on_unknown_field_is_an_error():
    with pytest.raises(SearchFieldError):
        Page.objects.search("x", fields=["nonexistent"])


def test_search_on_related_fields_tags():
    page = CaseStudyPage.objects.get(title="Piccalilly", locale__language_code="en")
    page.tags.add("zyxwtag")
    page.save_revision().publish()
    assert titles(CaseStudyPage.objects.search("zyxwtag")) == ["Piccalilly"]


def test_search_callable_field():
    # export_market_names is a property: Happy Little Soles sells to Slovenia.
    assert "Happy Little Soles" in titles(CaseStudyPage.objects.search("Slovenia"))


def test_autocomplete_partial_words_not_stemmed():
    assert "Mikrovirksomhed" in titles(Page.objects.autocomplete("mikrov"))
    assert "Piccalilly" in titles(Page.objects.autocomplete("picc"))
    # Whole-word search does not match a fragment.
    assert list(Page.objects.search("picc")) == []


def test_autocomplete_several_words_and_filter():
    english = Locale.objects.get(language_code="en")
    results = Page.objects.filter(locale=english).autocomplete("happy lit")
    assert titles(results) == ["Happy Little Soles"]


def test_autocomplete_with_fields_and_hyphen():
    assert "Micro-business" in titles(Page.objects.autocomplete("micro-bus", fields=["title"]))


def test_filters_exact_lt_gt_in_isnull():
    studies = CaseStudyPage.objects.all()
    assert set(titles(studies.filter(staff_count=1).search(MATCH_ALL))) == {"Happy Little Soles"}
    assert set(titles(studies.filter(staff_count__lt=2).search(MATCH_ALL))) == {"Happy Little Soles"}
    assert set(titles(studies.filter(staff_count__lte=2).search(MATCH_ALL))) == {"Happy Little Soles", "UV Angel"}
    assert set(titles(studies.filter(staff_count__gt=2).search(MATCH_ALL))) == {"Piccalilly"}
    assert set(titles(studies.filter(staff_count__gte=2).search(MATCH_ALL))) == {"Piccalilly", "UV Angel"}
    assert set(titles(studies.filter(sector__in=["footwear", "jewellery_accessories"]).search(MATCH_ALL))) == {
        "Happy Little Soles",
        "UV Angel",
    }
    assert studies.filter(staff_count__isnull=True).search(MATCH_ALL).count() == 0
    assert studies.filter(staff_count__isnull=False).search(MATCH_ALL).count() == 6


def test_filter_or_and_not():
    from django.db.models import Q

    studies = CaseStudyPage.objects.filter(Q(staff_count=1) | Q(sector="clothing_textiles"))
    assert set(titles(studies.search(MATCH_ALL))) == {"Happy Little Soles", "Piccalilly"}
    studies = CaseStudyPage.objects.exclude(staff_count=1)
    assert set(titles(studies.search(MATCH_ALL))) == {"Piccalilly", "UV Angel"}


def test_filter_in_subquery():
    ids = CaseStudyPage.objects.filter(staff_count=4).values_list("id", flat=True)
    assert set(titles(Page.objects.filter(id__in=ids).search(MATCH_ALL))) == {"Piccalilly"}


def test_filter_on_non_filterable_field_is_an_error():
    with pytest.raises(FilterFieldError):
        list(CaseStudyPage.objects.filter(website="x").search("x"))


def test_tree_filters_descendant_child_and_live():
    index = CaseStudyIndexPage.objects.get(locale__language_code="da")
    children = Page.objects.child_of(index).search(MATCH_ALL)
    assert children.count() == 3 and all(p.locale_id == index.locale_id for p in children)
    descendants = Page.objects.descendant_of(index, inclusive=True).search(MATCH_ALL)
    assert descendants.count() == 4
    assert Page.objects.live().type(CaseStudyPage).search("export").count() == CaseStudyPage.objects.search(
        "export"
    ).count()


def test_unpublished_pages_leave_live_results():
    page = DefinitionPage.objects.get(title="Konkollega")
    page.unpublish()
    assert "Konkollega" not in titles(Page.objects.live().search("konkollega"))
    assert "Konkollega" in titles(Page.objects.search("konkollega"))


def test_order_by_field_and_relevance_false():
    studies = CaseStudyPage.objects.filter(locale=Locale.objects.get(language_code="en"))
    ascending = studies.order_by("staff_count").search(MATCH_ALL, order_by_relevance=False)
    assert titles(ascending) == ["Happy Little Soles", "UV Angel", "Piccalilly"]
    descending = studies.order_by("-staff_count").search("export", order_by_relevance=False)
    assert titles(descending) == ["Piccalilly", "UV Angel", "Happy Little Soles"]
    assert titles(descending[1:]) == ["UV Angel", "Happy Little Soles"]


def test_order_by_non_filterable_field_is_an_error():
    with pytest.raises(OrderByFieldError):
        CaseStudyPage.objects.order_by("website").search("x", order_by_relevance=False)


def test_facet():
    facets = CaseStudyPage.objects.search(MATCH_ALL).facet("sector")
    assert dict(facets) == {"clothing_textiles": 2, "footwear": 2, "jewellery_accessories": 2}
    assert isinstance(facets, OrderedDict)
    # "shoes" = "sko" (a synonym): the English and the Danish page.
    assert dict(CaseStudyPage.objects.search("shoes").facet("sector")) == {"footwear": 2}
    with pytest.raises(FilterFieldError):
        CaseStudyPage.objects.search(MATCH_ALL).facet("foo")


def test_plain_text_operators():
    assert list(Page.objects.search(PlainText("piccalilly zebra", operator="and"))) == []
    assert "Piccalilly" in titles(Page.objects.search(PlainText("piccalilly zebra", operator="or")))
    assert "Piccalilly" in titles(Page.objects.search(PlainText("piccalilly", operator="and")))
    with pytest.raises(ValueError):
        PlainText("x", operator="xor")


def test_and_or_not_query_classes():
    shoes = set(titles(Page.objects.search(PlainText("shoes"))))
    jewellery = set(titles(Page.objects.search(PlainText("jewellery"))))
    assert set(titles(Page.objects.search(Or([PlainText("shoes"), PlainText("jewellery")])))) == shoes | jewellery
    assert set(titles(Page.objects.search(And([PlainText("shoes"), PlainText("jewellery")])))) == shoes & jewellery
    not_shoes = set(titles(Page.objects.search(And([PlainText("export"), Not(PlainText("shoes"))]))))
    assert not_shoes and "Happy Little Soles" not in not_shoes


def test_boost():
    query = Or([PlainText("shoes"), Boost(PlainText("jewellery"), 10)])
    assert titles(CaseStudyPage.objects.search(query))[0] == "UV Angel"
    query = Or([Boost(PlainText("shoes"), 10), PlainText("jewellery")])
    assert titles(CaseStudyPage.objects.search(query))[0] == "Happy Little Soles"


def test_fuzzy():
    assert "Piccalilly" in titles(Page.objects.search(Fuzzy("piccalily")))


def test_phrase():
    phrase = set(titles(Page.objects.search(Phrase("online shop"))))
    assert "Happy Little Soles" in phrase
    assert "Happy Little Soles" in titles(Page.objects.search(Phrase("happy little")))
    assert "Happy Little Soles" not in titles(Page.objects.search(Phrase("little happy")))


def test_a_phrase_needs_its_words_in_sequence_not_only_its_pairs():
    page = DefinitionPage.objects.get(title="Konkollega")
    page.body = "Zesty lemon, then lemon tart."
    page.save_revision().publish()
    assert titles(Page.objects.search(Phrase("zesty lemon"))) == ["Konkollega"]
    assert titles(Page.objects.search(Phrase("lemon tart"))) == ["Konkollega"]
    assert titles(Page.objects.search(Phrase("zesty lemon tart"))) == []
    page.body = "A zesty lemon tart."
    page.save_revision().publish()
    assert titles(Page.objects.search(Phrase("zesty lemon tart"))) == ["Konkollega"]
    page.body = "Zesty lemon lemon tart."
    page.save_revision().publish()
    assert titles(Page.objects.search(Phrase("zesty lemon lemon tart"))) == ["Konkollega"]
    assert titles(Page.objects.search(Phrase("lemon lemon tart tart"))) == []
    assert titles(Page.objects.search(Boost(Phrase("zesty lemon lemon tart"), 3))) == ["Konkollega"]


def test_phrases_match_documents_indexed_before_pair_fields_existed():
    from search.backend.documents import build_document
    from search.backend.testing import reset_search_index

    page = CaseStudyPage.objects.filter(title="Happy Little Soles").first()
    old_document = {k: v for k, v in build_document(page).items() if not k.startswith(("pda_", "pen_"))}
    reset_search_index()
    get_search_backend().store.write([("add", old_document)], timeout=1)
    assert titles(Page.objects.search(Phrase("happy little"))) == ["Happy Little Soles"]
    assert titles(Page.objects.search(Phrase("little happy"))) == []


def test_update_and_delete_reach_the_index():
    page = DefinitionPage.objects.get(title="Konkollega")
    page.title = "Zebrakollega"
    page.save_revision().publish()
    assert titles(Page.objects.search("zebrakollega")) == ["Zebrakollega"]
    page.delete()
    assert list(Page.objects.search("zebrakollega")) == []


def test_rebuild_switches_to_a_new_generation(capsys):
    store = get_search_backend().store
    before = store.current_generation()
    expected = sorted(titles(Page.objects.search("eksport")))
    call_command("update_index")
    out = capsys.readouterr().out
    assert "wiki.DefinitionPage" in out and "/" in out and "done in" in out
    assert store.current_generation() != before
    assert not store.rebuilding()
    assert sorted(titles(Page.objects.search("eksport"))) == expected


def test_api_v2_search_uses_the_backend(client):
    response = client.get("/api/v2/pages/?search=mikrovirksomheder&fields=title")
    assert response.status_code == 200
    found = [item["title"] for item in response.json()["items"]]
    assert "Mikrovirksomhed" in found and "Sprogprøve" in found
    response = client.get('/api/v2/pages/?search="unbalanced&search_operator=and')
    assert response.status_code == 200


def test_admin_page_search(admin_client):
    response = admin_client.get("/admin/pages/search/?q=konkollega")
    assert response.status_code == 200
    assert "Konkollega" in response.content.decode()
    response = admin_client.get("/admin/snippets/search/synonymgroup/?q=mikro")
    assert response.status_code == 200
