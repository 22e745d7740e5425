"""A visitor adds their micro-business from the site: held for a Moderator, approved, then live with its facts."""

import re

import pytest
from django.urls import reverse

from tests.fair.conftest import filled_form
from wiki.models import CaseStudyPage, EditMeta, EditStatus

# Their fixtures come through request.getfixturevalue: the mark tells pytest-django they use the database,
# so they run before the tests that flush it (transactional_db).
pytestmark = pytest.mark.django_db

ADD_EN = "/en/case-studies/add/"
ADD_DA = "/da/casestudier/add/"
BUSINESS = {
    "title": "Fjordsko", "tagline": "Wool slippers from Vejle", "sells": "Felted wool slippers",
    "sector": "footwear", "staff_count": "3", "years_trading": "4", "town_region": "Vejle",
    "home_country_name": "Denmark", "export_countries": "Norway, Sverige", "export_share_percent": "40",
    "sales_channels": ["own_shop", "retailers"], "website": "https://fjordsko.example",
    "seeks_kind": "distributor", "seeks_where": "Norway", "seeks_note": "Shoe shops",
    "offers_kind": "shared_stand", "offers_where": "", "offers_note": "Room for one more at fairs",
    "body": "We make slippers by hand.", "display_name": "Signe", "tag_names": "slippers, wool",
}


def _add(client, url=ADD_EN, **changes):
    return client.post(url, filled_form(client, url, **{**BUSINESS, **changes}))


def _api(client, **params):
    query = {"type": "wiki.CaseStudyPage", "fields": "seeks,offers,export_market_codes,home_country,tagline"}
    return client.get("/api/v2/pages/", {**query, **params}).json()


def test_a_visitors_business_is_held_then_approved_and_live_with_its_facts_in_the_api(client, fair_wiki, moderator):
    response = _add(client)
    assert response.status_code == 202
    html = response.content.decode()
    assert "waiting for a Moderator" in html
    page = CaseStudyPage.objects.get(title="Fjordsko")
    meta = EditMeta.objects.get(page_id=page.pk)
    assert not page.live and meta.status == EditStatus.HELD and meta.display_name == "Signe"
    # Not public: not at its address, not in the API, not in search.
    assert client.get("/en/case-studies/fjordsko/").status_code == 404
    assert "Fjordsko" not in str(_api(client))
    assert "Fjordsko" not in client.get("/api/v2/pages/", {"search": "Fjordsko"}).content.decode()
    # The visitor's status link says it waits.
    status_url = re.search(r'class="submission-status-link" href="([^"]+)"', html).group(1)
    assert "Waiting for a Moderator" in client.get(status_url).content.decode()

    client.force_login(moderator)
    assert client.post(reverse("moderation_admin:approve", args=[meta.pk])).status_code == 302
    page.refresh_from_db()
    meta.refresh_from_db()
    assert page.live and meta.status == EditStatus.APPROVED
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Felted wool slippers" in html and "Distributor" in html and "Shared stand" in html
    assert "Wool slippers from Vejle" in html and 'href="/en/tags/slippers/"' in html
    assert "export-map" in html and "Norway" in html
    items = {item["title"]: item for item in _api(client)["items"]}
    facts = items["Fjordsko"]
    assert facts["export_market_codes"] == ["NO", "SE"] and facts["home_country"] == "DK"
    assert facts["seeks"] == [{"kind": "distributor", "countries": ["NO"], "note": "Shoe shops"}]
    assert facts["offers"] == [{"kind": "shared_stand", "countries": [], "note": "Room for one more at fairs"}]
    assert facts["tagline"] == "Wool slippers from Vejle"
    assert "Approved and published" in client.get(status_url).content.decode()


def test_a_danish_business_goes_under_the_danish_case_studies(client, fair_wiki):
    assert _add(client, ADD_DA, title="Smykkeværkstedet").status_code == 202
    page = CaseStudyPage.objects.get(title="Smykkeværkstedet")
    assert page.locale.language_code == "da" and page.get_parent().slug == "casestudier"


