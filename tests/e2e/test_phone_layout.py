"""Issue 21, the reading half: the first screen on a phone and a desktop, words that are never split,
tap targets, the header's and the page tools' disclosures, and a language switch that keeps context.

Every page visited is checked with axe (no serious or critical violation); screenshots are kept in
test-artifacts/screenshots (``layout-*``: the first screen as the reader sees it, and the whole page).
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    SLOW,
    assert_fits_the_screen,
    axe_problems,
    goto,
    open_menu,
    page_tool,
    screenshot,
    switch_language,
)

HEADER_LIMIT = 120  # px, at 390x844
SMALL_TARGET, MAIN_TARGET = 24, 44  # px

FIRST_SCREENS = {
    "definition-da": "/da/definitioner/mikrovirksomhed/",
    "definition-en": "/en/definitions/micro-business/",
    "case-study-da": "/da/casestudier/piccalilly/",
    "case-study-en": "/en/case-studies/happy-little-soles/",
    "guide-da": "/da/markedsguides/sydamerika/",
    "guide-en": "/en/market-guides/south-america/",
}

# Pages with a facts box or a table, at widths from a small phone to a desktop.
WORD_PAGES = ["/da/casestudier/piccalilly/", "/en/case-studies/piccalilly/", "/da/casestudier/happy-little-soles/",
              "/en/case-studies/uv-angel/", "/da/definitioner/mikrovirksomhed/", "/en/definitions/micro-business/",
              "/da/markedsguides/sydamerika/", "/en/market-guides/south-america/"]
WORD_ELEMENTS = ".facts-box dt, .facts-box dd, .prose table th, .prose table td"

# Words (between spaces and hyphens) whose letters land on more than one line.
SPLIT_WORDS_JS = """(selector) => {
  const split = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\u2010-\\u2014\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""

# Visible controls smaller than the least size, as "text: width x height".
SMALL_TARGETS_JS = """([selector, least]) => [...document.querySelectorAll(selector)]
  .filter(el => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden')
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, r]) => r.width > 0 && (r.width < least - 0.5 || r.height < least - 0.5))
  .map(([el, r]) => `${(el.innerText || el.value || el.name || el.tagName).trim().slice(0, 40)}: `
                    + `${Math.round(r.width)}x${Math.round(r.height)}`)"""

# Labels of the facts box that stand beside their value yet take more width than it.
WIDE_LABELS_JS = """() => [...document.querySelectorAll('.facts-box dt')].filter(dt => {
  const dd = dt.nextElementSibling, a = dt.getBoundingClientRect(), b = dd && dd.getBoundingClientRect();
  return b && Math.abs(a.top - b.top) < 2 && a.width > b.width;
}).map(dt => dt.innerText)"""

TARGETS = ", ".join(f"{area} {control}" for area in (
    ".site-header", ".site-footer", ".page-tools", ".tags", ".card-list", ".az", ".filters", ".country-list",
) for control in ("a", "button", "summary", "input:not([type=hidden])", "select"))
MAIN_ACTIONS = ".page-tools__edit, .page-tools__more > summary, .site-menu > summary, .site-search button, .site-search input"


def first_screen_shot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def box(page, selector):
    element = page.locator(selector).first
    assert element.is_visible(), f"{selector} is not visible on {page.url}"
    return element.bounding_box()


def check_first_screen(page, url: str, viewport: dict, name: str) -> list[str]:
    goto(page, url)
    header = box(page, ".site-header")
    if viewport is PHONE:
        assert header["height"] <= HEADER_LIMIT, f"{url}: the header is {header['height']} px tall"
    title, edit = box(page, "main h1"), box(page, ".page-tools__edit")
    for what, rect in (("title", title), ("Edit", edit)):
        assert rect["y"] >= 0 and rect["y"] + rect["height"] <= viewport["height"], f"{url}: {what} is not on the first screen"
    assert page.locator("main .page-tools__edit").count() == 1
    assert edit["height"] >= MAIN_TARGET
    # The other tools wait in the overflow menu until it is opened.
    more = page.locator(".page-tools__more")
    assert not more.get_by_role("link", name=re.compile("^(History|Historik)$")).is_visible()
    assert_fits_the_screen(page)
    first_screen_shot(page, f"layout-{name}-first-screen")
    screenshot(page, f"layout-{name}-page")
    return axe_problems(page, name)


@pytest.mark.parametrize("name", FIRST_SCREENS)
def test_first_screen_on_a_phone(site, phone, name):
    problems = check_first_screen(phone, site.url + FIRST_SCREENS[name], PHONE, f"phone-{name}")
    assert problems == []


@pytest.mark.parametrize("name", FIRST_SCREENS)
def test_first_screen_on_a_desktop(site, desktop, name):
    problems = check_first_screen(desktop, site.url + FIRST_SCREENS[name], DESKTOP, f"desktop-{name}")
    # On a wide screen the header's menu stands open: sections, language and account links in view.
    assert desktop.locator(".language-switcher").is_visible() and desktop.locator(".site-nav").is_visible()
    assert problems == []


def test_the_header_menu_and_the_page_tools_are_disclosures(site, phone):
    goto(phone, site.url + "/da/definitioner/konkollega/")
    summary = phone.locator(".site-menu > summary")
    expect(summary).to_have_attribute("aria-expanded", "false")
    assert not phone.locator(".language-switcher").is_visible()
    summary.click()
    # The toggle event that updates aria-expanded comes a moment after the click.
    expect(summary).to_have_attribute("aria-expanded", "true")
    for part in (".language-switcher", ".account-nav", ".site-nav"):
        assert phone.locator(part).is_visible()
    first_screen_shot(phone, "layout-phone-menu-open")
    problems = axe_problems(phone, "menu open")
    phone.keyboard.press("Escape")
    expect(summary).to_have_attribute("aria-expanded", "false")
    history = page_tool(phone, "Historik")
    assert history.is_visible()
    expect(phone.locator(".page-tools__more > summary")).to_have_attribute("aria-expanded", "true")
    first_screen_shot(phone, "layout-phone-page-tools-open")
    problems += axe_problems(phone, "page tools open")
    history.click()
    phone.wait_for_url("**/history/", timeout=SLOW)
    assert problems == []


def test_the_menus_open_without_javascript(site, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        goto(page, site.url + "/da/definitioner/konkollega/")
        page.locator(".site-menu > summary").click()
        assert page.locator(".language-switcher a[hreflang=en]").is_visible()
        page.locator(".site-menu > summary").click()  # closes it again
        assert not page.locator(".language-switcher a[hreflang=en]").is_visible()
        page.locator(".page-tools__more > summary").click()
        assert page.get_by_role("link", name="Historik").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640}, PHONE, {"width": 768, "height": 1024}, DESKTOP],
                         ids=["320", "390", "768", "1366"])
