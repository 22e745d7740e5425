"""Anonymous page views come from the cache; a publish retires every page that could show it."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from wiki.models import DefinitionPage
from wiki.revisions import save_wiki_revision

pytestmark = pytest.mark.django_db


def definition(title: str) -> DefinitionPage:
    return DefinitionPage.objects.get(title=title, locale__language_code="en")


@pytest.fixture
def konkollega(starter_content):
    return definition("Konkollega (co-competitor)")


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response


def test_second_anonymous_view_is_a_hit(page_cache, konkollega):
    client = Client()
    first = get(client, konkollega.url)
    second = get(client, konkollega.url)
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]
    # Another reader (another client) gets the same stored page.
    assert get(Client(), konkollega.url)["X-Cache"] == "hit"


def test_home_index_and_tag_pages_are_cached(page_cache, konkollega):
    for url in ("/en/", konkollega.get_parent().url, "/en/tags/", "/da/"):
        get(Client(), url)
        assert get(Client(), url)["X-Cache"] == "hit", url


def test_publishing_an_edit_refreshes_the_page_its_index_and_linking_pages(page_cache, konkollega):
    index_url = konkollega.get_parent().url
    linking = definition("Barriers to exporting")
    old_title = konkollega.title
    for url in (konkollega.url, index_url, linking.url, "/en/"):
        get(Client(), url)
        assert get(Client(), url)["X-Cache"] == "hit"
    assert f'href="{konkollega.url}"' in get(Client(), linking.url).content.decode()

    page = konkollega.get_latest_revision_as_object()
    page.title = "Konkollega (competitor and partner)"
    page.short_definition = "A competitor you also work with: freshly edited."
    page.body += "\n\nA sentence added by a reader at the fair."
    save_wiki_revision(page, summary="clearer")

    viewed = get(Client(), konkollega.url)
    assert viewed["X-Cache"] == "miss"
    assert "A sentence added by a reader at the fair." in viewed.content.decode()
    index = get(Client(), index_url).content.decode()
    assert "freshly edited" in index and "Konkollega (competitor and partner)" in index
    # The linking page's [[Konkollega (co-competitor)]] no longer finds a page: now a red link.
    linking_html = get(Client(), linking.url).content.decode()
    assert f'href="{konkollega.url}"' not in linking_html
    assert "create/?title=" in linking_html and old_title.split(" ")[0] in linking_html


def test_creating_a_page_turns_red_links_blue(page_cache, starter_content):
    linking = definition("Barriers to exporting")
    before = get(Client(), linking.url).content.decode()
    assert "Exchange+rate+risk" in before  # a red link to the missing page
    assert get(Client(), linking.url)["X-Cache"] == "hit"

    index = linking.get_parent()
    new = index.add_child(instance=DefinitionPage(title="Exchange rate risk", slug="exchange-rate-risk", locale=index.locale))
    new.save_revision().publish()

    after = get(Client(), linking.url)
    assert after["X-Cache"] == "miss"
    assert f'href="{new.url}"' in after.content.decode()


def test_unpublishing_removes_the_page_and_its_listing(page_cache, konkollega):
    index_url = konkollega.get_parent().url
    get(Client(), konkollega.url)
    get(Client(), index_url)
    konkollega.unpublish()
    assert Client().get(konkollega.url).status_code == 404
    assert konkollega.title not in get(Client(), index_url).content.decode()


def test_tag_pages_follow_the_tags_of_a_published_edit(page_cache, konkollega):
    tag_url = "/en/tags/partnership/"
    assert konkollega.title in get(Client(), tag_url).content.decode()
    assert get(Client(), tag_url)["X-Cache"] == "hit"
    page = konkollega.get_latest_revision_as_object()
    page.tags.remove("partnership")
    save_wiki_revision(page, summary="untag")
    assert konkollega.title not in get(Client(), tag_url).content.decode()


def test_logged_in_readers_never_get_or_fill_the_cache(page_cache, konkollega):
    user = get_user_model().objects.create_user("reader", password="secret-pass-123")
    member = Client()
    member.force_login(user)
    # A logged-in view first: nothing is stored for anonymous readers.
    own = get(member, konkollega.url)
    assert "X-Cache" not in own
    assert get(Client(), konkollega.url)["X-Cache"] == "miss"
    assert get(Client(), konkollega.url)["X-Cache"] == "hit"
    # The cached anonymous page is never handed to the logged-in reader.
    assert "X-Cache" not in get(member, konkollega.url)


def test_cached_pages_carry_no_cookie_and_no_csrf_token(page_cache, konkollega):
    anonymous = Client()
    anonymous.cookies.load({"csrftoken": "a" * 32})  # e.g. after opening an edit form
    first = get(anonymous, konkollega.url)
    second = get(Client(), konkollega.url)
    for response in (first, second):
        assert not response.cookies
        assert b"csrfmiddlewaretoken" not in response.content
        assert "Set-Cookie" not in response.headers
    assert second["X-Cache"] == "hit"


def test_requests_with_a_session_or_messages_bypass_the_cache(page_cache, konkollega):
    get(Client(), konkollega.url)
    for cookie in ("sessionid", "messages"):
        client = Client()
        client.cookies.load({cookie: "x"})
        assert "X-Cache" not in get(client, konkollega.url)


def test_personal_routes_posts_and_query_strings_are_not_cached(page_cache, konkollega):
    client = Client()
    for url in (
        konkollega.url + "history/",
        konkollega.url + "edit/",
        "/en/create/?title=Something",
        "/admin/login/",
        "/en/recent-changes/",
        konkollega.url + "?utm=poster",
    ):
        client.get(url)
        assert "X-Cache" not in client.get(url), url
    assert "X-Cache" not in client.post(konkollega.url, {})
    assert "X-Cache" not in client.head(konkollega.url)


def test_not_found_is_not_stored(page_cache, starter_content):
    for _ in range(2):
        response = Client().get("/en/no-such-page/")
        assert response.status_code == 404
        assert response["X-Cache"] == "bypass"


def test_search_results_are_cached_per_query_and_retired_on_publish(page_cache, konkollega):
    url = "/en/search/?q=konkollega"
    assert get(Client(), url)["X-Cache"] == "miss"
    assert get(Client(), url)["X-Cache"] == "hit"
    assert get(Client(), "/en/search/?q=export")["X-Cache"] == "miss"
    page = konkollega.get_latest_revision_as_object()
    page.body += "\n\nMore."
    save_wiki_revision(page, summary="more")
    assert get(Client(), url)["X-Cache"] == "miss"


def test_off_when_page_cache_seconds_is_zero(page_cache, settings, konkollega):
    settings.PAGE_CACHE_SECONDS = 0
    get(Client(), konkollega.url)
    assert "X-Cache" not in get(Client(), konkollega.url)


@pytest.fixture
def member():
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user("editor", password="secret-pass-123")
    editor.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    client = Client()
    client.force_login(editor)
    return client


def save_through_form(member, page, **changes):
    """Post the site's edit form of ``page`` with ``changes`` (field -> function of the old value)."""
    from loadtest import forms

    form = get(member, page.url + "edit/")
    assert "X-Cache" not in form
    _action, fields = forms.read_form(form.content.decode(), lambda attrs: attrs.get("id") == "edit-form")
    for name, change in changes.items():
        fields = forms.replace(fields, name, change(forms.value(fields, name)))
    data = {}
    for name, value in [*fields, ("save", "1")]:
        data.setdefault(name, []).append(value)
    response = member.post(page.url + "edit/", data)
    assert response.status_code == 302, response.content.decode()[:500]


