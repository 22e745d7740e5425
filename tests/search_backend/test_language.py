"""Danish and English analysis, compounds and synonyms, through the search backend."""

import pytest
from wagtail.models import Page

from search.backend.analysis import analyze, normalize, scandinavian_normalize
from search.models import SynonymGroup


def titles(results):
    return [r.title for r in results]


# --- analysers alone ---


def test_danish_stemming_joins_inflections():
    assert analyze("virksomhed", "da") == analyze("virksomheder", "da") == analyze("virksomhederne", "da")
    assert analyze("iværksættere", "da") == analyze("iværksætter", "da")
    assert analyze("markedet", "da") == analyze("markeder", "da")


def test_english_stemming_and_possessive():
    assert analyze("exporting", "en") == analyze("exports", "en") == analyze("exported", "en")
    assert analyze("children's", "en") == analyze("children", "en")


def test_scandinavian_normalisation_is_danish_only():
    assert scandinavian_normalize("aarhus aeroe") == "århus ærø"
    assert analyze("Aarhus", "da") == analyze("Århus", "da")
    assert analyze("Aeroe", "da") == analyze("Ærø", "da")
    assert analyze("Oeresund", "da") == analyze("Øresund", "da")
    # English words keep their letters: "does" is not "døs".
    assert normalize("does", "en") == ["does"]


def test_stop_words():
    assert analyze("og i det", "da") == []
    assert analyze("the and of", "en") == []
    assert analyze("og", "en") == ["og"]


# --- search ---

pytestmark_content = pytest.mark.usefixtures("content")


@pytestmark_content
def test_stemmed_search_both_ways():
    assert "Sprogprøve" in titles(Page.objects.search("mikrovirksomhed"))
    assert "Language probe" in titles(Page.objects.search("export"))
    assert "Language probe" in titles(Page.objects.search("entrepreneur"))
    assert "Language probe" in titles(Page.objects.search("run"))


@pytestmark_content
def test_aa_ae_oe_typed_for_danish_letters():
    for typed in ("Aarhus", "Århus"):
        assert "Sprogprøve" in titles(Page.objects.search(typed)), typed
    assert "Sprogprøve" in titles(Page.objects.search("Aeroe"))
    assert "Sprogprøve" in titles(Page.objects.search("Oeresund"))


@pytestmark_content
def test_one_query_reaches_both_languages():
    found = Page.objects.search("aarhus")
    # The Danish probe says Århus, the English one Aarhus.
    assert {"Sprogprøve", "Language probe"} <= set(titles(found))


@pytestmark_content
def test_danish_compounds_are_found_by_their_parts():
    # iværksætter -> iværksættermessen, vækstiværksættere; virksomhed -> mikrovirksomheder
    assert "Sprogprøve" in titles(Page.objects.search("iværksætter"))
    assert "Sprogprøve" in titles(Page.objects.search("virksomhed"))
    assert "Vækstiværksætter" in titles(Page.objects.search("iværksætter"))


@pytestmark_content
def test_whole_word_matches_rank_above_compound_matches():
    # Vækstiværksætter is tagged "iværksætter"; the probe only has compounds of it.
    results = titles(Page.objects.search("iværksætter"))
    assert results.index("Vækstiværksætter") < results.index("Sprogprøve")


@pytestmark_content
def test_stop_words_do_not_narrow_a_search():
    with_stop_word = set(titles(Page.objects.search("og mikrovirksomheder", operator="and")))
    assert with_stop_word == set(titles(Page.objects.search("mikrovirksomheder", operator="and")))
    assert list(Page.objects.search("og")) == []


# --- synonyms ---


@pytestmark_content
def test_glossary_synonyms_are_seeded():
    groups = [group.term_list for group in SynonymGroup.objects.all()]
    assert ["micro-business", "micro-enterprise", "mikrovirksomhed"] in groups
    assert len(groups) >= 14


@pytestmark_content
def test_synonyms_bridge_the_languages():
    # "jewellery" = "smykker": the Danish UV Angel page says smykker.
    found = Page.objects.search("jewellery")
    assert [p.locale.language_code for p in found if p.title == "UV Angel"].count("da") == 1
    # A two-word synonym: "trade fair" = "messe".
    assert "Iværksættermessen06 og mikrovirksomhedernes wiki" in titles(Page.objects.search("trade fair"))


@pytestmark_content
def test_editing_a_synonym_group_changes_results():
    assert list(Page.objects.search("zorblax")) == []
    group = SynonymGroup(terms="zorblax, konkollega")
    group.full_clean()
    group.save()
    assert "Konkollega" in titles(Page.objects.search("zorblax"))
    group.terms = "zorblax, piccalilly"
    group.save()
    found = titles(Page.objects.search("zorblax"))
    assert "Piccalilly" in found and "Konkollega" not in found
    group.delete()
    assert list(Page.objects.search("zorblax")) == []


@pytestmark_content
def test_a_synonym_of_several_words_is_matched_as_a_phrase():
    # The English probe says "... were running quickly to Aarhus" and, earlier, "Exporting companies".
    group = SynonymGroup(terms="zorblax, running quickly")
    group.full_clean()
    group.save()
    assert "Language probe" in titles(Page.objects.search("zorblax"))
    group.terms = "zorblax, quickly exporting"  # both words on the page, but not as one expression
    group.save()
    assert "Language probe" not in titles(Page.objects.search("zorblax"))
    assert "Language probe" in titles(Page.objects.search("quickly exporting"))  # the words themselves still match


