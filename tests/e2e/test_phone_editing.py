"""Editing from a phone at the fair: one section at a time, through a dropped connection, through a
conflict, and a held edit's notice. Each journey writes to a page of its own, made here."""

import re

from django.utils.text import slugify
from wagtail.models import Locale

from editing.models import BlockedWord
from wiki.models import DefinitionIndexPage, DefinitionPage, EditMeta, EditStatus
from wiki.revisions import save_wiki_revision

from .conftest import SLOW, assert_fits_the_screen, axe_problems, goto, screenshot

SAVE = re.compile(r"^(Gem|Save)$")
BODY = (
    "Indledning om standen.\n\n"
    "## Hvem står på standen\nTre mikrovirksomheder deler standen.\n\n"
    "## Hvad koster det\nLeje: 4.000 kr.\nStrøm: 500 kr.\n\n"
    "## Efter messen\nVi skriver til alle, der lagde et visitkort.\n"
)


def new_page(title: str, body: str = BODY, language: str = "da") -> DefinitionPage:
    parent = DefinitionIndexPage.objects.get(locale__language_code=language)
    page = DefinitionPage(title=title, slug=slugify(title), body=body, short_definition=title,
                          locale=Locale.objects.get(language_code=language))
    parent.add_child(instance=page)
    save_wiki_revision(page, summary="test page")
    return DefinitionPage.objects.get(pk=page.pk)


def body_of(page) -> str:
    return DefinitionPage.objects.get(pk=page.pk).body


def wait_for_challenge(page):
    """The anti-spam check runs when the form opens; wait until it is done (a person types meanwhile)."""
    page.wait_for_function("() => !document.querySelector('.pow-status') || "
                           "document.querySelector('#edit-form [name=nonce]').value !== ''", timeout=60_000)


def drafts(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('wiki-draft:'))")


def test_a_section_edit_round_trip_on_a_phone(site, phone):
    page = new_page("Afsnitsprøve på messen")
    goto(phone, site.url + page.url)
    assert_fits_the_screen(phone)
    problems = axe_problems(phone, "page with section links")
    links = phone.locator(".prose a.section-edit")
    assert links.count() == 3
    box = links.nth(1).bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box  # a main action on a phone
    screenshot(phone, "phone-editing-1-page-with-section-links")
    links.nth(1).click()
    phone.wait_for_url("**/edit/?section=2", timeout=SLOW)
    body = phone.locator("#edit-form [name=body]")
    assert body.input_value() == "## Hvad koster det\nLeje: 4.000 kr.\nStrøm: 500 kr.\n\n"
    assert phone.locator("#edit-form [name=short_definition]").count() == 0
    assert_fits_the_screen(phone)
    problems += axe_problems(phone, "section edit form")
    screenshot(phone, "phone-editing-2-section-form")
    body.fill("## Hvad koster det\nLeje: 3.500 kr.\nStrøm: 500 kr.\n")
    phone.locator("#edit-form [name=summary]").fill("Ny pris")
    phone.get_by_role("button", name=SAVE).click()
    phone.wait_for_url(lambda url: "/edit/" not in url, timeout=60_000)
    phone.locator(".prose").get_by_text("Leje: 3.500 kr.").wait_for(timeout=SLOW)
    assert body_of(page) == BODY.replace("4.000", "3.500")
    assert drafts(phone) == []  # a successful save clears the draft
    problems += axe_problems(phone, "page after the section save")
    screenshot(phone, "phone-editing-3-saved")
    assert problems == []


def test_a_save_with_the_network_cut_is_kept_and_sent_once_it_returns(site, phone):
    page = new_page("Wi-Fi-prøve på messen")
    edit_url = site.url + page.url + "edit/?section=1"
    goto(phone, edit_url)
    wait_for_challenge(phone)
    body = phone.locator("#edit-form [name=body]")
    words = "## Hvem står på standen\nTre mikrovirksomheder og en konkollega fra Aalborg deler standen.\n"
    body.fill(words)
    assert len(drafts(phone)) == 1  # kept as it is typed

    phone.context.set_offline(True)
    phone.get_by_role("button", name=SAVE).click()
    status = phone.locator(".send-status")
    status.get_by_text("forbindelsen røg").wait_for(timeout=SLOW)
    assert phone.url == edit_url and body.input_value() == words  # nothing navigated away, nothing lost
    problems = axe_problems(phone, "save failed offline")
    screenshot(phone, "phone-editing-4-offline")
    assert body_of(page) == BODY

    # Back online, the visitor reloads the form: the unsent text is there again, with a notice.
    phone.context.set_offline(False)
    goto(phone, edit_url)
    phone.locator(".draft-notice").wait_for(timeout=SLOW)
    assert body.input_value() == words
    problems += axe_problems(phone, "draft restored")
    screenshot(phone, "phone-editing-5-draft-restored")
    wait_for_challenge(phone)

    # The connection drops once more; "Send again" sends the same form once it is back.
    phone.context.set_offline(True)
    phone.get_by_role("button", name=SAVE).click()
    again = phone.get_by_role("button", name="Send igen")
    again.wait_for(timeout=SLOW)
    phone.context.set_offline(False)
    again.click()
    phone.wait_for_url(lambda url: "/edit/" not in url, timeout=60_000)
    phone.locator(".prose").get_by_text("en konkollega fra Aalborg").wait_for(timeout=SLOW)
    assert "en konkollega fra Aalborg" in body_of(page) and "## Efter messen" in body_of(page)
    assert drafts(phone) == []
    assert problems == []


