"""Wagtail's database search backend on PostgreSQL with Danish and English analysis (search/backend/postgres.py).

The searches run in the PostgreSQL CI run (`make test-postgres`); on SQLite they are skipped with the reason.
"""

import io

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres.postgres import IndexEntry
from modelsearch.index import get_indexed_models
from modelsearch.query import Phrase
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from search.backend import postgres, postgres_vocabulary
from search.signals import index_changed

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL search: needs DATABASE_URL=postgres://… (make test-postgres); this run is on "
    f"{connection.vendor}",
)
BACKENDS = {
    # The Whoosh alias must exist; it is never searched here. Its index goes to the test run's data folder.
    "default": {"BACKEND": "search.backend", "PATH": settings.DATA_DIR / "whoosh-unused"},
    "bilingual": {"BACKEND": "search.backend.postgres"},
}


# --- folding and query words: plain functions, on any database ---


def test_danish_folding_meets_aa_ae_oe_and_keeps_danish_letters():
    assert postgres.fold("Aarhus", "da") == postgres.fold("Århus", "da") == "århus"
    assert postgres.fold("Aeroe", "da") == postgres.fold("Ærø", "da") == "ærø"
    assert postgres.fold("idé", "da") == "ide"


def test_english_folding_drops_accents_but_not_letters():
    assert postgres.fold("Café naïve", "en") == "cafe naive"
    # English words are not Scandinavian-folded: "does" stays "does".
    assert postgres.fold("does", "en") == "does"


def test_query_words_drop_possessives_and_stop_words_of_both_languages():
    assert postgres.query_words("children's shoes") == ["children", "shoes"]
    assert postgres.query_words("sko og the shoes") == ["sko", "shoes"]
    assert postgres.query_words("og") == ["og"]  # only stop words: kept rather than searching for nothing


def test_compounds_from_a_vocabulary():
    words = postgres_vocabulary.Vocabulary(frozenset({"mikrovirksom", "eksportvirksom", "virksom", "smyk", "firma",
                                                      "skole", "børnesko"}))
    assert words.compounds_with("virksom") == ["mikrovirksom", "eksportvirksom"]
    assert words.compounds_with("sko") == ["børnesko"]  # the head of a compound, not any word it begins
    assert words.split("smykkefirma") == ("smyk", "firma")
    assert words.split("regnskab") is None


@pytest.mark.django_db
def test_other_databases_get_the_stock_backend():
    backend = postgres.SearchBackend({})
    expected = connection.vendor == "postgresql"
    assert isinstance(backend, postgres.BilingualPostgresSearchBackend) is expected


# --- on PostgreSQL: the index and the searches ---


@pytest.fixture
def bilingual(starter_content):
    """The starter content and one Danish page about Århus, indexed by the bilingual backend."""
    from wiki.models import DefinitionIndexPage, DefinitionPage

    index = DefinitionIndexPage.objects.get(locale__language_code="da")
    index.add_child(instance=DefinitionPage(
        title="Messe i Århus", slug="messe-i-aarhus", locale=index.locale,
        body="Iværksættere mødes på en messe i Århus hvert efterår.",
    ))
    with override_settings(WAGTAILSEARCH_BACKENDS=BACKENDS):
        backend = get_search_backend("bilingual")
        for model in get_indexed_models():
            if not model._meta.abstract and model._meta.parents == {}:
                backend.get_index_for_model(model).add_items(model, model.get_indexed_objects())
        # Subclasses of Page carry their own fields: index them as their own models too.
        for model in get_indexed_models():
            if not model._meta.abstract and model._meta.parents:
                backend.get_index_for_model(model).add_items(model, model.get_indexed_objects().specific())
        postgres_vocabulary.forget()
        yield backend
    postgres_vocabulary.forget()


def found(backend, text, language=None):
    pages = Page.objects.live()
    if language:
        pages = pages.filter(locale=Locale.objects.get(language_code=language))
    return [page.title for page in backend.search(text, pages)]


def lexemes(page):
    entry = IndexEntry.objects.filter(object_id=str(page.pk)).order_by("-pk").first()
    return str(entry.title) + " " + str(entry.body)


