"""API v2, sitemap.xml and robots.txt."""

from xml.etree import ElementTree

from wiki.models import CaseStudyPage


def test_api_lists_case_studies_with_their_facts(client, starter_content):
    data = client.get("/api/v2/pages/?type=wiki.CaseStudyPage&fields=*&locale=en").json()
    assert data["meta"]["total_count"] == 3
    by_title = {item["title"]: item for item in data["items"]}
    pic = by_title["Piccalilly"]
    assert pic["staff_count"] == 4
    assert pic["years_trading"] == 5
    assert pic["export_share_percent"] == 60
    assert pic["export_market_count"] == 25
    assert set(pic["sales_channel_keys"]) == {"own_shop", "retailers", "agents_distributors"}
    assert pic["tags"]
    soles = by_title["Happy Little Soles"]
    assert soles["years_trading"] is None
    assert "ES" in soles["export_market_codes"]


def test_api_lists_both_languages(client, starter_content):
    data = client.get("/api/v2/pages/?type=wiki.CaseStudyPage&fields=staff_count").json()
    assert data["meta"]["total_count"] == 6
    assert {item["meta"]["locale"] for item in data["items"]} == {"en", "da"}


def test_api_search_finds_pages(client, starter_content):
    data = client.get("/api/v2/pages/?search=Piccalilly").json()
    assert any(item["title"] == "Piccalilly" for item in data["items"])


def test_api_filters_by_tag(client, starter_content):
    tag = CaseStudyPage.objects.get(slug="uv-angel", locale__language_code="en").tags.first()
    data = client.get(f"/api/v2/pages/?type=wiki.CaseStudyPage&tags={tag.name}").json()
    assert [item["title"] for item in data["items"]] == ["UV Angel"]


def test_sitemap_has_both_languages_with_hreflang_alternates(client, starter_content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [u.find("s:loc", ns).text for u in root.findall("s:url", ns)]
    assert any("/en/case-studies/piccalilly/" in loc for loc in locs)
    assert any("/da/casestudier/piccalilly/" in loc for loc in locs)
    first = root.find("s:url", ns)
    assert {link.get("hreflang") for link in first.findall("x:link", ns)} == {"en", "da"}


def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_csrf_failure_page_is_friendly_and_translated(starter_content):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/da/search/", {"q": "x"})
    assert response.status_code == 403
    assert "Formularen er udløbet" in response.content.decode()
