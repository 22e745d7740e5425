"""Journey 4: at a fair stand, a visitor adds their micro-business on a phone, in Danish, without an account
(two export countries, a partner sought); a Moderator approves it in the admin; the visitor finds it in the
partner finder, matched with a business that offers what they seek, and on the case-study map."""

import re

import pytest

from .conftest import SLOW, assert_fits_the_screen, axe_problems, goto, screenshot
from .test_editor_journey import log_in, people  # noqa: F401 (a fixture)

NAME = "Vejle Uldtøfler"
SAVE = re.compile(r"^(Gem|Save)$")


@pytest.fixture
def norwegian_distributor():
    """A live Danish case study that offers distribution in Norway: the partner the visitor will match."""
    from wiki.models import CaseStudyIndexPage, CaseStudyPage

    index = CaseStudyIndexPage.objects.get(locale__language_code="da")
    existing = CaseStudyPage.objects.filter(slug="oslo-fordeling").first()
    if existing is None:
        page = CaseStudyPage(title="Oslo Fordeling", slug="oslo-fordeling", sells="Distribution til skobutikker",
                             offers_partners="distributor; NO; skobutikker i hele Norge", locale=index.locale)
        index.add_child(instance=page)
        page.save_revision().publish()


def small_tap_targets(page) -> list[str]:
    """Form controls and buttons in the main area smaller than 24 px either way (WCAG 2.2 target size)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
            'main input:not([type=hidden]), main select, main textarea, main button, main .button'))
        .filter(el => el.offsetParent !== null && !el.closest('[aria-hidden=true]'))
        .map(el => [el.name || el.textContent.trim(), el.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24).map(([name, r]) => `${name}: ${r.width}x${r.height}`)""")


def test_visitor_adds_a_business_on_a_phone_a_moderator_approves_it_and_it_finds_a_partner(
        site, phone, desktop, people, norwegian_distributor):  # noqa: F811
    from wiki.models import CaseStudyPage, EditMeta

    # The visitor scans the poster's code: the Danish case studies, then "Tilføj din virksomhed".
    goto(phone, site.url + "/da/casestudier/")
    phone.get_by_role("link", name="Tilføj din virksomhed").first.click()
    phone.wait_for_url("**/da/casestudier/add/", timeout=SLOW)
    form = phone.locator("#edit-form")
    form.locator("[name=title]").fill(NAME)
    form.locator("[name=tagline]").fill("Filtede uldtøfler fra Vejle")
    form.locator("[name=sells]").fill("Håndfiltede uldtøfler til børn og voksne")
    form.locator("[name=sector]").select_option("footwear")
    form.locator("[name=staff_count]").fill("3")
    form.locator("[name=home_country_name]").fill("Danmark")
    form.locator("[name=export_countries]").press_sequentially("Norge, Sverige")
    form.locator("[name=export_share_percent]").fill("35")
    form.locator("[name=sales_channels][value=own_shop]").check()
    form.locator("[name=seeks_kind]").select_option("distributor")
    form.locator("[name=seeks_where]").fill("Norge")
    form.locator("[name=seeks_note]").fill("Skobutikker")
    form.locator("[name=display_name]").fill("Signe fra standen")
    assert_fits_the_screen(phone)
    assert small_tap_targets(phone) == []
    screenshot(phone, "fair-phone-da-1-add-business")
    problems = axe_problems(phone, "add business form")
    phone.get_by_role("button", name=SAVE).click()
    phone.locator(".submission-status-link").wait_for(timeout=60_000)
    assert "venter på en moderators gennemsyn" in phone.locator("main").inner_text()
    screenshot(phone, "fair-phone-da-2-submitted")
    status_url = phone.locator(".submission-status-link").get_attribute("href")

    page = CaseStudyPage.objects.get(title=NAME)
    assert not page.live and page.export_market_codes == ["NO", "SE"]
    assert phone.goto(site.url + page.url).status == 404  # not public before the review

    # The Moderator approves it from the admin's patrol list.
    log_in(desktop, site, people["Moderators"])
    goto(desktop, site.url + "/admin/moderation/patrol/?status=held")
    row = desktop.locator("tr", has_text=NAME)
    row.get_by_role("button", name="Approve and publish").click()
    desktop.wait_for_load_state("domcontentloaded")
    screenshot(desktop, "fair-desktop-3-approved")
    page.refresh_from_db()
    assert page.live and EditMeta.objects.get(page_id=page.pk).status == "approved"

    # The visitor's status link now says it is live.
    goto(phone, site.url + status_url)
    assert "Godkendt og udgivet" in phone.locator("main").inner_text()

    # In the partner finder, side by side with the distributor in Norway.
    goto(phone, site.url + "/da/konkolleger/")
    matches = phone.locator("section", has=phone.locator("#matches-heading"))
    match = matches.locator(".partner-match", has_text=NAME)
    assert "Oslo Fordeling" in match.inner_text() and "Norge" in match.inner_text()
    assert_fits_the_screen(phone)
    assert small_tap_targets(phone) == []
    screenshot(phone, "fair-phone-da-4-partner-finder")
    problems += axe_problems(phone, "partner finder")

    # On the case-study map: listed, and Sweden among the export markets (a country filter link).
    goto(phone, site.url + "/da/casestudier/?country=SE")
    assert NAME in phone.locator("main").inner_text()
    assert phone.locator(".export-map .country-list a", has_text="Sverige").count() >= 1
    screenshot(phone, "fair-phone-da-5-case-studies-map")

    # Its own page: the facts box with the partnership sought, and its world map.
    goto(phone, site.url + page.url)
    facts = phone.locator(".facts-box").inner_text()
    assert "Søger partnere" in facts and "Distributør (Norge)" in facts
    assert phone.locator(".export-map img").count() == 1
    screenshot(phone, "fair-phone-da-6-business-page")
    assert problems == []