@pytest.mark.parametrize("field, value, message", [
    ("export_countries", "Norway, Narnia", "Unknown country: Narnia"),
    ("home_country_name", "Atlantis", "Unknown country: Atlantis"),
    ("seeks_where", "Mordor", "Unknown country: Mordor"),
    ("export_share_percent", "120", "less than or equal to 100"),
    ("website", "ftp://fjordsko.example", "http:// or https://"),
    ("website", "javascript:alert(1)", "Enter a valid URL"),
    ("title", "", "This field is required"),
])
def test_bad_input_gets_a_message_and_keeps_the_visitors_text(client, fair_wiki, field, value, message):
    response = _add(client, **{field: value})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Felted wool slippers" in html and "We make slippers by hand." in html
    assert not CaseStudyPage.objects.filter(title="Fjordsko").exists()


def test_a_duplicate_name_links_to_the_existing_page(client, fair_wiki):
    response = _add(client, title="piccalilly")
    assert response.status_code == 409
    existing = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    assert f'href="{existing.url}"' in response.content.decode()
    assert CaseStudyPage.objects.filter(title__iexact="piccalilly", locale__language_code="en").count() == 1


@pytest.mark.parametrize("tamper, status", [
    ({"contact_email": "bot@example.com"}, 400),  # the honeypot
    ({"nonce": ""}, 400),  # the proof of work not done
])
def test_the_same_anti_spam_as_edits(client, fair_wiki, tamper, status):
    data = filled_form(client, ADD_EN, **BUSINESS)
    response = client.post(ADD_EN, {**data, **tamper})
    assert response.status_code == status
    assert "Felted wool slippers" in response.content.decode()
    assert not CaseStudyPage.objects.filter(title="Fjordsko").exists()


def test_a_session_over_its_budget_is_refused(client, fair_wiki, settings):
    settings.EDIT_BUDGET_SESSION = (1, 600)
    assert _add(client).status_code == 202
    response = _add(client, title="Second business")
    assert response.status_code == 429
    assert not CaseStudyPage.objects.filter(title="Second business").exists()


@pytest.mark.parametrize("who, status, live", [
    (None, 202, False),
    ("contributor", 202, False),
    ("editor", 201, True),
    ("moderator", 201, True),
])
def test_who_publishes_at_once(client, fair_wiki, request, who, status, live):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = _add(client)
    assert response.status_code == status
    page = CaseStudyPage.objects.get(title="Fjordsko")
    assert page.live is live
    assert EditMeta.objects.get(page_id=page.pk).status == (EditStatus.LIVE if live else EditStatus.HELD)


def test_a_blocked_session_cannot_add(client, fair_wiki, moderator):
    from moderation.models import Block
    from wiki.identity import session_hash

    client.get(ADD_EN)
    request = type("R", (), {"session": client.session, "user": None})()
    Block.objects.create(session_hash=session_hash(request), reason="spam")
    response = client.get(ADD_EN)
    assert response.status_code == 403
    assert client.post(ADD_EN, BUSINESS).status_code == 403
    assert not CaseStudyPage.objects.filter(title="Fjordsko").exists()


def test_add_under_a_page_that_is_no_case_study_index_is_not_found(client, fair_wiki):
    assert client.get("/en/blog/add/").status_code == 404


def test_the_poster_shows_a_qr_code_of_the_add_address(client, fair_wiki):
    response = client.get("/en/case-studies/add/stand-poster/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "http://testserver/en/case-studies/add/" in html


def test_an_approved_business_offers_its_translation_which_is_linked_and_reviewed(client, fair_wiki, moderator):
    from wiki.models import CaseStudyPage

    client.force_login(moderator)
    assert _add(client).status_code == 201  # a Moderator's business is live at once
    client.logout()
    english = CaseStudyPage.objects.get(title="Fjordsko", locale__language_code="en")
    html = client.get(english.url).content.decode()
    offer = f'/da/casestudier/add/?translation_of={english.pk}'
    assert offer in html.replace("&amp;", "&")
    form = filled_form(client, offer, sells="Filtede uldtøfler", body="Vi laver tøfler i hånden.")
    assert form["export_countries"] == "NO, SE" and form["seeks_kind"] == "distributor"
    assert client.post(ADD_DA, form).status_code == 202
    danish = CaseStudyPage.objects.get(locale__language_code="da", translation_key=english.translation_key)
    assert not danish.live and danish.sells == "Filtede uldtøfler" and danish.export_market_codes == ["NO", "SE"]
    # Once a Danish page exists (even waiting for review), the offer is gone.
    assert offer not in client.get(english.url).content.decode().replace("&amp;", "&")
