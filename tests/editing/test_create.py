"""Red links open a form that creates the missing definition."""

from tests.editing.conftest import form_data
from wiki.models import DefinitionPage, EditMeta, EditStatus


def _red_link(client, definition, title):
    definition.body += f"\n\nSee also [[{title}]]."
    definition.save_revision().publish()
    html = client.get(definition.url).content.decode()
    import re
    from urllib.parse import quote_plus

    hrefs = [h.replace("&amp;", "&") for h in re.findall(r'wikilink-missing" href="([^"]+)"', html)]
    wanted = [h for h in hrefs if h.endswith("title=" + quote_plus(title))]
    assert wanted and wanted[0].startswith("/en/create/?title=")
    return wanted[0]


def test_red_link_creates_a_definition(client, definition):
    href = _red_link(client, definition, "Export agent")
    response = client.get(href)
    assert response.status_code == 200
    assert 'value="Export agent"' in response.content.decode()
    data = form_data(client, href, short_definition="Someone who sells abroad for you.",
                     body="An **export agent** finds buyers abroad.", summary="New definition")
    response = client.post(href, data)
    assert response.status_code == 302
    page = DefinitionPage.objects.get(title="Export agent", locale__language_code="en")
    assert response["Location"] == page.url and page.live
    assert page.get_parent().specific_class.__name__ == "DefinitionIndexPage"
    assert page.short_definition == "Someone who sells abroad for you."
    meta = EditMeta.objects.get(page_id=page.pk)
    assert meta.status == EditStatus.LIVE and meta.summary == "New definition" and page.live_revision_id == meta.revision_id
    assert "<strong>export agent</strong>" in client.get(page.url).content.decode()
    # The link is blue now.
    html = client.get(definition.url).content.decode()
    assert "title=Export+agent" not in html and f'href="{page.url}"' in html, html.split("See also")[-1][:400]


def test_create_in_danish_goes_under_the_danish_definitions(client, definition):
    href = "/da/create/?title=Eksportagent"
    response = client.post(href, form_data(client, href, body="Tekst"))
    assert response.status_code == 302
    page = DefinitionPage.objects.get(title="Eksportagent")
    assert page.locale.language_code == "da"


def test_create_has_the_same_anti_spam(client, definition):
    href = "/en/create/?title=Spam"
    data = form_data(client, href, body="Human text")
    assert client.post(href, {**data, "contact_email": "x"}).status_code == 400
    response = client.post(href, {**data, "nonce": ""})
    assert response.status_code == 400 and "Human text" in response.content.decode()
    assert not DefinitionPage.objects.filter(title="Spam").exists()


def test_create_refuses_an_existing_title(client, definition):
    href = "/en/create/?title=Micro-business"
    assert 'href="/en/definitions/micro-business/"' in client.get(href).content.decode()
    response = client.post(href, form_data(client, href, body="Duplicate"))
    assert response.status_code == 409
    assert DefinitionPage.objects.filter(title="Micro-business", locale__language_code="en").count() == 1


def test_created_page_with_spam_is_held_not_live(client, definition):
    from editing.models import BlockedWord

    BlockedWord.objects.create(word="viagra")
    href = "/en/create/?title=Pills"
    response = client.post(href, form_data(client, href, body="Buy viagra"))
    assert response.status_code == 202 and "waiting for review" in response.content.decode()
    page = DefinitionPage.objects.get(title="Pills")
    assert not page.live
    assert EditMeta.objects.get(page_id=page.pk).status == EditStatus.HELD
    assert client.get("/en/definitions/pills/").status_code == 404
