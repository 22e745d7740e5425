"""Rendered page views (page cache off) take few queries, and what they keep in Django's cache under the
content version (the page a URL serves, navigation, translations, held edits) never serves stale content."""

import pytest
from django.core.cache import caches
from django.test import Client
from wagtail.models import Locale, PageViewRestriction

from caching import generation
from tests.pageperf.conftest import queries_of
from wiki.models import EditStatus, WikiTag
from wiki.revisions import save_wiki_revision

# Wagtail's own serving asks these every time: the Site, the active Locale, the language's home page,
# and the page's view restrictions (two queries).
WAGTAIL_SERVE_QUERIES = 5


@pytest.fixture
def memos(settings):
    """The shared lookups on (off for the rest of the suite), page cache off: every view renders."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SECONDS = 0
    generation.bump()
    yield
    generation.bump()
    caches["pages"].clear()


def _view_queries(client, url, warm=2):
    for _ in range(warm):
        assert client.get(url).status_code == 200
    sqls = queries_of(lambda: client.get(url))
    return sqls


def test_a_definition_page_view_takes_only_wagtails_own_queries(memos, definition):
    sqls = _view_queries(Client(), definition.url)
    assert len(sqls) <= WAGTAIL_SERVE_QUERIES, sqls


def test_a_case_study_page_view_takes_only_wagtails_own_queries(memos, case_study):
    sqls = _view_queries(Client(), case_study.url)
    assert len(sqls) <= WAGTAIL_SERVE_QUERIES, sqls


def test_the_home_page_view_takes_only_wagtails_own_queries(memos, small_wiki):
    for url in ("/en/", "/da/"):
        sqls = _view_queries(Client(), url)
        # The Danish home: Wagtail finds it as the translation of the site's root; its locale for the switcher.
        assert len(sqls) <= WAGTAIL_SERVE_QUERIES + 2, (url, sqls)


def test_an_editors_page_view_takes_at_most_five_queries_more(memos, client, editor, definition):
    client.force_login(editor)
    sqls = _view_queries(client, definition.url)
    # session, user, the user's groups (once), the protection, the watchlist button
    assert len(sqls) <= WAGTAIL_SERVE_QUERIES + 5, sqls
    assert "protect/" in client.get(definition.url).content.decode()  # a moderator's page tools


def test_without_the_shared_lookups_a_view_renders_the_same_page(settings, definition, memos):
    with_lookups = Client().get(definition.url).content
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert Client().get(definition.url).content == with_lookups


def test_a_publish_shows_at_once_in_text_tags_and_links(memos, definition):
    client = Client()
    client.get(definition.url)
    page = definition.get_latest_revision_as_object()
    page.body += "\n\nA paragraph added after the first view."
    page.tags.add(WikiTag.objects.create(name="fresh-tag", slug="fresh-tag"))
    save_wiki_revision(page, summary="more")
    html = client.get(definition.url).content.decode()
    assert "A paragraph added after the first view." in html
    assert "fresh-tag" in html


def test_a_new_view_restriction_applies_at_once(memos, definition):
    client = Client()
    assert client.get(definition.url).status_code == 200
    PageViewRestriction.objects.create(page=definition.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    response = client.get(definition.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_unpublished_page_is_gone_at_once(memos, definition):
    client = Client()
    assert client.get(definition.url).status_code == 200
    definition.unpublish()
    assert client.get(definition.url).status_code == 404


def test_the_language_switcher_follows_a_new_translation(memos, definition):
    client = Client()
    danish = definition.get_translation(Locale.objects.get(language_code="da"))
    assert f'href="{danish.url}"' in client.get(definition.url).content.decode()
    danish.unpublish()
    html = client.get(definition.url).content.decode()
    assert f'href="{danish.url}"' not in html and 'href="/da/"' in html


def test_a_held_edit_shows_to_editors_at_once(memos, client, editor, definition):
    client.force_login(editor)
    assert "waiting for review" not in client.get(definition.url).content.decode()
    page = definition.get_latest_revision_as_object()
    page.body += "\n\nHeld text."
    save_wiki_revision(page, display_name="Visitor", summary="held", status=EditStatus.HELD, hold_reason="links")
    assert "waiting for review" in client.get(definition.url).content.decode()


def test_protecting_a_page_shows_in_the_moderators_tools_at_once(memos, client, editor, definition):
    from wiki.models import PageProtection

    client.force_login(editor)
    assert "unprotect/" not in client.get(definition.url).content.decode()
    PageProtection.objects.create(page=definition)
    assert "unprotect/" in client.get(definition.url).content.decode()
