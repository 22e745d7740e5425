"""What links here, wanted pages, the QR code and the poster."""

from xml.etree import ElementTree

from wiki.models import CaseStudyPage, DefinitionPage

from .conftest import anonymous_request, edit


def test_what_links_here_lists_pages_linking_by_title(client, definition, case_study):
    edit(case_study, request=anonymous_request(), body="Piccalilly is a [[micro-business|tiny firm]].")
    response = client.get(definition.url + "links-here/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{case_study.url}">Piccalilly</a>' in html
    # Links from the other language do not count.
    da_case = case_study.get_translation(case_study.get_translations().first().locale)
    assert da_case.url not in html


def test_what_links_here_follows_edits(client, starter_content):
    angel = CaseStudyPage.objects.get(slug="uv-angel", locale__language_code="en")
    soles = CaseStudyPage.objects.get(slug="happy-little-soles", locale__language_code="en")
    html = client.get(angel.url + "links-here/").content.decode()
    for title in ("Happy Little Soles", "Micro-multinational", "Barriers to exporting", "South America"):
        assert f">{title}</a>" in html, title
    edit(soles, request=anonymous_request(), body="No links any more.")
    html = client.get(angel.url + "links-here/").content.decode()
    assert ">Happy Little Soles</a>" not in html and ">Micro-multinational</a>" in html


def test_wanted_pages_list_red_links_with_counts_and_creators(client, definition, case_study):
    edit(case_study, request=anonymous_request(), body="See [[Export credit]] and [[export credit]].")
    edit(definition, request=anonymous_request(), body="Also [[Export credit]] and [[Trade mission]].")
    html = client.get("/en/wanted/").content.decode()
    assert html.index("Export credit") < html.index("Trade mission")
    assert 'href="/en/create/?title=Export+credit"' in html
    row = html[html.index("Export credit"):html.index("Trade mission")]
    assert "<td>2</td>" in row and "Piccalilly" in row and "Micro-business" in row
    # Existing pages are not wanted.
    assert "create/?title=Micro-business" not in html
    assert "Export credit" not in client.get("/da/wanted/").content.decode()


def test_qr_code_is_svg_of_the_edit_url(client, definition):
    response = client.get(definition.url + "qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    import segno

    expected = segno.make(f"http://testserver{definition.url}edit/", error="m", micro=False)
    assert response.content.decode().count("<path") == 1
    assert expected.version >= 1


def test_poster_is_in_the_pages_language_with_the_qr_and_print_css(client, starter_content):
    en = DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")
    da = en.get_translation(en.get_translations().first().locale)
    html = client.get(en.url + "poster/").content.decode()
    assert "Edit this page from your phone" in html and "<svg" in html and "Micro-business" in html
    assert f"http://testserver{en.url}edit/" in html
    assert "css/poster.css" in html
    html_da = client.get(da.url + "poster/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="da">' in html_da and "Ret denne side fra din telefon" in html_da
    from django.contrib.staticfiles import finders

    assert "@media print" in open(finders.find("css/poster.css")).read()


def test_qr_code_of_a_missing_page_is_404(client, starter_content):
    assert client.get("/en/definitions/no-such-page/qr.svg").status_code == 404
    assert client.get("/en/qr.svg").status_code == 404