def test_a_conflict_is_resolved_on_a_phone(site, phone):
    page = new_page("Konfliktprøve på messen")
    edit_url = site.url + page.url + "edit/?section=2"
    goto(phone, edit_url)
    wait_for_challenge(phone)
    phone.locator("#edit-form [name=body]").fill("## Hvad koster det\nLeje: 4.200 kr. (mit tal)\nStrøm: 500 kr.\n")
    # Meanwhile someone else saves another price on the same line.
    other = DefinitionPage.objects.get(pk=page.pk)
    other.body = BODY.replace("Leje: 4.000 kr.", "Leje: 4.100 kr. (deres tal)")
    save_wiki_revision(other, summary="their price")

    phone.get_by_role("button", name=SAVE).click()
    clash = phone.locator("fieldset.clash")
    clash.wait_for(timeout=SLOW)
    assert "(deres tal)" in clash.locator(".conflict-theirs").inner_text()
    assert "(mit tal)" in clash.locator(".conflict-yours").inner_text()
    theirs, yours = clash.locator(".conflict-theirs").bounding_box(), clash.locator(".conflict-yours").bounding_box()
    assert yours["y"] >= theirs["y"] + theirs["height"] - 1  # stacked on a phone
    assert_fits_the_screen(phone)
    problems = axe_problems(phone, "conflict view")
    screenshot(phone, "phone-editing-6-conflict")

    clash.get_by_label("Behold din").check()
    text = phone.locator("#edit-form [name=body]").input_value()
    assert "<<<<<<<" not in text and "(mit tal)" in text and "(deres tal)" not in text
    screenshot(phone, "phone-editing-7-conflict-resolved")
    wait_for_challenge(phone)
    phone.get_by_role("button", name=SAVE).click()
    phone.wait_for_url(lambda url: "/edit/" not in url, timeout=60_000)
    phone.locator(".prose").get_by_text("(mit tal)").wait_for(timeout=SLOW)
    saved = body_of(page)
    assert "Leje: 4.200 kr. (mit tal)" in saved and "(deres tal)" not in saved and "## Efter messen" in saved
    assert problems == []


def test_a_held_edit_gets_a_calm_notice_saying_why(site, phone):
    BlockedWord.objects.get_or_create(word="gratisgevinst")
    page = new_page("Tilbageholdt prøve på messen")
    goto(phone, site.url + page.url + "edit/?section=3")
    wait_for_challenge(phone)
    phone.locator("#edit-form [name=body]").fill("## Efter messen\nVind en gratisgevinst!\n")
    phone.get_by_role("button", name=SAVE).click()
    phone.wait_for_url(lambda url: "/edit/" not in url, timeout=60_000)
    notice = phone.locator(".messages .message-info")
    notice.wait_for(timeout=SLOW)
    text = notice.inner_text()
    assert "et ord, som redaktørerne ser på først" in text and "Når den er godkendt" in text
    assert phone.locator(".message-warning, .message-error, .held-notice").count() == 0
    assert EditMeta.objects.filter(page_id=page.pk, status=EditStatus.HELD).exists()
    assert "gratisgevinst" not in body_of(page)
    assert_fits_the_screen(phone)
    problems = axe_problems(phone, "held notice")
    screenshot(phone, "phone-editing-8-held-notice")
    assert problems == []


def test_long_pages_get_a_table_of_contents_beside_the_text_on_desktop(site, desktop, phone):
    page = new_page("Indholdsprøve på messen")
    goto(desktop, site.url + page.url)
    toc = desktop.locator("nav.toc-wide")
    assert toc.is_visible()
    assert toc.locator("a").all_inner_texts() == ["Hvem står på standen", "Hvad koster det", "Efter messen"]
    prose = desktop.locator(".prose").bounding_box()
    box = toc.bounding_box()
    assert box["x"] > prose["x"] + prose["width"] / 2  # beside the text, not above it
    toc.locator("a").nth(2).click()
    desktop.wait_for_url("**#efter-messen")
    problems = axe_problems(desktop, "table of contents")
    screenshot(desktop, "phone-editing-9-toc-desktop")
    goto(phone, site.url + page.url)
    assert not phone.locator("nav.toc-wide").is_visible()
    assert phone.locator("details.toc-narrow").is_visible()
    assert problems == []
