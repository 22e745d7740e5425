"""The search page: results from both languages, facets, pagination, messages, safety."""

import json
import re

import pytest
from wagtail.models import Locale, Page

from caching import generation
from search import adapters, service
from wiki.models import CaseStudyIndexPage, CaseStudyPage, DefinitionPage


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    return re.findall(r'class="search-result__title"><a href="[^"]*" lang="\w+"[^>]*>([^<]+)</a>', html)


def test_empty_search_page_has_a_labelled_input(client, db):
    html = html_of(client, "/en/search/")
    assert '<label for="q">' in html
    assert 'id="q"' in html and 'role="combobox"' in html
    assert 'aria-live="polite"' in html
    assert "search/suggest.js" in html


def test_one_result_per_page_in_the_readers_language_with_a_link_to_the_other(client, starter_content):
    danish = CaseStudyPage.objects.get(title="Piccalilly", locale__language_code="da")
    html = html_of(client, "/en/search/", q="Piccalilly")
    assert result_titles(html).count("Piccalilly") == 1
    assert 'class="badge badge-lang badge-lang-en"' in html
    assert 'class="badge badge-lang badge-lang-da"' not in html
    assert f'href="{danish.url}" hreflang="da">Also in Danish</a>' in html
    assert "Case study" in html  # page type, in the interface language


def test_a_danish_reader_gets_the_danish_page_first_even_for_an_english_match(client, starter_content):
    # "pikalilly" is corrected to a word both versions hold; the English one used to rank first on /da/.
    english = CaseStudyPage.objects.get(title="Piccalilly", locale__language_code="en")
    outcome = service.run_search("pikalilly", {}, "da")
    assert outcome.rows[0]["title"] == "Piccalilly" and outcome.rows[0]["language"] == "da"
    assert [row["title"] for row in outcome.rows].count("Piccalilly") == 1
    assert outcome.rows[0]["translations"] == [{"language": "en", "url": english.url}]


def test_a_page_without_a_version_in_the_readers_language_is_shown_in_its_own(client, starter_content):
    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    index.add_child(instance=CaseStudyPage(title="Wombat exports", slug="wombat", sells="wombat saddles"))
    outcome = service.run_search("wombat", {}, "da")
    assert [(row["title"], row["language"], row["translations"]) for row in outcome.rows] == [
        ("Wombat exports", "en", [])
    ]


def test_results_show_tags_and_a_highlighted_snippet(client, starter_content):
    html = html_of(client, "/en/search/", q="turnover")
    assert "<mark>turnover</mark>" in html.lower() or "<mark>Turnover</mark>" in html
    assert 'class="tags search-result__tags"' in html


def test_a_results_tags_link_to_the_tag_pages_of_the_results_language(client, starter_content):
    # The Danish page, on the Danish search page, and the English one on the English page (the language
    # facet picks it): each tag goes to its own language's tag page.
    html = html_of(client, "/da/search/", q="Piccalilly") + html_of(client, "/da/search/", q="Piccalilly", lang="en")
    results = re.findall(r'<li class="search-result">(.*?)</li>\s*(?=<li class="search-result">|</ol>)', html, re.S)
    languages = set()
    for result in results:
        language = re.search(r'lang="(\w+)"', result).group(1)
        links = re.findall(r'<a class="tag" href="([^"]+)"', result)
        assert all(link.startswith(f"/{language}/tags/") for link in links), (language, links)
        if links:
            languages.add(language)
            assert client.get(links[0]).status_code == 200
    assert languages == {"en", "da"}


def test_facet_counts_and_narrowing_by_language(client, starter_content):
    html = html_of(client, "/en/search/", q="Piccalilly")
    counts = dict(re.findall(r'href="\?q=Piccalilly&amp;lang=(\w+)">\w+ <span class="facet__count">(\d+)</span>', html))
    assert "da" not in counts  # one answer per page, in the reader's language
    narrowed = html_of(client, "/en/search/", q="Piccalilly", lang="da")
    assert 'badge-lang-en"' not in narrowed
    assert 'badge-lang-da"' in narrowed
    # The chosen facet is shown and can be removed.
    assert 'class="chip" href="?q=Piccalilly"' in narrowed