@pytestmark_content
def test_synonym_groups_are_validated():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(terms="alone").full_clean()
    group = SynonymGroup(terms=" Foo ,bar\nFOO ")
    group.full_clean()
    assert group.terms == "foo, bar"


@pytestmark_content
def test_synonym_snippet_in_the_admin(admin_client):
    response = admin_client.get("/admin/snippets/search/synonymgroup/")
    assert response.status_code == 200
    assert "mikrovirksomhed" in response.content.decode()
    response = admin_client.post(
        "/admin/snippets/search/synonymgroup/add/", {"terms": "zorblax, konkollega", "note": ""}
    )
    assert response.status_code == 302
    assert "Konkollega" in titles(Page.objects.search("zorblax"))


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_highlighters_spans_are_the_analysers_tokens(language):
    """The highlighter's fast tokenizer finds the same terms, at the same places, as the index's analyser."""
    from search.backend.analysis import STEMMED, matching_spans

    text = (
        "Children's shoes from Aarhus and Århus: vækstiværksættere på iværksættermessen, Ærø og Øresund. "
        "The U.S.A. e.g. don't exporting mikrovirksomhederne " + "x" * 50 + " AND the i og at. Shoes, shoes."
    )
    tokens = [(t.startchar, t.endchar, t.text) for t in STEMMED[language](text, chars=True, removestops=True)]
    every = {term for _start, _end, term in tokens}
    assert matching_spans(text, language, every) == [(start, end) for start, end, _term in tokens]
    wanted = {tokens[1][2], tokens[-1][2]}
    assert matching_spans(text, language, wanted) == [(start, end) for start, end, term in tokens if term in wanted]
    assert matching_spans(text, language, {"nothing-like-this"}) == []
    # A part marks every word whose term contains it.
    part = tokens[1][2][1:-1]
    assert matching_spans(text, language, set(), (part,)) == [
        (start, end) for start, end, term in tokens if part in term
    ]


def test_a_highlighted_word_is_never_the_end_of_a_longer_word():
    from search.backend.analysis import analyze, matching_spans

    text = "reexporting, U.S.exporting and e.g.exporting: exporting. 'exporting' _exporting exporting_"
    spans = matching_spans(text, "en", set(analyze("exporting", "en")))
    assert [text[start:end] for start, end in spans] == ["exporting", "exporting"]
    assert text[spans[1][0] - 1] == "'"


_CHAIN_TEXTS = [
    "Children's shoes from Aarhus: the firm's micro-enterprise grows, and it exports to Japan.",
    "Mikrovirksomhederne i Århus og Aalborg eksporterer børnetøj; en iværksættermesse for konkolleger.",
    "It's a stand at the fair, and the (*kollega*) of the x " + "a" * 50 + " ok 3.5 co.op",
]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("text", _CHAIN_TEXTS)
def test_the_one_pass_analysers_give_the_filter_chains_terms_and_positions(language, text):
    from whoosh.analysis import StopFilter

    from search.backend import analysis as a

    chains = {
        "da": a._TOKENIZER | a.LowercaseFilter() | a.LengthFilter()
        | StopFilter(stoplist=a.DANISH_STOP_WORDS, minsize=1) | a.ScandinavianFilter() | a.DanishStemFilter(),
        "en": a._TOKENIZER | a.LowercaseFilter() | a.PossessiveFilter() | a.LengthFilter()
        | StopFilter(stoplist=a.ENGLISH_STOP_WORDS, minsize=1) | a.EnglishStemFilter(),
    }
    chain = chains[language]

    def tokens(analyzer):
        return [(t.text, t.pos, t.startchar) for t in analyzer(text, positions=True, chars=True)]

    assert tokens(a.STEMMED[language]) == tokens(chain)
    pairs = [(t.text, t.pos) for t in (chain | a.PairFilter())(text, positions=True)]
    assert [(t.text, t.pos) for t in a.LanguageAnalyzer(language, pairs=True)(text, positions=True)] == pairs
    written = [t.text for t in a.WORDS(text)]
    kept = [t.text for t in a.LanguageAnalyzer(language, stem=False, minimum=3)(text)]
    assert kept == [w for w in written if len(w) >= 3 and w not in a._STOP_WORDS[language]]


@pytest.mark.parametrize("text", _CHAIN_TEXTS + ["", "the and of", "Ærø Øresund aa ao " * 3])
def test_our_posting_formats_write_what_whooshs_write(text):
    from whoosh.formats import Frequency, Positions

    from search.backend import analysis
    from search.backend.formats import IndexFrequency, IndexPositions

    analyzers = [analysis.DANISH, analysis.ENGLISH, analysis.DANISH_PAIRS, analysis.ENGLISH_PAIRS,
                 analysis.DANISH_WORDS, analysis.ENGLISH_WORDS]
    for analyzer in analyzers:
        for ours, whooshs in ((IndexFrequency(field_boost=2.0), Frequency(field_boost=2.0)),
                              (IndexPositions(field_boost=1.0), Positions(field_boost=1.0))):
            assert list(ours.word_values(text, analyzer, mode="index")) == list(
                whooshs.word_values(text, analyzer, mode="index")), (analyzer, type(ours))
