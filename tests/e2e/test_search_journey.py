"""Journey 2: a reader searches in Danish and English, narrows by a facet, opens a case study and
follows a [[link]] — on a phone (Danish) and on a desktop (English)."""

import re

from .conftest import SLOW, axe_problems, goto, screenshot


def search_from_header(page, query: str):
    """Type a query into the site header's search box and submit it, as a reader does."""
    box = page.get_by_role("banner").get_by_role("searchbox")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"), timeout=SLOW)


def result_links(page):
    """The links of the search results (the page's main region, not its header or facets)."""
    return page.locator("ol.results").get_by_role("link")


def open_result(page, title: str, language: str):
    """Click the result with this title in this language (results come from both languages)."""
    link = result_links(page).filter(has_text=title).and_(page.locator(f"[href^='/{language}/']"))
    link.first.click()
    page.wait_for_load_state()
    page.get_by_role("heading", level=1, name=title).wait_for(timeout=SLOW)


def narrow_by_facet(page, group: str, value: str):
    """Choose a facet value (a link or a checkbox in the facet group named ``group``)."""
    facets = page.get_by_role("group", name=group).or_(page.get_by_role("navigation", name=group))
    facets = facets.or_(page.get_by_role("region", name=group))
    choice = facets.first.get_by_role("link", name=re.compile(value)).or_(
        facets.first.get_by_role("checkbox", name=re.compile(value)))
    before = page.url
    if choice.first.get_attribute("type") == "checkbox":
        choice.first.check()
        page.get_by_role("button", name=re.compile("Filter|Anvend|Apply|Søg|Search")).first.click()
    else:
        choice.first.click()
    page.wait_for_function("url => location.href !== url", arg=before, timeout=SLOW)
    page.wait_for_load_state()


def test_reader_on_a_phone_searches_in_danish_narrows_opens_a_case_study_and_follows_a_link(site, phone):
    goto(phone, site.url + "/da/")
    search_from_header(phone, "mikrovirksomheder eksport")
    assert phone.locator("html").get_attribute("lang") == "da"
    titles = result_links(phone).all_inner_texts()
    assert any("Mikrovirksomhed" in t for t in titles), titles
    screenshot(phone, "search-phone-1-mikrovirksomheder-eksport-da")
    assert axe_problems(phone, "phone search results") == []

    # Narrow to definitions: every result left is a definition, Mikrovirksomhed among them.
    narrow_by_facet(phone, "Sidetype", "Definition")
    assert "Mikrovirksomhed" in " ".join(result_links(phone).all_inner_texts())
    badges = phone.locator("ol.results .badge").all_inner_texts()
    assert not any(b in ("Casestudie", "Markedsguide", "Artikel") for b in badges), badges
    screenshot(phone, "search-phone-2-narrowed-to-definitions-da")

    search_from_header(phone, "childrens shoes")
    assert "Happy Little Soles" in " ".join(result_links(phone).all_inner_texts())
    screenshot(phone, "search-phone-3-childrens-shoes-da")
    open_result(phone, "Happy Little Soles", "da")
    assert phone.get_by_role("heading", name="Fakta").is_visible()
    screenshot(phone, "search-phone-4-case-study-happy-little-soles-da")

    # Follow a [[link]] from the case study's text to the definition it names.
    phone.locator(".prose").get_by_role("link", name="mikrovirksomhed", exact=True).first.click()
    phone.wait_for_url("**/da/definitioner/mikrovirksomhed/", timeout=SLOW)
    assert phone.get_by_role("heading", level=1, name="Mikrovirksomhed").is_visible()
    screenshot(phone, "search-phone-5-followed-link-mikrovirksomhed-da")


def test_reader_on_a_desktop_searches_in_english_narrows_by_country_and_follows_a_link(site, desktop):
    goto(desktop, site.url + "/en/")
    search_from_header(desktop, "childrens shoes")
    titles = result_links(desktop).all_inner_texts()
    assert any("Happy Little Soles" in t for t in titles), titles
    screenshot(desktop, "search-desktop-1-childrens-shoes-en")

    # Happy Little Soles sells to Denmark: narrowing by that export country keeps it.
    narrow_by_facet(desktop, "Export country", "Denmark")
    titles = result_links(desktop).all_inner_texts()
    assert any("Happy Little Soles" in t for t in titles), titles
    assert not any("UV Angel" in t for t in titles), titles
    screenshot(desktop, "search-desktop-2-narrowed-to-denmark-en")

    open_result(desktop, "Happy Little Soles", "en")
    screenshot(desktop, "search-desktop-3-case-study-happy-little-soles-en")
    desktop.locator(".prose").get_by_role("link", name="micro-business", exact=True).first.click()
    desktop.wait_for_url("**/en/definitions/micro-business/", timeout=SLOW)
    assert desktop.get_by_role("heading", level=1, name="Micro-business").is_visible()

    search_from_header(desktop, "mikrovirksomheder eksport")
    titles = result_links(desktop).all_inner_texts()
    assert any("Mikrovirksomhed" in t or "Micro-business" in t for t in titles), titles
    screenshot(desktop, "search-desktop-4-mikrovirksomheder-eksport-en")