def test_facets_by_type_tag_and_export_country(client, starter_content):
    html = html_of(client, "/en/search/", q="export")
    assert "Page type" in html and "Export country" in html and "Tag" in html
    # Export countries of case studies, named in the page's language.
    assert re.search(r'country=ES">Spain <span class="facet__count">\d+</span>', html)
    html_da = html_of(client, "/da/search/", q="export")
    assert re.search(r'country=ES">Spanien <span class="facet__count">\d+</span>', html_da)

    by_country = html_of(client, "/en/search/", q="export", country="ES")
    assert set(result_titles(by_country)) == {"Happy Little Soles"}

    by_type = html_of(client, "/en/search/", q="export", type="wiki.definitionpage")
    titles = result_titles(by_type)
    assert titles
    definitions = set(DefinitionPage.objects.values_list("title", flat=True))
    assert set(titles) <= definitions

    soles = CaseStudyPage.objects.get(slug="happy-little-soles", locale__language_code="en")
    tag = soles.tags.first()
    by_tag = html_of(client, "/en/search/", q="export", tag=tag.slug)
    assert "Happy Little Soles" in result_titles(by_tag)
    assert f'aria-current="true">{tag.name}' in by_tag


def test_unknown_facet_values_are_dropped_with_a_message(client, starter_content):
    html = html_of(client, "/en/search/", q="export", type="auth.user", lang="xx", country="QQ")
    assert "A filter in the address was not recognised" in html
    assert result_titles(html)


@pytest.fixture
def many_pages(starter_content):
    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    for number in range(25):
        index.add_child(instance=CaseStudyPage(title=f"Zebracorn exporter {number:02d}", slug=f"zebracorn-{number}",
                                               sells="zebracorn saddles"))
    return 25


def test_pagination(client, many_pages):
    first = html_of(client, "/en/search/", q="zebracorn")
    assert len(result_titles(first)) == 10
    assert "Results 1–10 of 25" in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    third = html_of(client, "/en/search/", q="zebracorn", page="3")
    assert len(result_titles(third)) == 5
    assert 'rel="prev"' in third and 'rel="next"' not in third
    assert set(result_titles(first)).isdisjoint(result_titles(third))


@pytest.mark.parametrize("page", ["99", "0", "-1", "abc", "1e9", "９"])
def test_bad_page_numbers_show_the_first_page(client, many_pages, page):
    html = html_of(client, "/en/search/", q="zebracorn", page=page)
    assert "That page of results does not exist" in html
    assert "Results 1–10 of 25" in html


def test_no_results_page_helps(client, starter_content):
    html = html_of(client, "/en/search/", q="qwxzvbnm")
    assert "Nothing found for “qwxzvbnm”" in html
    assert "Tips" in html
    assert "Browse all definitions, A to Z" in html
    assert "/en/create/?title=qwxzvbnm" in html


def test_did_you_mean_is_shown_when_the_adapter_suggests(client, starter_content, monkeypatch):
    monkeypatch.setattr(adapters, "suggest", lambda text, language=None: "Piccalilly sko")
    html = html_of(client, "/da/search/", q="Piccalilly")  # results, and a suggestion besides
    assert "Mente du:" in html
    assert 'href="?q=Piccalilly%20sko"' in html


def test_when_nothing_is_found_the_suggestion_is_searched(client, starter_content, monkeypatch):
    monkeypatch.setattr(adapters, "suggest", lambda text, language=None: "Piccalilly")
    html = html_of(client, "/en/search/", q="qqpiccalillyzz")
    assert "Showing results for <strong>Piccalilly</strong>: “qqpiccalillyzz” is not a word of this wiki." in html
    assert "Piccalilly" in result_titles(html)
    html_da = html_of(client, "/da/search/", q="qqpiccalillyzz")
    assert "Viser resultater for <strong>Piccalilly</strong>" in html_da


def test_no_did_you_mean_without_a_suggestion(client, starter_content):
    html = html_of(client, "/en/search/", q="Piccalilly")
    assert result_titles(html) and "Did you mean" not in html


