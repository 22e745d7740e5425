"""Journey 2: a reader searches in Danish and English, narrows by a facet, opens a case study and
follows a [[link]] — on a phone (Danish) and on a desktop (English)."""

import re

from .conftest import SLOW, assert_fits_the_screen, axe_problems, goto, screenshot, switch_language


def search_from_header(page, query: str):
    """Type a query into the search box on the screen and submit it, as a reader does (the home page
    shows its own box, other pages the header's)."""
    box = page.locator("input[type=search]:visible").first
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"), timeout=SLOW)
    # A plain query is understood as it is: no "part of your search could not be understood".
    notices = page.locator(".search-notices")
    assert notices.count() == 0, notices.all_inner_texts()


def results(page):
    """The list of search results (not the header, the facets or the suggestions)."""
    return page.locator("ol.search-results, ol.results")


def result_titles(page) -> list[str]:
    results(page).first.wait_for(timeout=SLOW)
    return results(page).get_by_role("heading").all_inner_texts()


def open_result(page, title: str) -> str:
    """Click the first result with this title (results come from both languages); its language."""
    link = results(page).get_by_role("link", name=title, exact=True).first
    language = link.get_attribute("href").split("/")[1]
    link.click()
    page.get_by_role("heading", level=1, name=title).wait_for(timeout=SLOW)
    return language


# A [[link]] in Happy Little Soles' text, per language: (label, where it leads, that page's title).
SHOES_LINK = {"da": ("mikrovirksomhed", "/da/definitioner/mikrovirksomhed/", "Mikrovirksomhed"),
              "en": ("micro-business", "/en/definitions/micro-business/", "Micro-business")}
FACTS = {"da": "Fakta", "en": "Facts"}


def follow_link(page, language: str):
    label, url, title = SHOES_LINK[language]
    page.locator(".prose").get_by_role("link", name=label, exact=True).first.click()
    page.wait_for_url("**" + url, timeout=SLOW)
    assert page.get_by_role("heading", level=1, name=title).is_visible()


def narrow_by_facet(page, group: str, value: str) -> int:
    """Choose a value in the facet group titled ``group``; returns the count the facet showed."""
    facets = page.get_by_role("complementary")
    group = facets.locator("details").filter(has=page.locator("summary", has_text=group))
    choice = group.get_by_role("link", name=re.compile(rf"^{re.escape(value)}\b"))
    count = int(re.findall(r"\d+", choice.first.inner_text())[-1])
    before = page.url
    choice.first.click()
    page.wait_for_url(lambda url: url != before, timeout=SLOW)
    return count


def test_the_header_and_home_search_boxes_suggest_titles_as_the_reader_types(site, desktop):
    # The home page's own box (the header's is not shown there: one search box on the first screen),
    # then the header's box on another page.
    boxes = (("/da/", "#hero-q", "#hero-suggestions"), ("/da/tags/", "#site-search-q", "#site-search-suggestions"))
    for url, box, listbox in boxes:
        goto(desktop, site.url + url)
        desktop.locator(box).press_sequentially("Picca", delay=30)
        option = desktop.locator(f"{listbox} [role=option]").filter(has_text="Piccalilly").first
        option.wait_for(timeout=SLOW)
        assert desktop.locator(box).get_attribute("aria-expanded") == "true"
        desktop.locator(box).press("Escape")
    # Choosing a suggestion opens its page.
    desktop.locator("#site-search-q").press("ArrowDown")
    desktop.locator("#site-search-q").fill("")
    desktop.locator("#site-search-q").press_sequentially("Piccalilly", delay=30)
    desktop.locator("#site-search-suggestions [role=option]").first.wait_for(timeout=SLOW)
    desktop.locator("#site-search-q").press("ArrowDown")
    desktop.locator("#site-search-q").press("Enter")
    desktop.wait_for_url(re.compile(r"/piccalilly/$"), timeout=SLOW)


def test_reader_on_a_phone_searches_in_danish_narrows_opens_a_case_study_and_follows_a_link(site, phone):
    goto(phone, site.url + "/da/")
    search_from_header(phone, "mikrovirksomheder eksport")
    assert phone.locator("html").get_attribute("lang") == "da"
    titles = result_titles(phone)
    assert any("Mikrovirksomhed" in t for t in titles), titles
    assert_fits_the_screen(phone)
    screenshot(phone, "search-phone-1-mikrovirksomheder-eksport-da")
    assert axe_problems(phone, "phone search results") == []

    # Narrow to definitions: every result left is a definition, Mikrovirksomhed among them.
    shown = narrow_by_facet(phone, "Sidetype", "Definition")
    titles = result_titles(phone)
    assert "Mikrovirksomhed" in titles
    assert len(titles) == min(shown, 10), (shown, titles)
    badges = results(phone).locator(".badge").all_inner_texts()
    assert not any(b in ("Casestudie", "Markedsguide", "Artikel") for b in badges), badges
    screenshot(phone, "search-phone-2-narrowed-to-definitions-da")

    search_from_header(phone, "childrens shoes")
    assert "Happy Little Soles" in result_titles(phone)
    screenshot(phone, "search-phone-3-childrens-shoes-da")
    language = open_result(phone, "Happy Little Soles")
    assert phone.get_by_role("heading", name=FACTS[language]).is_visible()
    assert_fits_the_screen(phone)
    screenshot(phone, "search-phone-4-case-study-happy-little-soles")

    # Follow a [[link]] from the case study's text to the definition it names, then switch language.
    follow_link(phone, language)
    screenshot(phone, "search-phone-5-followed-link")
    other = "en" if language == "da" else "da"
    switch_language(phone, other)
    phone.wait_for_url("**" + SHOES_LINK[other][1], timeout=SLOW)
    assert phone.locator("html").get_attribute("lang") == other


def test_reader_on_a_desktop_searches_in_english_narrows_by_country_and_follows_a_link(site, desktop):
    goto(desktop, site.url + "/en/")
    search_from_header(desktop, "childrens shoes")
    titles = result_titles(desktop)
    assert any("Happy Little Soles" in t for t in titles), titles
    screenshot(desktop, "search-desktop-1-childrens-shoes-en")

    # Happy Little Soles sells to Denmark: narrowing by that export country keeps it.
    shown = narrow_by_facet(desktop, "Export country", "Denmark")
    titles = result_titles(desktop)
    assert any("Happy Little Soles" in t for t in titles), titles
    assert not any("UV Angel" in t for t in titles), titles
    assert len(titles) == shown, (shown, titles)
    screenshot(desktop, "search-desktop-2-narrowed-to-denmark-en")

    language = open_result(desktop, "Happy Little Soles")
    screenshot(desktop, "search-desktop-3-case-study-happy-little-soles")
    follow_link(desktop, language)

    search_from_header(desktop, "mikrovirksomheder eksport")
    titles = result_titles(desktop)
    assert any("Mikrovirksomhed" in t or "Micro-business" in t for t in titles), titles
    screenshot(desktop, "search-desktop-4-mikrovirksomheder-eksport-en")