def test_no_word_is_split_in_the_facts_box_or_a_table(site, browser, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        checked = 0
        for url in WORD_PAGES:
            goto(page, site.url + url)
            checked += page.locator(WORD_ELEMENTS).count()
            split = page.evaluate(SPLIT_WORDS_JS, WORD_ELEMENTS)
            assert split == [], f"{url} at {viewport['width']} px splits {split}"
            assert_fits_the_screen(page)
            # Where labels and values stand side by side, the label column is the narrower one.
            assert page.evaluate(WIDE_LABELS_JS) == [], url
        assert checked > 50  # the selectors found the facts and the tables
        if viewport is PHONE:
            goto(page, site.url + "/da/definitioner/mikrovirksomhed/")
            table = page.locator(".prose table").first
            # The EU size table is wider than a phone: it scrolls in its own box, which keyboards can reach.
            assert table.evaluate("t => t.scrollWidth > t.clientWidth") and table.get_attribute("tabindex") == "0"
            screenshot(page, "layout-phone-words-eu-table")
    finally:
        context.close()


@pytest.mark.parametrize("url", ["/da/", "/da/casestudier/piccalilly/", "/da/definitioner/", "/da/casestudier/",
                                 "/da/tags/eksport/", "/da/recent-changes/"])
def test_tap_targets(site, phone, url):
    goto(phone, site.url + url)
    open_menu(phone)
    small = phone.evaluate(SMALL_TARGETS_JS, [TARGETS, SMALL_TARGET])
    main = phone.evaluate(SMALL_TARGETS_JS, [MAIN_ACTIONS, MAIN_TARGET])
    assert small == [], f"{url}: targets under {SMALL_TARGET} px: {small}"
    assert main == [], f"{url}: main actions under {MAIN_TARGET} px: {main}"


# Visible inputs whose placeholder is wider than the room inside them.
CUT_PLACEHOLDERS_JS = """() => {
  const context = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('input[placeholder]')].filter(input => input.offsetParent !== null).filter(input => {
    const style = getComputedStyle(input);
    context.font = style.font;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(input.placeholder).width > room;
  }).map(input => input.placeholder);
}"""


@pytest.mark.parametrize("url", ["/da/", "/en/", "/da/tags/", "/en/search/", "/da/search/?q=eksport"])
def test_search_placeholders_are_not_cut_off(site, phone, url):
    goto(phone, site.url + url)
    assert phone.locator("input[placeholder]:visible").count() >= 1
    assert phone.evaluate(CUT_PLACEHOLDERS_JS) == []


def test_the_home_page_shows_one_search_box_on_its_first_screen(site, phone, desktop):
    for page in (phone, desktop):
        goto(page, site.url + "/da/")
        visible = [box for box in page.locator("input[type=search]").all() if box.is_visible()]
        assert len(visible) == 1
        assert page.title() == "Mikrovirksomhedswiki"
        first_screen_shot(page, f"layout-{'phone' if page is phone else 'desktop'}-home-first-screen")


def test_language_switch_on_a_tag_page(site, phone):
    goto(phone, site.url + "/da/tags/eksport/")
    problems = axe_problems(phone, "tag page da")
    switch_language(phone, "en")
    phone.wait_for_url("**/en/tags/export/", timeout=SLOW)
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator(".card-list .card").count() >= 3
    screenshot(phone, "layout-phone-tag-switched")
    problems += axe_problems(phone, "tag page en")
    assert problems == []


def test_language_switch_on_a_filtered_list(site, desktop):
    goto(desktop, site.url + "/en/case-studies/")
    desktop.locator("#f-country").select_option("AU")
    desktop.get_by_role("button", name="Filter").click()
    desktop.wait_for_url(re.compile(r"country=AU"), timeout=SLOW)
    count = desktop.locator(".result-count").inner_text()
    map_src = desktop.locator(".export-map img").get_attribute("src")
    assert "AU" in map_src and "ES" not in map_src  # the map follows the filter
    problems = axe_problems(desktop, "filtered list en")
    switch_language(desktop, "da")
    desktop.wait_for_url(re.compile(r"/da/casestudier/\?.*country=AU"), timeout=SLOW)
    assert desktop.locator("#f-country").input_value() == "AU"
    assert re.findall(r"\d+", desktop.locator(".result-count").inner_text()) == re.findall(r"\d+", count)
    screenshot(desktop, "layout-desktop-filtered-list-switched")
    problems += axe_problems(desktop, "filtered list da")
    assert problems == []


def test_language_switch_from_a_history_page(site, phone):
    goto(phone, site.url + "/da/definitioner/konkollega/history/")
    switch_language(phone, "en")
    phone.wait_for_url("**/en/definitions/konkollega/history/", timeout=SLOW)
    assert axe_problems(phone, "history en") == []
