"""axe-core finds no serious or critical violation on the main pages, in both languages.

Covered: the home page, an index and a page of each type (definition, case study, market guide,
article), tags, search (with results and with none), the create form of a red link, a page's edit
form, its history, a diff of two revisions, an old revision, and recent changes. The journeys
check the phone layout of the pages they pass (edit form, history, diff, search results).
"""

import pytest

from .conftest import axe_problems, goto, screenshot, switch_language

# The definition whose edit form, history and diff are checked, per language (not one that the
# edit journey changes: the browser tests share one database).
DEFINITION = {"en": ("konkollega", "/en/definitions/konkollega/"),
              "da": ("konkollega", "/da/definitioner/konkollega/")}

READER_PAGES = {
    "en": ["/en/", "/en/definitions/", "/en/definitions/micro-business/", "/en/case-studies/",
           "/en/case-studies/piccalilly/", "/en/market-guides/", "/en/market-guides/south-america/",
           "/en/ivaerksaettermessen06-micro-business-wiki/", "/en/tags/", "/en/tags/export/",
           "/en/search/?q=export", "/en/search/?q=qqxqzz", "/en/create/?title=Export+agent"],
    "da": ["/da/", "/da/definitioner/", "/da/definitioner/mikrovirksomhed/", "/da/casestudier/",
           "/da/casestudier/piccalilly/", "/da/markedsguides/", "/da/markedsguides/sydamerika/",
           "/da/ivaerksaettermessen06-mikrovirksomhedernes-wiki/", "/da/tags/", "/da/tags/eksport/",
           "/da/search/?q=eksport", "/da/search/?q=qqxqzz", "/da/create/?title=Eksportagent"],
}


def _second_revision(language: str):
    """Give the definition a second revision, so that its history has something to compare."""
    from wiki.models import DefinitionPage
    from wiki.revisions import save_wiki_revision

    slug, _url = DEFINITION[language]
    page = DefinitionPage.objects.get(slug=slug, locale__language_code=language)
    page = page.get_latest_revision_as_object()
    page.body += "\n\nA line added so that the history has two revisions to compare."
    save_wiki_revision(page, display_name="Axe", summary="Second revision for the accessibility check")


@pytest.mark.parametrize("language", ["en", "da"])
def test_main_pages_have_no_serious_accessibility_violations(site, desktop, language):
    _second_revision(language)
    _slug, definition = DEFINITION[language]
    problems = []
    for path in READER_PAGES[language]:
        goto(desktop, site.url + path)
        problems += axe_problems(desktop, path)

    # The editing and history pages of one definition.
    for path in (definition + "edit/", definition + "history/", f"/{language}/recent-changes/"):
        goto(desktop, site.url + path)
        problems += axe_problems(desktop, path)

    goto(desktop, site.url + definition + "history/")
    desktop.locator("a[href*='history/compare/']").first.click()
    desktop.wait_for_url("**/history/compare/**")
    assert desktop.locator("del, ins").count() > 0, "the diff shows no change"
    problems += axe_problems(desktop, "diff")
    screenshot(desktop, f"a11y-desktop-diff-{language}")

    goto(desktop, site.url + definition + "history/")
    desktop.locator("table a[href*='/history/']:not([href*='compare'])").first.click()
    desktop.wait_for_url("**/history/*/")
    problems += axe_problems(desktop, "old revision")

    assert problems == []


def test_reader_opens_a_case_study_follows_a_link_and_switches_language(site, phone):
    goto(phone, site.url + "/da/casestudier/")
    screenshot(phone, "reader-phone-case-study-index-da")
    phone.get_by_role("link", name="Piccalilly").first.click()
    phone.wait_for_url("**/da/casestudier/piccalilly/")
    assert phone.get_by_role("heading", name="Fakta").is_visible()
    screenshot(phone, "reader-phone-case-study-da")
    phone.locator("a.wikilink").first.click()
    phone.wait_for_load_state()
    assert "/da/" in phone.url and "piccalilly" not in phone.url
    switch_language(phone, "en")
    phone.wait_for_load_state()
    assert "/en/" in phone.url
    assert phone.locator("html").get_attribute("lang") == "en"