def test_suggest_endpoint_returns_json(client, starter_content):
    response = client.get("/en/search/suggest/", {"q": "Picca"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["query"] == "Picca"
    titles = [item["title"] for item in data["suggestions"]]
    assert "Piccalilly" in titles
    item = data["suggestions"][0]
    assert set(item) == {"title", "url", "language", "type"}
    assert {s["language"] for s in data["suggestions"] if s["title"] == "Piccalilly"} == {"en", "da"}


@pytest.mark.parametrize("q", ["", "a", "   ", "***", "\"", "NOT"])
def test_suggest_endpoint_with_short_or_odd_input(client, db, q):
    response = client.get("/en/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert json.loads(response.content)["suggestions"] == []


MALFORMED = [
    '"unbalanced quote',
    'micro "business',
    "AND",
    "OR OR",
    "NOT",
    "NOT NOT export",
    "export ANDNOT ANDNOT micro",
    "a OR OR b",
    "*",
    "a*",
    "*tion",
    "mikro?",
    "(((",
    "export)",
    "title:",
    "live:false",
    "~2",
    "export^3",
    "\\",
    "%%%",
    "'",
    "\x00export",
    "ünïcödé ✓ 🚀",
    "x" * 10_000,
    "export " * 1500,
]


def test_malformed_queries_never_fail(client, starter_content):
    failures = []
    for q in MALFORMED:
        for url in ("/en/search/", "/en/search/suggest/"):
            response = client.get(url, {"q": q})
            if response.status_code != 200:
                failures.append((url, q[:40], response.status_code))
    assert failures == []


def test_a_very_long_query_is_trimmed_with_a_message(client, starter_content):
    html = html_of(client, "/en/search/", q="export " * 1500)
    assert "only its first 500 characters were used" in html
    assert result_titles(html)


def test_a_search_that_fails_in_the_backend_falls_back_to_its_words(client, starter_content, monkeypatch):
    calls = []
    real = service._ids

    def flaky(queryset, query):
        calls.append(query)
        if len(calls) == 1:
            raise IndexError("parser exploded")
        return real(queryset, query)

    monkeypatch.setattr(service, "_ids", flaky)
    html = html_of(client, "/en/search/", q="Piccalilly")
    assert "we searched for its words" in html
    assert "Piccalilly" in result_titles(html)


def test_html_in_the_query_is_escaped(client, starter_content):
    html = html_of(client, "/en/search/", q='<script>alert("x")</script> Piccalilly')
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_html_in_page_text_is_escaped_in_snippets(client, starter_content):
    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    index.add_child(instance=CaseStudyPage(title="Snippet test", slug="snippet-test",
                                           body="Quokka <img src=x onerror=alert(1)> & friends"))
    html = html_of(client, "/en/search/", q="quokka")
    assert "<img src=x" not in html
    assert "<mark>Quokka</mark> &lt;img" in html


def test_fallback_snippet_marks_words_without_breaking_entities():
    snippet = adapters.fallback_snippet("Fish & chips & amp", ["amp", "chips"])
    assert str(snippet) == "Fish &amp; <mark>chips</mark> &amp; <mark>amp</mark>"


def test_danish_interface(client, starter_content):
    html = html_of(client, "/da/search/", q="Piccalilly")
    assert '<html lang="da">' in html
    assert "Søg på dansk eller engelsk" in html
    assert "Sidetype" in html and "Sprog" in html and "Eksportland" in html
    assert "Indsnævr din søgning" in html
    empty = html_of(client, "/da/search/", q="qwxzvbnm")
    assert "Intet fundet for “qwxzvbnm”" in empty
    assert "Tips" in empty


def test_results_are_cached_briefly_for_anonymous_readers(client, starter_content, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 3600
    assert "Piccalilly" in result_titles(html_of(client, "/en/search/", q="Piccalilly"))
    Page.objects.filter(title="Piccalilly").update(title="Renamed in the database only")
    # Same query, same facets, same language: the cached page.
    assert "Piccalilly" in result_titles(html_of(client, "/en/search/", q="Piccalilly"))
    # Another language is another key.
    assert "Piccalilly" not in result_titles(html_of(client, "/da/search/", q="Piccalilly"))


def test_search_results_are_cached_once_in_the_page_cache(client, starter_content, settings):
    # Without the page cache nothing keeps a search's results: no second cache beside it.
    settings.SEARCH_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 0
    assert "Piccalilly" in result_titles(html_of(client, "/en/search/", q="Piccalilly"))
    Page.objects.filter(title="Piccalilly").update(title="Renamed in the database only")
    assert "Piccalilly" not in result_titles(html_of(client, "/en/search/", q="Piccalilly"))


def test_publishing_a_page_forgets_cached_results(client, starter_content, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 3600
    assert result_titles(html_of(client, "/en/search/", q="wombat")) == []
    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    page = index.add_child(instance=CaseStudyPage(title="Wombat exports", slug="wombat", live=False))
    page.save_revision().publish()
    assert result_titles(html_of(client, "/en/search/", q="wombat")) == ["Wombat exports"]


def test_a_content_change_in_another_process_forgets_cached_results(client, starter_content, settings):
    # The page cache keys on the shared content generation, not a per-process counter: a bump by any
    # worker (here: directly, as another process would) retires every cached search page.
    settings.SEARCH_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 3600
    assert "Piccalilly" in result_titles(html_of(client, "/en/search/", q="Piccalilly"))
    Page.objects.filter(title="Piccalilly").update(title="Renamed in the database only")
    assert "Piccalilly" in result_titles(html_of(client, "/en/search/", q="Piccalilly"))
    generation.bump()
    assert "Piccalilly" not in result_titles(html_of(client, "/en/search/", q="Piccalilly"))


def test_unpublishing_and_deleting_forget_cached_results(client, starter_content, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 3600

    def shown():
        html = html_of(client, "/en/search/", q="Piccalilly")
        return re.findall(r'<a href="[^"]*" lang="(\w+)"[^>]*>Piccalilly</a>', html)

    page = CaseStudyPage.objects.get(title="Piccalilly", locale__language_code="en")
    assert shown() == ["en"]
    page.unpublish()
    assert shown() == ["da"]
    page.save_revision().publish()
    assert shown() == ["en"]
    page.delete()
    assert shown() == ["da"]


def test_signed_in_users_are_not_served_from_the_cache(client, starter_content, settings, django_user_model):
    settings.SEARCH_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 3600
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert "Piccalilly" in result_titles(html_of(client, "/en/search/", q="Piccalilly"))
    Page.objects.filter(title="Piccalilly").update(title="Renamed")
    assert "Piccalilly" not in result_titles(html_of(client, "/en/search/", q="Piccalilly"))


def test_api_search_keeps_working(client, starter_content):
    response = client.get("/api/v2/pages/", {"search": "Piccalilly"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert "Piccalilly" in titles


def test_locales_exist(starter_content):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "da"}


def _facet_counts(html, name):
    return {
        value: int(count)
        for value, count in re.findall(
            rf'href="\?[^"]*{name}=([\w.]+)">[^<]* <span class="facet__count">(\d+)</span>', html
        )
    }


def _index_a_ghost_of(title):
    """Index a copy of the page's document under a page id the database does not have (as after a
    transaction that rolled back without telling the index): (backend, ghost's key, ghost's id)."""
    from modelsearch.backends import get_search_backend

    from search.backend.documents import build_document, document_key

    backend = get_search_backend()
    ghost_pk = Page.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    ghost = build_document(DefinitionPage.objects.get(title=title))
    ghost.update(key=document_key(Page, ghost_pk), pk=build_document(Page(pk=ghost_pk))["pk"])
    backend.store.write([("add", ghost)], timeout=2)
    return backend, ghost["key"], ghost_pk


def test_a_stale_index_document_is_neither_counted_nor_listed_and_is_repaired(client, starter_content):
    """The index holds a document for a page the database does not have (as after a transaction that
    rolled back without telling the index): facet counts and results agree, and the document goes."""
    backend, ghost_key, ghost_pk = _index_a_ghost_of("Mikrovirksomhed")
    assert backend.store.searcher().document(key=ghost_key) is not None

    html = html_of(client, "/da/search/", q="mikrovirksomheder eksport")
    titles = result_titles(html)
    count_line = re.search(r'class="search-count"[^>]*>(.*?)</p>', html, re.S).group(1)
    shown_total = int(re.findall(r"\d+", count_line)[-1])  # "3 results" or "Results 1–10 of 23"
    types = _facet_counts(html, "type")
    assert titles.count("Mikrovirksomhed") == 1  # the real page only, not its stale twin
    assert sum(types.values()) == shown_total
    # Every result is Danish, so the page offers no language to narrow by; the counts still agree.
    outcome = service.run_search("mikrovirksomheder eksport", {}, "da")
    assert sum(item["count"] for item in outcome.facets["lang"]) == outcome.total == shown_total
    assert len(titles) == min(shown_total, 10)
    # Narrowed to definitions: the count the facet showed is the number of definitions listed.
    narrowed = html_of(client, "/da/search/", q="mikrovirksomheder eksport", type="wiki.definitionpage")
    assert len(result_titles(narrowed)) == min(types["wiki.definitionpage"], 10)
    assert _facet_counts(narrowed, "type").get("wiki.definitionpage", 0) in (0, types["wiki.definitionpage"])

    # The stale document's update was queued (and run: tests run tasks at once) and it left the index.
    assert backend.store.searcher().document(key=ghost_key) is None


def test_the_backends_facet_counts_only_the_pages_searched(starter_content):
    """A document whose page no longer matches the queryset (unpublished without the index hearing of
    it) is neither listed nor counted by the backend's facet()."""
    from modelsearch.backends import get_search_backend

    Page.objects.filter(title="Mikrovirksomhed").update(live=False)  # no signal: the index keeps it
    results = get_search_backend().search("mikrovirksomhed", service.searchable_pages())
    counts = results.facet("content_type_id")
    listed = list(results)
    assert "Mikrovirksomhed" not in {page.title for page in listed}
    assert sum(counts.values()) == len(listed)


def test_service_counts_only_pages_that_resolve(starter_content):
    backend, ghost_key, ghost_pk = _index_a_ghost_of("Mikrovirksomhed")

    outcome = service.run_search("mikrovirksomheder eksport", {}, "da")
    listed = {row["id"] for row in outcome.rows}
    assert ghost_pk not in listed
    assert outcome.total == sum(item["count"] for item in outcome.facets["type"])
    assert outcome.total == sum(item["count"] for item in outcome.facets["lang"])
    assert outcome.total == len(listed) or outcome.total > service.PER_PAGE
    assert backend.store.searcher().document(key=ghost_key) is None


def test_each_tag_count_is_the_number_of_results_that_tag_narrows_to(starter_content):
    from search import service

    outcome = service.run_search("export", {}, "en")
    assert outcome.facets["tag"]
    for item in outcome.facets["tag"]:
        narrowed = service.run_search("export", {"tag": item["value"]}, "en")
        assert narrowed.total == item["count"], item
    assert any(row["tags"] for row in outcome.rows)
    for row in outcome.rows:
        names = [tag["name"] for tag in row["tags"]]
        assert names == sorted(names)


def test_the_search_page_reads_the_tags_of_every_page_type_in_one_query(client, starter_content):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/search/", {"q": "export"}).status_code == 200
    # (Snippets read each shown page's own tags too: from the per-generation memo outside the tests.)
    tag_queries = [q["sql"] for q in queries.captured_queries if '"content_object_id" IN (' in q["sql"]]
    assert len(tag_queries) == 1
    assert "UNION" in tag_queries[0]


def test_tags_of_many_pages_are_read_in_chunks(starter_content):
    from search.facets import _IDS_PER_QUERY, _read_tags
    from wiki.models import CaseStudyPage

    tagged = [page for page in CaseStudyPage.objects.all() if page.tags.exists()]
    unknown = list(range(10_000_000, 10_000_000 + _IDS_PER_QUERY + 10))
    page_ids = unknown + [page.pk for page in tagged]  # the tagged pages fall in the second query
    tags = _read_tags(page_ids, {tagged[0].content_type_id})
    assert set(tags) == {page.pk for page in tagged}
    for page in tagged:
        assert tags[page.pk] == sorted(((tag.slug, tag.name) for tag in page.tags.all()), key=lambda tag: tag[1])


@pytest.mark.parametrize(("language", "typed", "found", "meant"), [
    ("en", "mikrovirksomhd", "Micro-business", "mikrovirksomhed"),
    ("da", "jewelery", "UV Angel", "jewellery"),
    ("en", "Sydamerka", "South America", "sydamerika"),
])
def test_a_typo_of_a_word_of_the_other_language_is_corrected(client, starter_content, language, typed, found, meant):
    # Searched for instead when nothing is found, suggested beside what was found (`mikro…` found pages).
    outcome = service.run_search(typed, {}, language)
    assert found in [row["title"] for row in outcome.rows]
    assert meant in (outcome.corrected, outcome.suggestion)
    html = html_of(client, f"/{language}/search/", q=typed)
    assert f"<strong>{meant}</strong>" in html or f'>{meant}</a>?' in html


@pytest.mark.parametrize(("typed", "found"), [("børnetøjsfirma", "Piccalilly"), ("smykkefirma", "UV Angel")])
def test_a_rare_or_unknown_danish_compound_is_found_by_its_known_parts(starter_content, typed, found):
    # (`børnetøjsfirma` is written on one page, which comes first: the pages on its parts follow.)
    outcome = service.run_search(typed, {}, "da")
    assert found in [row["title"] for row in outcome.rows][:2], [row["title"] for row in outcome.rows]
    assert not outcome.corrected


def test_compounds_split_at_their_longest_known_parts_with_linking_letters():
    from search.backend.analysis import stem_danish
    from search.backend.compiler import split_compound

    known = frozenset(stem_danish(w) for w in ("børnetøj", "firma", "smykker", "eksport", "virksomhed"))
    assert split_compound("børnetøjsfirma", known) == [stem_danish("børnetøj"), stem_danish("firma")]
    assert split_compound("smykkefirma", known) == [stem_danish("smykker"), stem_danish("firma")]
    assert split_compound("eksportsmykkefirma", known) == [
        stem_danish("eksport"), stem_danish("smykker"), stem_danish("firma")
    ]
    assert split_compound("qwertyzzz", known) is None
    # A part the index does not know is left out; the longest known part stands for the word.
    assert split_compound("smykkefirma", frozenset({stem_danish("smykker")})) == [stem_danish("smykker")]


@pytest.mark.parametrize("url", ["/en/", "/da/", "/en/search/", "/da/definitioner/"])
def test_the_header_search_box_suggests_as_the_reader_types(client, starter_content, url):
    response = client.get(url, follow=True)
    html = response.content.decode()
    header = html[html.index('class="site-search'):html.index("</form>", html.index('class="site-search'))]
    assert 'data-suggest-url="/' in header and 'role="combobox"' in header
    assert 'aria-controls="site-search-suggestions"' in header and 'id="site-search-suggestions"' in header
    assert "search/suggest.js" in html


def test_the_home_page_search_box_suggests_as_the_reader_types(client, starter_content):
    html = html_of(client, "/da/")
    hero = html[html.index('class="hero-search"'):html.index("</form>", html.index('class="hero-search"'))]
    assert 'data-suggest-url="/da/search/suggest/"' in hero and 'aria-controls="hero-suggestions"' in hero
    assert "Forslag" in hero or "Suggestions" in hero


@pytest.mark.parametrize(("language", "typed", "meant", "first"), [
    ("en", "mikrovirksomhd", "mikrovirksomhed", "Micro-business"),
    ("da", "mikrovirksomhd", "mikrovirksomhed", "Mikrovirksomhed"),
])
def test_a_word_written_nowhere_is_corrected_before_it_is_searched(client, starter_content, language, typed, meant,
                                                                   first):
    # `mikrovirksomhd` finds pages by its known first part; with thousands of pages these were other pages.
    outcome = service.run_search(typed, {}, language)
    assert outcome.corrected == meant and outcome.suggestion is None
    assert outcome.rows[0]["title"] == first
    data = client.get("/api/v2/pages/", {"search": typed, "locale": language}).json()
    assert data["meta"]["corrected_query"] == meant
    assert first in [item["title"] for item in data["items"]]


def test_a_query_of_known_words_keeps_its_results_beside_a_suggestion(starter_content, monkeypatch):
    monkeypatch.setattr(adapters, "suggest", lambda text, language=None: "piccalilly sko")
    outcome = service.run_search("Piccalilly", {}, "en")
    assert outcome.corrected is None and outcome.suggestion == "piccalilly sko"
    assert outcome.rows[0]["title"] == "Piccalilly"


def test_a_snippets_text_kept_from_an_earlier_search_spares_the_pages_rows_until_the_page_changes(
        starter_content, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from caching import generation

    settings.CONTENT_MEMO = True
    generation.bump()
    first = service.run_search("export", {}, "en")
    with CaptureQueriesContext(connection) as queries:
        again = service.run_search("export", {}, "en")
    assert [row["snippet"] for row in again.rows] == [row["snippet"] for row in first.rows]
    assert not [q for q in queries.captured_queries if "wiki_" in q["sql"] and "wagtailcore_page" in q["sql"]]
    # Nor are the titles and URLs read again: one query groups the results, none reads their rows.
    assert len([q for q in queries.captured_queries if '"wagtailcore_page"."title"' in q["sql"]]) == 0
    # A new revision of a shown page: its text is read again, not taken from before the edit.
    page = Page.objects.get(pk=first.rows[0]["id"]).specific
    page.body = page.body + "\n\nZebracrossing exporting note."
    page.save_revision().publish()
    service.run_search("export", {}, "en")
    from search import highlight

    kept = highlight.kept_texts([highlight.text_key(Page.objects.get(pk=page.pk))], highlight.text_token())
    assert "Zebracrossing" in kept[page.pk]


def test_a_results_title_and_url_kept_from_an_earlier_search_follow_a_rename(starter_content, settings):
    from caching import generation

    settings.CONTENT_MEMO = True
    generation.bump()
    page = DefinitionPage.objects.get(slug="konkollega", locale__language_code="en")
    before = {row["id"]: row for row in service.run_search("konkollega", {}, "en").rows}[page.pk]
    assert before["url"].endswith("/konkollega/")

    page.title, page.slug = "Konkollega (co-competitor, renamed)", "konkollega-renamed"
    page.save_revision().publish()
    after = {row["id"]: row for row in service.run_search("konkollega", {}, "en").rows}[page.pk]
    assert after["title"] == "Konkollega (co-competitor, renamed)"
    assert after["url"].endswith("/konkollega-renamed/")


@pytest.mark.parametrize("typed", ["Zebracorn trade", "zebracorn-trade", "ZEBRACORN  TRADE"])
def test_a_page_whose_whole_title_was_typed_comes_first(starter_content, typed):
    from wiki.models import DefinitionIndexPage

    index = DefinitionIndexPage.objects.get(locale__language_code="en")
    for number in range(3):  # pages that say the words more often, and in a field weighted above titles
        index.add_child(instance=DefinitionPage(
            title=f"Saddles {number}", slug=f"saddles-{number}", short_definition="Zebracorn trade, zebracorn trade.",
            body="The zebracorn trade. " * 5))
    index.add_child(instance=DefinitionPage(title="Zebracorn-trade", slug="zebracorn-trade", body="A trade."))

    ids, _corrected = service.ranked_pages(typed, "en")
    assert Page.objects.get(pk=ids[0]).title == "Zebracorn-trade"
    assert len(ids) == 4


def test_the_facets_offer_only_values_that_narrow_the_results(client, starter_content):
    outcome = service.run_search("export", {}, "en")
    everywhere = [(name, item["value"]) for name, items in outcome.facets.items() for item in items
                  if item["count"] == outcome.total]
    narrowing = [(name, item["value"]) for name, items in outcome.facets.items() for item in items
                 if item["count"] < outcome.total]
    assert everywhere and narrowing  # English is the language of every result; tags and types narrow
    html = html_of(client, "/en/search/", q="export")
    for name, value in everywhere:
        assert f"{name}={value}\"" not in html, (name, value)
    for name, value in narrowing:
        assert f"{name}={value}\"" in html, (name, value)
    # A chosen value is shown even when every result now has it, so it can be removed.
    chosen = html_of(client, "/en/search/", q="export", lang="en")
    assert 'aria-current="true">English' in chosen


def test_export_countries_kept_from_an_earlier_search_follow_a_changed_case_study(starter_content, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CONTENT_MEMO = True
    generation.bump()

    def countries():
        return {item["value"] for item in service.run_search("Happy Little Soles", {}, "en").facets["country"]}

    before = countries()
    assert "DK" in before and "JP" not in before
    with CaptureQueriesContext(connection) as queries:
        assert countries() == before
    assert not [q for q in queries.captured_queries if '"export_markets"' in q["sql"]]

    soles = CaseStudyPage.objects.get(slug="happy-little-soles", locale__language_code="en")
    soles.export_markets = "JP"
    soles.save_revision().publish()
    assert "JP" in countries()
