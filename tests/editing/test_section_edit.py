"""Editing one ## section from the site: the form, the splice, the merge and the conflict view."""

import pytest
from django.test import Client

from tests.editing.conftest import edits_of, form_data, form_from_html
from wiki.revisions import save_wiki_revision

BODY = "Intro.\n\n## Costs\nRent.\nWages.\n\n## Export\nShip it.\n"


@pytest.fixture
def page(definition):
    definition.body = BODY
    save_wiki_revision(definition, summary="sections for the test")
    definition.refresh_from_db()
    return definition


def form_without_choices(html):
    """The form as sent back, with no clash chosen (form_from_html would take a radio button's value)."""
    return {name: value for name, value in form_from_html(html).items() if not name.startswith("clash-")}


def fresh(page):
    page.refresh_from_db()
    return page


def test_the_page_links_each_section_to_its_edit_form(client, page):
    html = client.get(page.url).content.decode()
    assert 'href="edit/?section=1"' in html and 'href="edit/?section=2"' in html
    assert '<h2 id="costs">' in html


def test_the_section_form_holds_that_section_only(client, page):
    html = client.get(page.url + "edit/?section=2").content.decode()
    data = form_from_html(html)
    assert data["body"] == "## Export\nShip it.\n"
    assert "short_definition" not in data and "title" not in data
    assert data["base_revision"] == str(page.live_revision_id)


@pytest.mark.parametrize("section", ["3", "99", "x", "-1"])
def test_a_section_that_does_not_exist_is_not_found(client, page, section):
    assert client.get(page.url + f"edit/?section={section}").status_code == 404


def test_a_section_save_is_spliced_into_the_page(client, page):
    url = page.url + "edit/?section=1"
    data = form_data(client, url, body="## Costs\nRent only.\n", summary="shorter")
    assert client.post(url, data).status_code == 302
    assert fresh(page).body == "Intro.\n\n## Costs\nRent only.\n\n## Export\nShip it.\n"
    assert edits_of(page).first().summary == "§ Costs: shorter"


def test_a_save_sent_by_the_script_gets_the_address_to_go_to(client, page):
    url = page.url + "edit/?section=2"
    data = form_data(client, url, body="## Export\nFly it.\n")
    response = client.post(url, data, headers={"X-Edit-Form": "fetch"})
    assert response.status_code == 200 and response.json() == {"location": page.url}
    assert fresh(page).body.endswith("## Export\nFly it.\n")


def test_a_concurrent_edit_elsewhere_in_the_page_merges(client, page):
    other = Client()
    mine = form_data(client, page.url + "edit/?section=2", body="## Export\nShip it by sea.\n")
    theirs = form_data(other, page.url + "edit/?section=1", body="## Costs\nRent.\nWages and tax.\n")
    assert other.post(page.url + "edit/?section=1", theirs).status_code == 302
    assert client.post(page.url + "edit/?section=2", mine).status_code == 302
    body = fresh(page).body
    assert "Wages and tax." in body and "Ship it by sea." in body
    assert "merged" in edits_of(page).first().summary


def test_a_clash_in_the_same_section_goes_to_the_conflict_view_and_resolves_there(client, page):
    other = Client()
    url = page.url + "edit/?section=1"
    mine = form_data(client, url, body="## Costs\nRent: mine.\nWages.\n")
    theirs = form_data(other, url, body="## Costs\nRent: theirs.\nWages.\n")
    assert other.post(url, theirs).status_code == 302
    response = client.post(url, mine)
    assert response.status_code == 409
    html = response.content.decode()
    # Only the clashing passage, both sides, and a choice per clash; the form is the whole page's now.
    assert 'name="clash-body-1"' in html and "Rent: mine." in html and "Rent: theirs." in html
    assert f'action="{page.url}edit/"' in html
    assert fresh(page).body.count("Rent: theirs.") == 1  # nothing of mine saved silently
    again = form_without_choices(html)
    assert again["base_revision"] == str(fresh(page).live_revision_id)
    # Saving with the clash left unresolved keeps the text and says so.
    response = client.post(page.url + "edit/", again)
    assert response.status_code == 400 and "Rent: mine." in response.content.decode()
    again = form_without_choices(response.content.decode())
    assert client.post(page.url + "edit/", {**again, "clash-body-1": "yours"}).status_code == 302
    body = fresh(page).body
    assert "Rent: mine." in body and "Rent: theirs." not in body and "<<<<<<<" not in body


def test_keeping_both_sides_of_a_clash(client, page):
    other = Client()
    url = page.url + "edit/?section=2"
    mine = form_data(client, url, body="## Export\nMine.\n")
    assert other.post(url, form_data(other, url, body="## Export\nTheirs.\n")).status_code == 302
    again = form_without_choices(client.post(url, mine).content.decode())
    assert client.post(page.url + "edit/", {**again, "clash-body-1": "both"}).status_code == 302
    assert fresh(page).body.rstrip("\n").endswith("## Export\nTheirs.\nMine.")


def test_a_section_gone_from_the_base_revision_keeps_the_text_with_a_clear_400(client, page):
    data = form_data(client, page.url + "edit/?section=2", body="## Export\nKeep me.\n")
    response = client.post(page.url + "edit/?section=7", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep me." in html and "no longer in the page" in html
    assert fresh(page).body == BODY
