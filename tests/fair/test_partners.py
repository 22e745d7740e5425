"""The partner finder: who seeks and offers which partnership where, and the matches side by side."""

import pytest

from fair import partners
from wiki.models import CaseStudyPage
from wiki.partnerships import Partnership, parse_partnerships


def _business(fair_wiki_index, title, *, seeks="", offers="", sector="", live=True):
    page = CaseStudyPage(title=title, slug=title.lower().replace(" ", "-"), seeks_partners=seeks,
                         offers_partners=offers, sector=sector, locale=fair_wiki_index.locale, live=live)
    fair_wiki_index.add_child(instance=page)
    return page


@pytest.fixture
def index(fair_wiki):
    from fair.indexes import case_study_index

    return case_study_index("en")


@pytest.mark.parametrize("text, parsed", [
    ("distributor; NO SE; shoe shops", [Partnership("distributor", ("NO", "SE"), "shoe shops")]),
    ("agent", [Partnership("agent", (), "")]),
    ("Shared_Stand;;  fairs in Oslo ", [Partnership("shared_stand", (), "fairs in Oslo")]),
    ("nonsense; NO\nsupplier; XX", []),
    ("", []),
])
def test_partnership_lines_parse(text, parsed):
    assert parse_partnerships(text) == parsed


@pytest.mark.parametrize("seeks, offers, matched, where", [
    ("distributor; NO", "distributor; NO DK", True, ("NO",)),
    ("distributor; NO", "distributor", True, ("NO",)),  # an offer anywhere covers Norway
    ("distributor", "distributor; SE", True, ("SE",)),
    ("distributor; NO", "distributor; SE", False, None),  # different countries
    ("distributor; NO", "agent; NO", False, None),  # different kinds
])
def test_a_seeker_matches_an_offer_of_the_same_kind_in_a_shared_country(index, seeks, offers, matched, where):
    _business(index, "Seeker", seeks=seeks)
    _business(index, "Offerer", offers=offers)
    found = partners.matches(partners.entries(partners.live_pages()))
    assert bool(found) is matched
    if matched:
        assert [(m.seeker.page.title, m.partner.page.title, m.countries) for m in found] == [("Seeker", "Offerer", where)]


def test_two_seekers_of_a_shared_stand_match_each_other_once(index):
    _business(index, "First", seeks="shared_stand; DK")
    _business(index, "Second", seeks="shared_stand")
    found = partners.matches(partners.entries(partners.live_pages()))
    assert len(found) == 1 and found[0].countries == ("DK",)


def test_a_business_held_for_review_is_not_in_the_finder(client, index):
    _business(index, "Hidden Seeker", seeks="distributor; NO", live=False)
    _business(index, "Visible Offerer", offers="distributor; NO")
    html = client.get("/en/partners/").content.decode()
    assert "Visible Offerer" in html and "Hidden Seeker" not in html


def test_the_finder_shows_matches_side_by_side_with_a_talk_link_and_no_email(client, index):
    seeker = _business(index, "Seeker Shoes", seeks="distributor; NO; shoe shops", sector="footwear")
    _business(index, "Oslo Agents", offers="distributor; NO SE; we sell to shops", sector="services")
    response = client.get("/en/partners/")
    assert response.status_code == 200
    html = response.content.decode()
    match = html.split('id="matches-heading"')[1].split("</section>")[0]
    assert "Seeker Shoes" in match and "Oslo Agents" in match and "Norway" in match
    assert f'href="/en/talk/{seeker.pk}/"' in html
    assert "@" not in html.split("<main")[1].split("</main>")[0]


@pytest.mark.parametrize("query, shown, hidden", [
    ({"market": "SE"}, ["Sweden Seller"], ["Norway Seller"]),
    ({"kind": "agent"}, ["Norway Seller"], ["Sweden Seller"]),
    ({"sector": "footwear"}, ["Sweden Seller"], ["Norway Seller"]),
    ({"language": "da"}, [], ["Sweden Seller", "Norway Seller"]),
    ({"market": "not-a-code", "kind": "<script>"}, ["Sweden Seller", "Norway Seller"], []),
])
def test_the_finder_filters(client, index, query, shown, hidden):
    _business(index, "Sweden Seller", offers="distributor; SE", sector="footwear")
    _business(index, "Norway Seller", seeks="agent; NO", sector="services")
    response = client.get("/en/partners/", query)
    assert response.status_code == 200
    lists = response.content.decode().split('id="seek-heading"')[1]
    for title in shown:
        assert title in lists
    for title in hidden:
        assert title not in lists


def test_the_danish_finder_is_at_konkolleger(client, index):
    _business(index, "Nordic Agents", offers="agent; NO")
    response = client.get("/da/konkolleger/")
    assert response.status_code == 200 and "Nordic Agents" in response.content.decode()
    assert 'lang="da"' in response.content.decode()
    assert client.get("/da/partners/").status_code == 404


def test_partnerships_are_facts_editable_on_the_site_with_their_validation(client, fair_wiki):
    from tests.editing.conftest import form_data

    page = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    url = page.url + "edit/"
    response = client.post(url, form_data(client, url, seeks_partners="agent; ZZ"))
    assert response.status_code == 400 and "unknown country code(s): ZZ" in response.content.decode()
    response = client.post(url, form_data(client, url, seeks_partners="agent; FR; a French agent"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.seeks == [{"kind": "agent", "countries": ["FR"], "note": "a French agent"}]
    assert "a French agent" in client.get(page.url).content.decode()
