import re

import pytest
from django.core.cache import cache

from editing import pow
from tests.content import load_some_content
from tests.moderation.conftest import editor, moderator  # noqa: F401 (the role fixtures, shared)
from wiki.models import CaseStudyPage, DefinitionPage, EditMeta, MarketGuidePage


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


SMALL_CONTENT = [
    "definitions/micro-business.toml", "definitions/reactive-exporting.toml",
    "case-studies/happy-little-soles.toml", "market-guides/south-america.toml",
]


@pytest.fixture
def content(db, tmp_path):
    """A few pages of the starter content (en + da): quicker to load than all of it."""
    load_some_content(tmp_path, SMALL_CONTENT)


@pytest.fixture
def definition(content):
    return DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")


@pytest.fixture
def case_study(content):
    return CaseStudyPage.objects.get(slug="happy-little-soles", locale__language_code="en")


@pytest.fixture
def market_guide(content):
    return MarketGuidePage.objects.filter(locale__language_code="en").first()


def form_data(client, url, **changes):
    """GET the form at url and return its fields as a dict (with the proof of work solved), changed by changes."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_from_html(response.content.decode(), **changes)


def form_from_html(html: str, solve: bool = True, **changes) -> dict:
    import html as htmllib

    data: dict = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or "csrfmiddlewaretoken" in name.group(1):
            continue
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                data.setdefault(name.group(1), []).append(htmllib.unescape(re.search(r'value="([^"]*)"', tag).group(1)))
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = htmllib.unescape(value.group(1)) if value else ""
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = htmllib.unescape(value).removeprefix("\n")
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = htmllib.unescape(chosen.group(1)) if chosen else ""
    data.pop("preview", None)
    data["save"] = "1"
    if solve and data.get("challenge"):
        data["nonce"] = pow.solve(data["challenge"])
    data.update(changes)
    return data


def edits_of(page):
    return EditMeta.objects.filter(page_id=page.pk)
