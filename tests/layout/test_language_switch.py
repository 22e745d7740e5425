"""The language switch keeps the reader where they were: tags, a list's filters, a page's own views."""

import pytest

from wiki.models import DefinitionPage
from wiki.tag_pairs import counterpart_slug

from .helpers import switch_link

pytestmark = pytest.mark.django_db


def test_a_tag_page_switches_to_the_tag_the_other_language_uses(client, starter_content):
    html = client.get("/da/tags/eksport/").content.decode()
    assert switch_link(html, "en") == "/en/tags/export/"
    html = client.get("/en/tags/export/").content.decode()
    assert switch_link(html, "da") == "/da/tags/eksport/"
    # The head's alternate link says the same.
    assert 'hreflang="da" href="http://testserver/da/tags/eksport/"' in html


def test_tags_pair_through_the_translations_of_their_pages(starter_content):
    # Both "storbritannien" pages' translations are tagged "export" and "uk"; only "uk" is on exactly those.
    assert counterpart_slug("storbritannien", "en") == "uk"
    assert counterpart_slug("uk", "da") == "storbritannien"
    # A word both languages use is its own counterpart, and is not taken for another tag's.
    assert counterpart_slug("eu", "da") == "eu"
    assert counterpart_slug("små-virksomheder", "en") == "small-business"
    assert counterpart_slug("no-such-tag", "en") is None


def test_a_tag_without_a_counterpart_leads_to_the_other_languages_tags(client, starter_content):
    from wiki.models.tags import WikiTag

    WikiTag.objects.create(name="ubrugt", slug="ubrugt")
    html = client.get("/da/tags/ubrugt/").content.decode()
    assert switch_link(html, "en") == "/en/tags/"
    assert 'rel="alternate" hreflang="en"' not in html


def test_a_filtered_list_keeps_its_filters_with_tags_translated(client, starter_content):
    html = client.get("/da/casestudier/?country=GB&sector=clothing_textiles&tag=eksport").content.decode()
    assert switch_link(html, "en") == "/en/case-studies/?country=GB&sector=clothing_textiles&tag=export"


@pytest.mark.parametrize(("path", "expected"), [
    ("history/", "history/"),
    ("edit/", "edit/"),
    ("edit/?section=2", "edit/"),  # sections are numbered per language: the whole form
    ("links-here/", "links-here/"),
])
def test_a_pages_views_switch_to_the_same_view_of_the_translation(client, starter_content, path, expected):
    da = DefinitionPage.objects.get(slug="mikrovirksomhed")
    en = DefinitionPage.objects.get(slug="micro-business")
    html = client.get(da.url + path).content.decode()
    assert switch_link(html, "en") == en.url + expected


def test_a_diff_switches_to_the_translations_history(client, starter_content):
    da = DefinitionPage.objects.get(slug="mikrovirksomhed")
    en = DefinitionPage.objects.get(slug="micro-business")
    revision = da.latest_revision
    html = client.get(da.url + f"history/compare/?from={revision.pk}&to={revision.pk}").content.decode()
    assert switch_link(html, "en") == en.url + "history/"
    html = client.get(da.url + f"history/{revision.pk}/").content.decode()
    assert switch_link(html, "en") == en.url + "history/"


def test_other_views_keep_their_query(client, starter_content):
    html = client.get("/da/search/?q=sko").content.decode()
    assert switch_link(html, "en") == "/en/search/?q=sko"