@on_postgresql
@pytest.mark.django_db
def test_each_page_is_analysed_in_its_own_language(bilingual):
    danish = Page.objects.get(locale__language_code="da", title="Mikrovirksomhed")
    english = Page.objects.get(locale__language_code="en", title="Happy Little Soles")
    # Danish Snowball: mikrovirksomhed -> mikrovirksom (English would leave mikrovirksomh).
    assert "'mikrovirksom'" in lexemes(danish)
    # English Snowball: shoes -> shoe (Danish would not stem it so).
    assert "'shoe'" in lexemes(english)
    # Danish text is folded before it is stemmed: Århus and Aarhus are one lexeme.
    assert "'århus'" in lexemes(Page.objects.get(slug="messe-i-aarhus"))


@on_postgresql
@pytest.mark.django_db
def test_a_danish_inflection_finds_the_compound(bilingual):
    assert "Mikrovirksomhed" in found(bilingual, "virksomheder", "da")


@on_postgresql
@pytest.mark.django_db
def test_childrens_shoes_find_happy_little_soles_first(bilingual):
    assert found(bilingual, "children's shoes", "en")[:1] == ["Happy Little Soles"]


@on_postgresql
@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Aarhus", "Århus", "aarhus"])
def test_aarhus_finds_aarhus_however_it_is_typed(bilingual, typed):
    assert found(bilingual, typed)[:1] == ["Messe i Århus"]


@on_postgresql
@pytest.mark.django_db
def test_one_search_finds_both_languages(bilingual):
    titles = found(bilingual, "exporting")
    languages = set(Page.objects.filter(title__in=titles).values_list("locale__language_code", flat=True))
    assert languages == {"da", "en"}, titles


@on_postgresql
@pytest.mark.django_db
def test_a_compound_no_page_writes_is_found_by_its_parts(bilingual):
    assert "Messe i Århus" in found(bilingual, "Århusmesse")


@on_postgresql
@pytest.mark.django_db
def test_phrases_in_either_language(bilingual):
    assert "Messe i Århus" in found(bilingual, Phrase("messe i Aarhus"))
    assert "Happy Little Soles" in found(bilingual, Phrase("children's shoes"))
    # Happy Little Soles names "Spain, Portugal": the words in the other order are no phrase (tags such as
    # "shoes" and "children" sit side by side in the indexed tag list, so they cannot serve here).
    assert "Happy Little Soles" in found(bilingual, Phrase("Spain Portugal"))
    assert found(bilingual, Phrase("Portugal Spain")) == []


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_index_write_is_announced_once_committed():
    announced = []

    def receiver(**kwargs):
        announced.append(kwargs["sender"])

    # The root and its locale come from migrations, but an earlier transactional test's flush may have removed them.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    page = Page.objects.filter(depth=1).first() or Page.add_root(title="Root", slug="root")
    index_changed.connect(receiver, dispatch_uid="test-bilingual-announce")
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=BACKENDS):
            backend = get_search_backend("bilingual")
            with transaction.atomic():
                backend.add(page)
                assert announced == []
            assert announced == [postgres.BilingualPostgresIndex]
    finally:
        index_changed.disconnect(dispatch_uid="test-bilingual-announce")


@on_postgresql
@pytest.mark.django_db
def test_search_index_check_finds_and_repairs_missing_stale_and_extra_entries(bilingual):
    from django.core.management import CommandError, call_command

    page = Page.objects.get(locale__language_code="en", title="Happy Little Soles").specific
    Page.objects.filter(pk=page.pk).update(title="Happy Little Soles, renamed")  # stale: not re-indexed
    IndexEntry.objects.filter(object_id=str(Page.objects.get(slug="messe-i-aarhus").pk)).delete()  # missing
    IndexEntry.objects.create(content_type_id=page.content_type_id, object_id="999999")  # extra
    out = io.StringIO()
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": BACKENDS["bilingual"]}):
        with pytest.raises(CommandError):
            call_command("search_index_check", stdout=out)
        assert "1 missing, 1 stale, 1 extra" in out.getvalue()
        call_command("search_index_check", "--repair", stdout=out)
        call_command("search_index_check", stdout=out)
    assert out.getvalue().rstrip().endswith("0 missing, 0 stale, 0 extra, 0 queued.")
    assert found(bilingual, "renamed") == ["Happy Little Soles, renamed"]
