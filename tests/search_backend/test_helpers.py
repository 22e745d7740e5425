"""search.spelling.suggest and search.highlight.snippet (used by the search page)."""

import pytest
from django.utils.safestring import SafeString

from search.highlight import highlight_text, plain_text, snippet
from search.spelling import damerau_levenshtein, suggest
from wiki.models import CaseStudyPage, DefinitionPage

pytestmark = pytest.mark.usefixtures("content")


def test_edit_distance():
    assert damerau_levenshtein("vakst", "vækst", 2) == 1
    assert damerau_levenshtein("expotr", "export", 2) == 1  # a swap counts once
    assert damerau_levenshtein("abc", "xyzw", 2) == 3


def test_suggest_corrects_typos_from_the_vocabulary():
    assert suggest("vakst") == "vækst"
    assert suggest("mikrovirksomhder eksprt") == "mikrovirksomheder eksport"
    assert suggest("jewelery") == "jewellery"
    assert suggest("piccalily shoes") == "piccalilly shoes"


def test_suggest_leaves_known_words_alone():
    assert suggest("shoes") is None
    assert suggest("virksomhederne") is None  # not written anywhere, but its stem is
    assert suggest("") is None
    assert suggest("zzzzqqqq") is None


def test_suggest_looks_in_both_languages_whatever_the_readers():
    # The box says "search in Danish or English": a typo of a word of the other language is corrected too.
    assert suggest("smykkr", "da") == "smykker"
    assert suggest("smykkr", "en") == "smykker"
    assert suggest("mikrovirksomhd", "en") == "mikrovirksomhed"
    assert suggest("jewelery", "da") == "jewellery"
    assert suggest("Sydamerka", "en") == "sydamerika"


def test_a_word_of_the_other_language_is_not_a_typo():
    # The search matches both languages at once: on the English page, Danish words found pages.
    assert suggest("mikrovirksomheder eksport", "en") is None
    assert suggest("smykker", "en") is None
    assert suggest("jewellery shoes", "da") is None


def test_suggest_never_raises():
    for text in ('"', "*", "\x00", "🎉" * 100, "a" * 10_000, None):
        suggest(text)


def test_snippet_marks_stemmed_matches():
    page = DefinitionPage.objects.get(title="Mikrovirksomhed")
    html = snippet(page, "virksomheder", "da")
    assert isinstance(html, SafeString)
    assert "<mark>virksomhed</mark>" in html
    # Compounds that contain the word are marked too.
    assert "<mark>mikrovirksomhed</mark>" in html.lower()


def test_snippet_english_and_synonyms():
    page = CaseStudyPage.objects.get(title="Happy Little Soles", locale__language_code="en")
    html = snippet(page, "shoe")
    assert "<mark>shoes</mark>" in html
    danish = CaseStudyPage.objects.get(title="Happy Little Soles", locale__language_code="da")
    assert "<mark>sko</mark>" in snippet(danish, "shoes").lower()


def test_snippet_escapes_text_and_skips_excluded_words():
    html = highlight_text("<b>export</b> & import", "export -import", "en")
    assert html == "&lt;b&gt;<mark>export</mark>&lt;/b&gt; &amp; import"


def test_snippet_picks_the_passage_with_matches():
    text = "filler " * 100 + "the growth entrepreneur story " + "filler " * 100
    html = highlight_text(text, "entrepreneur", "en", max_chars=120)
    assert "<mark>entrepreneur</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 200


def test_plain_text_strips_markdown():
    assert plain_text("## Head\n**bold** [[Page|label]] [[Other]] [x](http://e.com)") == "Head bold label Other x"


def test_a_result_list_analyses_its_query_once_per_language(monkeypatch):
    import search.highlight as highlight

    calls = []
    original = highlight.query_stems
    monkeypatch.setattr(highlight, "query_stems", lambda text, language: calls.append(language) or original(text, language))
    highlighter = highlight.Highlighter("virksomheder shoes")
    pages = list(DefinitionPage.objects.live()) + list(CaseStudyPage.objects.live())
    snippets = [highlighter.snippet(page) for page in pages]
    assert sorted(calls) == ["da", "en"]
    # The shared analysis marks what a snippet of its own marks.
    assert snippets == [snippet(page, "virksomheder shoes") for page in pages]
    assert any("<mark>" in html for html in snippets)


def test_a_quoted_phrase_marks_its_words_only_where_they_stand_together():
    text = "Reactive exporting comes first. Accidental exporting is common; reactive firms wait."
    html = highlight_text(text, '"reactive exporting"', "en")
    assert "<mark>Reactive</mark> <mark>exporting</mark>" in html
    assert "Accidental exporting" in html  # the same word outside the phrase stays plain
    assert "<mark>reactive</mark> firms" not in html
    # Loose words beside the phrase are marked wherever they are.
    assert "<mark>firms</mark>" in highlight_text(text, '"reactive exporting" firms', "en")


def test_emphasis_leaves_no_space_before_punctuation():
    assert plain_text("a blend of *konkurrent* and (*kollega*). See **this**: done") == (
        "a blend of konkurrent and (kollega). See this: done"
    )
    assert plain_text("snake_case stays, _emphasis_ goes") == "snake_case stays, emphasis goes"
