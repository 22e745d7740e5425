"""Journey 1: a visitor at a fair stand edits a definition on a phone, in Danish, without an account.

They open the definition, tap Edit, change the text, save (the page's JavaScript solves the
proof-of-work challenge first), see the change on the page, open the history, compare the two
revisions, see their words in the diff, and switch to English. The same edit on a desktop, in English.
"""

import re

from .conftest import SLOW, assert_fits_the_screen, axe_problems, goto, page_tool, screenshot, switch_language

SAVE = re.compile(r"^(Gem|Save)$")
COMPARE = re.compile(r"Sammenlign|Compare")


def field(page, name: str):
    """A field of the edit form, by its name (labels change with the language; names do not)."""
    return page.locator(f"#edit-form [name='{name}']")


def edit_and_save(page, *, sentence: str, summary: str, display_name: str, shots: str):
    """On an edit form: add a paragraph to the body, write a summary and a name, save, wait for the page."""
    form = page.locator("#edit-form")
    form.wait_for(timeout=SLOW)
    body = field(page, "body")
    body.fill(body.input_value().rstrip() + "\n\n" + sentence + "\n")
    field(page, "summary").fill(summary)
    if field(page, "display_name").count():
        field(page, "display_name").fill(display_name)
    # The honeypot is for bots only: a person never sees it, so never fills it in by mistake.
    box = field(page, "contact_email").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0 or box["width"] * box["height"] <= 1, box
    if page.viewport_size["width"] < 600:
        assert_fits_the_screen(page)
    screenshot(page, f"{shots}-2-edit-form")
    problems = axe_problems(page, "edit form")
    edit_url = page.url
    # Save at once: if the anti-spam check is still running, the form waits for it and then submits.
    page.get_by_role("button", name=SAVE).click()
    page.wait_for_url(lambda url: url != edit_url and "/edit/" not in url, timeout=60_000)
    return problems


def open_history_and_diff(page, *, words: tuple[str, ...], summary: str, display_name: str, shots: str):
    """From the page: open its history, check the newest revision's row, compare it with the one before."""
    page_tool(page, re.compile(r"^(Historik|History)$")).click()
    page.wait_for_url("**/history/", timeout=SLOW)
    newest = page.locator("table tbody tr").first
    assert summary in newest.inner_text()
    assert display_name in newest.inner_text()
    assert page.locator("table tbody tr").count() >= 2
    if page.viewport_size["width"] < 600:
        assert_fits_the_screen(page)
    screenshot(page, f"{shots}-4-history")
    problems = axe_problems(page, "history")

    # The two newest revisions are preselected: compare them.
    page.get_by_role("button", name=COMPARE).first.click()
    page.wait_for_url("**/history/compare/**", timeout=SLOW)
    inserted = " ".join(page.locator("ins").all_inner_texts())
    for word in words:
        assert word in inserted, (word, inserted)
    assert not page.locator("del").filter(has_text=words[0]).count()
    if page.viewport_size["width"] < 600:
        assert_fits_the_screen(page)
    screenshot(page, f"{shots}-5-diff")
    problems += axe_problems(page, "diff")
    return problems


def test_visitor_edits_a_danish_definition_on_a_phone_and_sees_the_diff(site, phone):
    sentence = "På messen delte tre mikrovirksomheder en stand med en konkollega fra Aarhus."
    summary = "Tilføjede et eksempel fra messen"
    name = "Mette fra standen"

    goto(phone, site.url + "/da/definitioner/mikrovirksomhed/")
    assert_fits_the_screen(phone)
    screenshot(phone, "edit-phone-da-1-definition")
    phone.get_by_role("link", name="Rediger", exact=True).click()
    phone.wait_for_url("**/da/definitioner/mikrovirksomhed/edit/", timeout=SLOW)
    problems = edit_and_save(phone, sentence=sentence, summary=summary, display_name=name, shots="edit-phone-da")

    # Back on the definition, with the new words in its text.
    assert phone.url.endswith("/da/definitioner/mikrovirksomhed/")
    phone.locator(".prose").get_by_text(sentence).wait_for(timeout=SLOW)
    screenshot(phone, "edit-phone-da-3-page-after-save")
    problems += axe_problems(phone, "page after save")

    problems += open_history_and_diff(phone, words=("stand", "konkollega", "Aarhus"), summary=summary, display_name=name,
                                      shots="edit-phone-da")

    # Switch to English from the diff: the English definition's history (the switch keeps the view),
    # then the definition itself, without the Danish edit.
    switch_language(phone, "en")
    phone.wait_for_url("**/en/definitions/micro-business/history/", timeout=SLOW)
    phone.locator("main .page-type a").first.click()
    phone.wait_for_url("**/en/definitions/micro-business/", timeout=SLOW)
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_role("heading", level=1, name="Micro-business").is_visible()
    assert sentence not in phone.locator("main").inner_text()
    screenshot(phone, "edit-phone-da-6-switched-to-english")
    assert problems == []


def test_the_same_edit_on_a_desktop_in_english(site, desktop):
    sentence = "At the fair, three micro-businesses shared a stand, each acting as a partner to the others."
    summary = "Added an example from the fair"
    name = "Mark at the stand"

    goto(desktop, site.url + "/en/definitions/micro-business/")
    desktop.get_by_role("link", name="Edit", exact=True).click()
    desktop.wait_for_url("**/en/definitions/micro-business/edit/", timeout=SLOW)
    problems = edit_and_save(desktop, sentence=sentence, summary=summary, display_name=name, shots="edit-desktop-en")
    assert desktop.url.endswith("/en/definitions/micro-business/")
    desktop.locator(".prose").get_by_text(sentence).wait_for(timeout=SLOW)
    screenshot(desktop, "edit-desktop-en-3-page-after-save")
    problems += open_history_and_diff(desktop, words=("stand", "partner"), summary=summary, display_name=name,
                                      shots="edit-desktop-en")
    assert problems == []
