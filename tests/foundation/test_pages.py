"""Page models, templates, index pages and the facts box."""

import datetime

import pytest
from wagtail.models import Page

from wiki.facts import staff_band
from wiki.models import CaseStudyPage, DefinitionPage, MarketGuidePage


def test_every_live_page_renders_in_both_languages(client, starter_content):
    pages = Page.objects.live().filter(depth__gte=2)
    assert pages.count() >= 30
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_case_study_facts_box_shows_known_facts_and_unknown_as_unknown(client, starter_content):
    soles = CaseStudyPage.objects.get(slug="happy-little-soles", locale__language_code="en")
    html = client.get(soles.url).content.decode()
    assert 'class="facts-box"' in html
    assert "Staff</dt><dd>1</dd>" in html
    # Years trading and export share are not known: shown as unknown, never as 0.
    assert "Trading</dt><dd><span class=\"unknown\">unknown</span>" in html
    assert "Export share of sales</dt><dd><span class=\"unknown\">unknown</span>" in html
    assert "0 %" not in html


def test_case_study_facts_box_in_danish(client, starter_content):
    pic = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="da")
    html = client.get(pic.url).content.decode()
    assert "Ansatte</dt><dd>4</dd>" in html
    assert "60 %" in html
    assert "25 lande" in html
    assert "Egen webshop" in html


@pytest.mark.parametrize("count, band", [(None, None), (1, "1"), (4, "2-4"), (9, "5-9"), (12, "10+")])
def test_staff_band(count, band):
    assert staff_band(count) == band


def test_definition_index_lists_definitions_a_to_z(client, starter_content):
    index = Page.objects.get(slug="definitioner")
    html = client.get(index.url).content.decode()
    assert "Mikrovirksomhed" in html and "Konkollega" in html
    letters = [letter for letter, _pages in index.specific.definitions_by_letter()]
    assert letters == sorted(letters, key=lambda x: "ZZ" + x if x in "ÆØÅ" else x)


@pytest.mark.parametrize(
    "query, expected, absent",
    [
        ("country=ES", ["Happy Little Soles"], ["UV Angel", "Piccalilly"]),
        ("country=AU", ["UV Angel"], ["Happy Little Soles"]),
        ("staff=2-4", ["Piccalilly", "UV Angel"], ["Happy Little Soles"]),
        ("staff=1", ["Happy Little Soles"], ["Piccalilly"]),
        ("channel=retailers", ["Piccalilly"], ["Happy Little Soles"]),
        ("sector=footwear", ["Happy Little Soles"], ["Piccalilly"]),
        ("country=XX&staff=bogus", ["Piccalilly", "UV Angel", "Happy Little Soles"], []),
    ],
)
def test_case_study_index_filters(client, starter_content, query, expected, absent):
    index = Page.objects.get(slug="case-studies")
    html = client.get(f"{index.url}?{query}").content.decode()
    listing = html.split('class="result-count"')[1].split("</ul>")[0]
    for title in expected:
        assert title in listing
    for title in absent:
        assert title not in listing


def test_case_study_index_filters_by_tag(client, starter_content):
    study = CaseStudyPage.objects.get(slug="uv-angel", locale__language_code="en")
    tag = study.tags.first()
    index = study.get_parent()
    listing = client.get(f"{index.url}?tag={tag.slug}").content.decode().split('class="result-count"')[1]
    assert "UV Angel" in listing.split("</ul>")[0]


def test_world_maps_on_case_studies_and_the_index(client, starter_content):
    soles = CaseStudyPage.objects.get(slug="happy-little-soles", locale__language_code="en")
    html = client.get(soles.url).content.decode()
    assert "/map/world.svg?c=" in html and "ES%3A1" in html
    index_html = client.get(soles.get_parent().url).content.decode()
    assert "/map/world.svg?c=" in index_html
    svg = client.get("/map/world.svg?c=ES:2,PT,ZZ:3,<script>").content.decode()
    assert svg.startswith("<svg") and ".es path{fill:" in svg and ".pt path{fill:" in svg
    assert "<script" not in svg


def test_market_guide_shows_sections_key_facts_and_review_state(client, starter_content):
    guide = MarketGuidePage.objects.get(slug="south-america")
    html = client.get(guide.url).content.decode()
    for heading in ("Market overview", "Language", "Currency and payment", "Logistics and customs",
                    "Culture and business etiquette", "Where to get help"):
        assert f">{heading}</h2>" in html
    assert "Key facts" in html
    guide.last_reviewed = datetime.date.today() - datetime.timedelta(days=400)
    assert guide.due_for_review
    guide.last_reviewed = datetime.date.today()
    assert not guide.due_for_review


def test_definition_shows_synonyms_and_related_terms_as_links(client, starter_content):
    page = DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")
    html = client.get(page.url).content.decode()
    assert "Also known as" in html
    assert 'class="wikilink"' in html


def test_red_link_leads_to_the_create_page(client, starter_content):
    pages = [p for p in DefinitionPage.objects.filter(locale__language_code="en")
             if "wikilink-missing" in str(p.rendered["body"])]
    assert pages
    html = str(pages[0].rendered["body"])
    href = html.split('wikilink-missing" href="')[1].split('"')[0].replace("&amp;", "&")
    assert href.startswith("/en/create/?title=")
    assert client.get(href).status_code == 200


def test_tag_pages_list_everything_tagged_including_danish_slugs(client, starter_content):
    study = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="da")
    for tag in study.tags.all():
        response = client.get(f"/da/tags/{tag.slug}/")
        assert response.status_code == 200
        assert "Piccalilly" in response.content.decode()
    assert client.get("/en/tags/no-such-tag/").status_code == 404
    assert "Piccalilly" in client.get("/da/tags/").content.decode() or client.get("/da/tags/").status_code == 200


def test_a_host_not_allowed_gets_the_bad_request_page_not_a_server_error(starter_content, settings):
    from django.test import Client

    settings.ALLOWED_HOSTS = ["wiki.example.com"]
    client = Client(HTTP_HOST="evil.example", raise_request_exception=False)
    for path in ("/en/", "/en/definitions/konkollega/", "/da/no-such-page/"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "400.html" in [template.name for template in response.templates]