def test_a_save_through_the_edit_form_refreshes_the_cached_page(page_cache, konkollega, member):
    assert get(Client(), konkollega.url)["X-Cache"] == "miss"
    assert get(Client(), konkollega.url)["X-Cache"] == "hit"
    save_through_form(member, konkollega, body=lambda body: body + "\n\nSaved through the form at the stand.")
    fresh = get(Client(), konkollega.url)
    assert fresh["X-Cache"] == "miss"
    assert "Saved through the form at the stand." in fresh.content.decode()
    # The editor's own view (with the success message) is never stored for others.
    assert "X-Cache" not in member.get(konkollega.url)
    assert get(Client(), konkollega.url)["X-Cache"] == "hit"


OTHER_PAGES = ("/en/", "/da/", "/en/tags/", "/en/tags/partnership/")


def warm(*urls):
    for url in urls:
        get(Client(), url)
        assert get(Client(), url)["X-Cache"] == "hit", url


def test_an_edit_of_the_body_alone_leaves_the_other_pages_cached(page_cache, konkollega, member, settings):
    index_url = konkollega.get_parent().url
    other = definition("Barriers to exporting").url
    warm(konkollega.url, index_url, other, *OTHER_PAGES, "/en/search/?q=konkollega")
    for _ in range(2):  # rendered for a member (not from the page cache)
        assert "zebra-striped" not in get(member, konkollega.url).content.decode()

    save_through_form(member, konkollega, body=lambda body: body + "\n\nA zebra-striped sentence from the stand.",
                      sources=lambda sources: sources + "\n- A leaflet from the fair.")

    fresh = get(Client(), konkollega.url)
    assert fresh["X-Cache"] == "miss"
    assert "zebra-striped sentence" in fresh.content.decode() and "A leaflet from the fair." in fresh.content.decode()
    for url in (index_url, other, *OTHER_PAGES):
        assert get(Client(), url)["X-Cache"] == "hit", url
    # Cached search results go when the index has the change (search.signals.index_changed; the suite runs tasks
    # at once, production on its task worker).
    assert get(Client(), "/en/search/?q=konkollega")["X-Cache"] == "miss"
    assert "Konkollega" in get(Client(), "/en/search/?q=zebra-striped").content.decode()


