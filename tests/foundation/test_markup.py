"""Markdown, [[wiki links]] and sanitisation (wiki/markup.py), called directly."""

import pytest

from wiki.markup import link_targets, render_markdown, sanitise_html


def resolver(known):
    return lambda targets: {t: known.get(t.casefold()) for t in targets}


def test_markdown_renders_headings_lists_and_emphasis():
    html = render_markdown("## Heading\n\n- one\n- *two*\n\n**bold**")
    assert '<h2 id="heading">Heading</h2>' in html  # an anchor for the table of contents
    assert "<li><em>two</em></li>" in html
    assert "<strong>bold</strong>" in html


def test_wiki_link_to_existing_page_uses_its_url_and_label():
    html = render_markdown("See [[Micro-business|micro firms]].", resolver({"micro-business": "/en/d/mb/"}))
    assert 'href="/en/d/mb/"' in html
    assert ">micro firms</a>" in html
    assert "wikilink-missing" not in html


def test_wiki_link_to_missing_page_is_a_red_link_offering_creation():
    html = render_markdown("[[Export agent]]", resolver({}), lambda title: f"/en/create/?title={title}")
    assert 'class="wikilink wikilink-missing"' in html
    assert 'href="/en/create/?title=Export agent"' in html or "title=Export%20agent" in html or "Export agent" in html


def test_wiki_links_in_code_are_left_alone():
    html = render_markdown("`[[Not a link]]`", resolver({"not a link": "/x/"}))
    assert "<code>[[Not a link]]</code>" in html


def test_link_targets_are_deduplicated_case_insensitively():
    assert link_targets("[[A b]] [[a  B|x]] [[C]]") == ["A b", "C"]


@pytest.mark.parametrize(
    "payload, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript"),
        ('<p onclick="steal()">hi</p>', "onclick"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<svg onload="alert(1)"><circle/></svg>', "onload"),
        ("<style>body{display:none}</style>", "<style"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ("[[x|<script>alert(1)</script>]]", "<script"),
    ],
)
def test_sanitisation_removes_scripts_event_handlers_and_javascript_urls(payload, forbidden):
    html = render_markdown(payload, resolver({"x": "/x/"}))
    assert forbidden.lower() not in html.lower()


def test_sanitise_keeps_safe_links_and_adds_rel():
    html = sanitise_html('<a href="https://example.com/">ok</a>')
    assert 'href="https://example.com/"' in html
    assert "nofollow" in html
