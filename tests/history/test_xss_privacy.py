"""User text is inert everywhere history shows it; IP addresses never appear."""

import re
from xml.etree import ElementTree

import pytest

from wiki.models import CaseStudyPage

from .conftest import anonymous_request, edit

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
            '"><svg onload=alert(1)>']
ATOM = "{http://www.w3.org/2005/Atom}"
IP = "203.0.113.77"


def assert_inert(html: str):
    lowered = html.lower()
    assert "<script>alert" not in lowered
    # No tag carries an event handler (escaped text such as "&lt;img … onerror=" is fine).
    assert not re.search(r"<[a-z][^>]*\son(error|load)\s*=", lowered)
    assert "<svg onload" not in lowered
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', lowered))


@pytest.fixture
def attacked(starter_content):
    page = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    evil = " ".join(PAYLOADS)
    first = edit(page, request=anonymous_request(ip=IP), display_name=evil[:80], summary=evil,
                 title="Piccalilly " + PAYLOADS[0], body="Text\n\n" + "\n\n".join(PAYLOADS), sells=PAYLOADS[1])
    second = edit(page, request=anonymous_request(ip=IP), display_name=PAYLOADS[1], summary=PAYLOADS[0],
                  body="Changed\n\n" + "\n\n".join(reversed(PAYLOADS)), sells=PAYLOADS[0])
    return page, first, second


def views(page, first, second):
    return [
        page.url + "history/",
        page.url + f"history/{first.pk}/",
        page.url + f"history/compare/?from={first.pk}&to={second.pk}",
        "/en/recent-changes/",
        "/en/recent-changes/?anonymous=1",
    ]


def test_payloads_are_inert_in_history_old_revision_diff_and_recent_changes(client, attacked):
    page, first, second = attacked
    for url in views(page, first, second):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert(html)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "alert(1)" not in html, url


@pytest.mark.parametrize("feed", ["history/feed/", "/en/recent-changes/feed/"])
def test_payloads_are_inert_in_feeds(client, attacked, feed):
    page, _first, _second = attacked
    url = feed if feed.startswith("/") else page.url + feed
    response = client.get(url)
    root = ElementTree.fromstring(response.content)
    assert not root.findall(f".//{ATOM}script")
    for entry in root.iter(f"{ATOM}entry"):
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        # Once XML-decoded, the summary is HTML for a feed reader: the user's text must still be escaped.
        assert_inert(summary.text)
        if "alert" in summary.text:
            assert "&lt;script&gt;" in summary.text or "&lt;img" in summary.text
        title = entry.findtext(f"{ATOM}title")  # plain text: shown as text by readers
        assert entry.find(f"{ATOM}title").get("type") in (None, "text")
        assert title


def test_ip_addresses_never_appear_in_public_views(client, attacked):
    page, first, second = attacked
    urls = views(page, first, second) + [page.url + "history/feed/", "/en/recent-changes/feed/", page.url]
    for url in urls:
        body = client.get(url).content.decode()
        assert IP not in body, url
        assert first.wiki_meta.ip_hash not in body and first.wiki_meta.session_hash not in body, url
