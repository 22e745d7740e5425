"""axe-core finds no serious or critical violation on the main pages, in both languages."""

import pytest

from .conftest import screenshot

PAGES = {
    "en": ["/en/", "/en/definitions/", "/en/definitions/micro-business/", "/en/case-studies/",
           "/en/case-studies/piccalilly/", "/en/market-guides/south-america/", "/en/search/?q=export",
           "/en/tags/"],
    "da": ["/da/", "/da/definitioner/", "/da/definitioner/mikrovirksomhed/", "/da/casestudier/",
           "/da/casestudier/piccalilly/", "/da/markedsguides/sydamerika/", "/da/search/?q=eksport",
           "/da/tags/"],
}


@pytest.mark.parametrize("language", ["en", "da"])
def test_main_pages_have_no_serious_accessibility_violations(site, desktop, language):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for path in PAGES[language]:
        response = desktop.goto(site.url + path)
        assert response.status == 200, path
        results = axe.run(desktop)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                nodes = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) {nodes}")
    assert problems == []


def test_reader_opens_a_case_study_follows_a_link_and_switches_language(site, phone):
    phone.goto(site.url + "/da/casestudier/")
    screenshot(phone, "reader-phone-case-study-index-da")
    phone.get_by_role("link", name="Piccalilly").first.click()
    phone.wait_for_url("**/da/casestudier/piccalilly/")
    assert phone.get_by_role("heading", name="Fakta").is_visible()
    screenshot(phone, "reader-phone-case-study-da")
    phone.locator("a.wikilink").first.click()
    phone.wait_for_load_state()
    assert "/da/" in phone.url and "piccalilly" not in phone.url
    phone.get_by_role("navigation", name="Sprog").get_by_role("link", name="EN", exact=True).click()
    phone.wait_for_load_state()
    assert "/en/" in phone.url
    assert phone.locator("html").get_attribute("lang") == "en"
