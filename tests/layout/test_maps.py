"""A map is shown only when it has countries to shade, says what it shows, and follows the filters."""

import re

import pytest

from tests.history.conftest import edit

pytestmark = pytest.mark.django_db


def map_param(html: str) -> str | None:
    match = re.search(r'<img src="/map/world\.svg\?c=([^"]*)" alt="([^"]*)"', html)
    return match and match.group(1).replace("%3A", ":").replace("%2C", ",")


def test_no_map_when_no_market_is_named(client, starter_content):
    from wiki.models import CaseStudyPage

    page = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    assert not page.export_market_codes and page.export_market_count == 25
    html = client.get(page.url).content.decode()
    assert 'class="export-map"' not in html and "/map/world.svg" not in html
    assert "Exports to 25 countries; which ones are not named here yet." in html


def test_no_markets_section_when_nothing_is_known(client, starter_content):
    from wiki.models import CaseStudyPage

    page = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    edit(page, export_market_count=None)
    html = client.get(page.url).content.decode()
    assert 'id="markets-heading"' not in html


def test_a_map_names_what_it_shades(client, starter_content):
    from wiki.models import CaseStudyPage

    page = CaseStudyPage.objects.get(slug="uv-angel", locale__language_code="en")
    html = client.get(page.url).content.decode()
    assert 'class="export-map"' in html
    alt = re.search(r'<img src="/map/world\.svg[^"]*" alt="([^"]*)"', html).group(1)
    for name in ("Australia", "New Zealand", "France", "United States"):
        assert name in alt
    assert sorted(map_param(html).split(",")) == ["AU:1", "FR:1", "NZ:1", "US:1"]


def test_the_index_map_follows_the_filters(client, starter_content):
    from wiki.models import CaseStudyIndexPage

    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    everything = map_param(client.get(index.url).content.decode())
    assert "AU:1" in everything and "ES:1" in everything
    filtered = client.get(index.url + "?country=AU").content.decode()
    assert sorted(map_param(filtered).split(",")) == [
        "AU:1", "FR:1", "NZ:1", "US:1"]
    assert "export markets of the case studies listed" in filtered
    nothing = client.get(index.url + "?country=AU&sector=footwear").content.decode()
    assert "No case study matches these filters." in nothing
    assert "/map/world.svg" not in nothing


def test_a_map_of_some_markets_says_that_more_are_not_named(client, starter_content):
    from wiki.models import CaseStudyPage

    page = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    edit(page, export_markets="NO SE")
    html = client.get(page.url).content.decode()
    assert sorted(map_param(html).split(",")) == ["NO:1", "SE:1"]
    assert "Exports to 25 countries; not all of them are named here yet." in html
