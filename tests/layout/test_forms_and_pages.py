"""Form help is where aria-describedby says; the header's disclosures; smaller fixes of issue 21."""

import re

import pytest

from wiki.models import DefinitionPage

from .helpers import dangling_descriptions, described_count

pytestmark = pytest.mark.django_db


def form_pages():
    definition = DefinitionPage.objects.get(slug="mikrovirksomhed")
    return {
        "edit": definition.url + "edit/",
        "create": "/en/create/?title=Export+agent",
        "sign-up": "/en/accounts/signup/",
        "log-in": "/da/accounts/login/",
        "talk": f"/da/talk/{definition.pk}/",
        "add business": "/en/case-studies/add/",
    }


def test_aria_describedby_points_at_help_that_exists(client, starter_content):
    described = 0
    for name, url in form_pages().items():
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        html = response.content.decode()
        assert dangling_descriptions(html) == [], name
        described += described_count(html)
    assert described >= 5  # the forms do describe fields: the check above is not vacuous


def test_the_header_menu_is_a_disclosure_naming_its_panel(client, starter_content):
    html = client.get("/da/definitioner/mikrovirksomhed/").content.decode()
    summary = re.search(r'<details class="site-menu"[^>]*>\s*<summary([^>]*)>', html).group(1)
    assert 'aria-expanded="false"' in summary
    panel = re.search(r'aria-controls="([^"]+)"', summary).group(1)
    assert f'id="{panel}"' in html
    menu = html[html.index('<details class="site-menu"'):html.index("</details>")]
    for part in ('class="language-switcher"', 'class="account-nav"', 'class="site-nav"'):
        assert part in menu


def test_one_edit_button_and_the_other_tools_in_the_overflow_menu(client, starter_content):
    page = DefinitionPage.objects.get(slug="mikrovirksomhed")
    html = client.get(page.url).content.decode()
    tools = html[html.index('class="page-tools"'):html.index("</nav>", html.index('class="page-tools"'))]
    more = tools[tools.index("<details"):]
    assert f'href="{page.url}edit/"' in tools[:tools.index("<details")]
    assert f'href="{page.url}history/"' in more and f'href="{page.url}edit/"' not in more


def test_the_home_page_title_names_the_wiki_once(client, starter_content):
    html = client.get("/da/").content.decode()
    assert re.search(r"<title>\s*Mikrovirksomhedswiki\s*</title>", html), re.search(r"<title>.*?</title>", html, re.S)


def test_the_market_guide_index_does_not_repeat_a_guides_title_as_its_heading(client, starter_content):
    html = client.get("/da/markedsguides/").content.decode()
    assert html.count(">Sydamerika<") == 1, html.count(">Sydamerika<")


def test_no_style_breaks_words_at_any_letter():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for css in [root / "site/static/css/site.css", *root.glob("*/static/*/*.css")]:
        text = css.read_text()
        assert "word-break: break-all" not in text, css
        if css.name != "poster.css":  # the poster's URL line is an address, not words
            assert "overflow-wrap: anywhere" not in text, css
