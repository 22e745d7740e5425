"""Two languages: routing, the language switcher, hreflang, and a complete Danish interface."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from wiki.models import CaseStudyPage, DefinitionPage

PO_FILES = sorted(Path(settings.BASE_DIR).glob("*/locale/da/LC_MESSAGES/django.po")) + sorted(
    Path(settings.BASE_DIR).glob("locale/da/LC_MESSAGES/django.po")
)


def test_there_are_danish_catalogues():
    assert len(PO_FILES) >= 3


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_interface_string_is_translated_into_danish(po_file):
    catalog = read_po(po_file.open("rb"), locale="da")
    untranslated = [
        m.id for m in catalog
        if m.id and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))
    ]
    assert untranslated == []


@pytest.mark.parametrize(
    "accept, target",
    [("da-DK,da;q=0.9,en;q=0.5", "/da/"), ("en-GB,en;q=0.9", "/en/"), ("fr-FR", "/en/"), ("", "/en/")],
)
def test_root_redirects_by_accept_language(client, starter_content, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_danish_pages_have_a_danish_interface(client, starter_content):
    html = client.get("/da/").content.decode()
    assert '<html lang="da">' in html
    assert "Definitioner" in html and "Casestudier" in html
    assert "Spring til indholdet" in html


def test_language_switcher_leads_to_the_translation(client, starter_content):
    en = DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")
    da = en.get_translation(en.get_translations().first().locale)
    html = client.get(en.url).content.decode()
    assert f'href="{da.url}" hreflang="da"' in html
    assert f'hreflang="da" href="http://testserver{da.url}"' in html  # <link rel="alternate">
    html_da = client.get(da.url).content.decode()
    assert f'href="{en.url}" hreflang="en"' in html_da


def test_language_switcher_falls_back_to_the_other_home_page(client, starter_content):
    en = DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")
    en.get_translations().delete()
    html = client.get(en.url).content.decode()
    assert 'href="/da/" hreflang="da"' in html
    assert 'rel="alternate" hreflang="da"' not in html


def test_country_names_are_shown_in_the_pages_language(client, starter_content):
    soles_en = CaseStudyPage.objects.get(slug="happy-little-soles", locale__language_code="en")
    soles_da = CaseStudyPage.objects.get(translation_key=soles_en.translation_key, locale__language_code="da")
    assert "Spain" in client.get(soles_en.url).content.decode()
    html_da = client.get(soles_da.url).content.decode()
    assert "Spanien" in html_da and "Tyskland" in html_da


def test_non_page_views_switch_language_on_the_same_path(client, starter_content):
    html = client.get("/en/tags/").content.decode()
    assert 'href="/da/tags/" hreflang="da"' in html
