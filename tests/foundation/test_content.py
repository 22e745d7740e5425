"""Loading the starter content: both languages, linked as translations, safe to repeat."""

from django.core.management import call_command
from wagtail.models import Page, Site

from home.content_loader import CONTENT_DIR, ContentLoader
from home.models import HomePage
from wiki.models import CaseStudyPage, DefinitionPage, MarketGuidePage


def test_every_starter_page_exists_in_english_and_danish(starter_content):
    for model in (DefinitionPage, CaseStudyPage, MarketGuidePage, HomePage):
        en = model.objects.filter(locale__language_code="en")
        da = model.objects.filter(locale__language_code="da")
        assert en.count() == da.count() > 0
        for page in en:
            translation = page.get_translation_or_none(da.first().locale)
            assert translation is not None, page.title
            assert translation.live


def test_loading_twice_creates_nothing_new(starter_content):
    before = Page.objects.count()
    report = ContentLoader().load()
    assert report.created == []
    assert Page.objects.count() == before


def test_loading_again_keeps_edits_made_on_the_site(starter_content):
    page = DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")
    page.body = "Edited by a visitor."
    page.save_revision(user=None).publish()
    call_command("load_content", verbosity=0)
    page.refresh_from_db()
    assert page.body == "Edited by a visitor."


def test_if_empty_loads_nothing_when_wiki_has_content(starter_content):
    before = Page.objects.count()
    call_command("load_content", "--if-empty", verbosity=0)
    assert Page.objects.count() == before


def test_english_home_is_the_site_root_and_welcome_page_is_gone(starter_content):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_starter_content_includes_the_required_pages(starter_content):
    en_titles = set(Page.objects.filter(locale__language_code="en").values_list("slug", flat=True))
    for slug in ("micro-business", "micro-multinational", "reactive-exporting", "piccalilly",
                 "happy-little-soles", "uv-angel", "south-america"):
        assert slug in en_titles, slug
    assert any("konkollega" in s for s in en_titles)


def test_case_study_unknown_facts_stay_empty_not_zero(starter_content):
    soles = CaseStudyPage.objects.get(slug="happy-little-soles", locale__language_code="en")
    assert soles.staff_count == 1
    assert soles.years_trading is None
    assert soles.export_share_percent is None
    piccalilly = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    assert (piccalilly.staff_count, piccalilly.years_trading, piccalilly.export_share_percent) == (4, 5, 60)
    assert piccalilly.number_of_export_countries == 25


def test_every_wiki_link_in_the_starter_content_resolves_or_is_an_intended_red_link(starter_content):
    from wiki.links import resolve_titles
    from wiki.markup import link_targets

    missing = set()
    for model in (DefinitionPage, CaseStudyPage, MarketGuidePage):
        for page in model.objects.all():
            text = "\n".join(getattr(page, f) for f in page.markdown_fields)
            for target, url in resolve_titles(page.locale_id, link_targets(text)).items():
                if url is None:
                    missing.add(target)
    # A few red links are deliberate: they invite visitors to write the page.
    assert len(missing) <= 4, missing


def test_content_files_are_valid_toml():
    import tomllib

    files = list(CONTENT_DIR.glob("*/*.toml"))
    assert len(files) >= 10
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert {"en", "da"} <= data.keys(), path
