"""The API: absolute URLs that name the server reached, the search page's query understanding
(typo fallback in meta), JSON 404s, and one evaluation of a search per listing."""

import re
from urllib.parse import urlsplit

import pytest

from search.backend import ranking
from wiki.models import CaseStudyPage

HOSTS = ["127.0.0.1:8555", "wiki.test:8811"]


@pytest.mark.parametrize("host", HOSTS)
def test_the_apis_links_name_the_server_the_request_reached(client, starter_content, host):
    data = client.get("/api/v2/pages/", {"type": "wiki.CaseStudyPage"}, HTTP_HOST=host).json()
    assert data["items"]
    for item in data["items"]:
        for url in (item["meta"]["html_url"], item["meta"]["detail_url"]):
            assert url.startswith(f"http://{host}/"), url
        # The links work: the same server answers them.
        detail = client.get(urlsplit(item["meta"]["detail_url"]).path, HTTP_HOST=host)
        assert detail.status_code == 200
        parent = detail.json()["meta"]["parent"]["meta"]
        assert parent["html_url"].startswith(f"http://{host}/") and parent["detail_url"].startswith(f"http://{host}/")
        assert client.get(urlsplit(item["meta"]["html_url"]).path, HTTP_HOST=host).status_code == 200


@pytest.mark.parametrize("host", HOSTS)
def test_the_sitemap_names_the_server_the_request_reached(client, starter_content, host):
    xml = client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml) + re.findall(r'href="(http[^"]+)"', xml)
    assert locations
    assert all(location.startswith(f"http://{host}/") for location in locations), locations[:3]


def test_a_configured_public_address_wins_over_the_request(client, starter_content, settings):
    settings.CANONICAL_BASE_URL = "https://wiki.example.com"
    data = client.get("/api/v2/pages/", {"type": "wiki.CaseStudyPage"}, HTTP_HOST="127.0.0.1:8555").json()
    assert all(item["meta"]["detail_url"].startswith("https://wiki.example.com/api/v2/pages/") for item in data["items"])
    assert all(item["meta"]["html_url"].startswith("https://wiki.example.com/") for item in data["items"])
    xml = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8555").content.decode()
    assert "<loc>https://wiki.example.com/en/" in xml and "127.0.0.1" not in xml


def test_the_find_redirect_names_the_server_reached(client, starter_content):
    page = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    response = client.get("/api/v2/pages/find/", {"id": page.pk}, HTTP_HOST="wiki.test:8811")
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://wiki.test:8811/api/v2/pages/{page.pk}/")


def test_an_unknown_page_is_a_json_404_not_a_redirect(client, starter_content):
    response = client.get("/api/v2/pages/987654/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "message" in response.json()
    # Unprefixed paths of the reader's site still go to their language.
    assert client.get("/search/").status_code == 302


def test_api_search_corrects_a_typo_and_says_so(client, starter_content):
    data = client.get("/api/v2/pages/", {"search": "Picalilly"}).json()
    assert "Piccalilly" in [item["title"] for item in data["items"]]
    assert data["meta"]["corrected_query"] == "piccalilly"
    assert data["meta"]["total_count"] == len(data["items"])
    found = client.get("/api/v2/pages/", {"search": "Piccalilly"}).json()
    assert "corrected_query" not in found["meta"]


def test_api_search_understands_queries_as_the_search_page_does(client, starter_content):
    # A Danish compound found by its part, a phrase, an excluded word, hostile input.
    titles = {item["title"] for item in client.get("/api/v2/pages/", {"search": "virksomhed"}).json()["items"]}
    assert "Mikrovirksomhed" in titles
    phrase = client.get("/api/v2/pages/", {"search": '"reactive exporting"'}).json()
    assert "Reactive exporting" in {item["title"] for item in phrase["items"]}
    without = client.get("/api/v2/pages/", {"search": "Piccalilly -Piccalilly"}).json()
    assert without["items"] == []
    for text in ('"', "NOT", "*", "a OR OR b"):
        assert client.get("/api/v2/pages/", {"search": text}).status_code == 200


def test_an_api_search_evaluates_its_query_once_for_the_count_and_the_page(client, starter_content, monkeypatch):
    calls = []
    original = ranking.matching
    monkeypatch.setattr(ranking, "matching", lambda *args: calls.append(1) or original(*args))
    from search.backend import results

    monkeypatch.setattr(results, "matching", ranking.matching)
    data = client.get("/api/v2/pages/", {"search": "export", "limit": 5}).json()
    assert data["meta"]["total_count"] > 5 and len(data["items"]) == 5
    assert len(calls) == 1