@pytest.mark.parametrize(
    ("field", "change", "shown_on"),
    [
        ("title", lambda title: "Konkollega (competitor and partner)", "index"),
        ("short_definition", lambda text: "A competitor you also work with: freshly edited.", "index"),
    ],
)
def test_an_edit_of_what_listings_show_retires_every_page(page_cache, konkollega, member, field, change, shown_on):
    index_url = konkollega.get_parent().url
    warm(konkollega.url, index_url, *OTHER_PAGES, "/en/search/?q=konkollega")
    new_value = change("")
    save_through_form(member, konkollega, **{field: change})
    index = get(Client(), index_url)
    assert index["X-Cache"] == "miss" and new_value in index.content.decode()
    for url in (konkollega.url, *OTHER_PAGES, "/en/search/?q=konkollega"):
        assert get(Client(), url)["X-Cache"] == "miss", url


def test_a_held_body_edit_retires_every_page(page_cache, konkollega):
    # An anonymous edit that removes most of the page is held for review: the page shows a notice.
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from editing.service import submit_edit
    from wiki.models import EditStatus

    warm(konkollega.url, "/en/")
    request = RequestFactory().post(konkollega.url + "edit/")
    request.user, request.session = AnonymousUser(), SessionStore()
    outcome = submit_edit(request, konkollega, {"body": "Gone."}, konkollega.live_revision_id, display_name="x")
    assert outcome.status == EditStatus.HELD, outcome
    assert get(Client(), "/en/")["X-Cache"] == "miss"


def test_search_results_show_a_pages_new_tags_with_the_tags_memoised(page_cache, konkollega, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.service import run_search

    settings.CONTENT_MEMO = True

    def tags_shown():
        rows = run_search("konkollega", {}, "en").rows
        return next(row["tags"] for row in rows if row["id"] == konkollega.pk)

    before = [tag["slug"] for tag in tags_shown()]
    assert "partnership" in before
    with CaptureQueriesContext(connection) as queries:
        assert [tag["slug"] for tag in tags_shown()] == before
    assert not [q for q in queries.captured_queries if '"content_object_id" IN (' in q["sql"]]

    page = konkollega.get_latest_revision_as_object()
    page.tags.remove("partnership")
    save_wiki_revision(page, summary="untag")
    assert [tag["slug"] for tag in tags_shown()] == [slug for slug in before if slug != "partnership"]


def test_page_urls_follow_a_rename(page_cache, konkollega):
    url = DefinitionPage.objects.get(pk=konkollega.pk).url
    assert url.endswith("/konkollega/")
    warm(url)

    page = konkollega.get_latest_revision_as_object()
    page.slug = "konkollega-renamed"
    save_wiki_revision(page, summary="rename")
    assert DefinitionPage.objects.get(pk=konkollega.pk).url == url.replace("/konkollega/", "/konkollega-renamed/")
    assert get(Client(), url.replace("/konkollega/", "/konkollega-renamed/"))
    assert Client().get(url).status_code == 404  # the old address is not served from the cache
