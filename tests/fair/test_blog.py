"""The blog: posts as pages, a guest's post held for review, the Atom feed, the home page's latest posts."""

import xml.etree.ElementTree as ET

import pytest

from tests.fair.conftest import filled_form
from wiki.models import BlogIndexPage, BlogPostPage, EditMeta, EditStatus

# Their fixtures come through request.getfixturevalue: the mark tells pytest-django they use the database,
# so they run before the tests that flush it (transactional_db).
pytestmark = pytest.mark.django_db

WRITE_EN = "/en/blog/write/"
ATOM = "{http://www.w3.org/2005/Atom}"
POST = {"title": "A stand shared in Oslo", "author_name": "Ole", "lead": "How three of us split one stand.",
        "body": "We shared a stand. See [[Konkollega]].", "tag_names": "trade fair, norway"}


def _write(client, url=WRITE_EN, **changes):
    return client.post(url, filled_form(client, url, **{**POST, **changes}))


def test_the_starter_posts_are_in_both_blogs_and_on_the_home_pages(client, fair_wiki):
    for language, home, title in (("en", "/en/", "Looking for konkolleger at the entrepreneurs' fair"),
                                  ("da", "/da/", "På jagt efter konkolleger på iværksættermessen")):
        post = BlogPostPage.objects.live().get(locale__language_code=language)
        assert post.title == title and post.get_parent().specific_class is BlogIndexPage
        assert title in client.get(f"/{language}/blog/").content.decode().replace("&#x27;", "'")
        assert post.url in client.get(home).content.decode()
    en, da = BlogPostPage.objects.order_by("locale__language_code")
    assert en.translation_key == da.translation_key  # linked translations


def test_a_guest_post_is_held_then_approved_and_live(client, fair_wiki, moderator):
    from django.urls import reverse

    response = _write(client)
    assert response.status_code == 202 and "waiting for a Moderator" in response.content.decode()
    post = BlogPostPage.objects.get(title=POST["title"])
    meta = EditMeta.objects.get(page_id=post.pk)
    assert not post.live and meta.status == EditStatus.HELD and meta.display_name == "Ole"
    assert POST["title"] not in client.get("/en/blog/").content.decode()
    assert POST["title"] not in client.get("/en/blog/feed/").content.decode()
    assert POST["title"] not in client.get("/api/v2/pages/", {"type": "wiki.BlogPostPage"}).content.decode()

    client.force_login(moderator)
    assert client.post(reverse("moderation_admin:approve", args=[meta.pk])).status_code == 302
    client.logout()
    post.refresh_from_db()
    assert post.live and post.author_name == "Ole"
    assert sorted(t.name for t in post.tags.all()) == ["norway", "trade fair"]
    html = client.get(post.url).content.decode()
    assert "How three of us split one stand." in html and f'href="/en/talk/{post.pk}/"' in html
    api = client.get("/api/v2/pages/", {"type": "wiki.BlogPostPage", "fields": "author_name,lead,date"}).json()
    assert {item["title"]: item["author_name"] for item in api["items"]}[POST["title"]] == "Ole"


@pytest.mark.parametrize("who, status, live", [
    (None, 202, False), ("contributor", 202, False), ("editor", 201, True), ("moderator", 201, True),
])
def test_who_publishes_a_post_at_once(client, fair_wiki, request, who, status, live):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert _write(client).status_code == status
    assert BlogPostPage.objects.get(title=POST["title"]).live is live


@pytest.mark.parametrize("changes, status, message", [
    ({"body": ""}, 400, "This field is required"),
    ({"contact_email": "bot@example.com"}, 400, "automatically filled in"),
    ({"nonce": ""}, 400, "anti-spam check"),
    ({"title": "Looking for konkolleger at the entrepreneurs' fair"}, 409, "exists already"),
])
def test_a_bad_guest_post_is_refused_with_the_text_kept(client, fair_wiki, changes, status, message):
    data = filled_form(client, WRITE_EN, **POST)
    response = client.post(WRITE_EN, {**data, **changes})
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == status and message in html
    assert "How three of us split one stand." in html
    assert BlogPostPage.objects.filter(locale__language_code="en").count() == 1


def test_a_guest_post_is_refused_to_a_blocked_account(client, fair_wiki, contributor):
    from moderation.models import Block

    Block.objects.create(user=contributor, reason="spam")
    client.force_login(contributor)
    assert client.get(WRITE_EN).status_code == 403
    assert client.post(WRITE_EN, POST).status_code == 403
    assert not BlogPostPage.objects.filter(title=POST["title"]).exists()


def test_only_editors_change_a_post_afterwards(client, fair_wiki, editor):
    post = BlogPostPage.objects.get(locale__language_code="en")
    assert client.get(post.url + "edit/").status_code == 403
    client.force_login(editor)
    assert client.get(post.url + "edit/").status_code == 200


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_feed_is_valid_atom_with_the_posts(client, fair_wiki, editor, language):
    client.force_login(editor)
    _write(client, f"/{language}/blog/write/", lead="A lead with <script>alert(1)</script> & more")
    client.logout()
    response = client.get(f"/{language}/blog/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert {e.find(f"{ATOM}title").text for e in entries} >= {POST["title"]}
    assert all(e.find(f"{ATOM}link").get("href").startswith(f"http://testserver/{language}/blog/") for e in entries)
    summaries = "".join(e.find(f"{ATOM}summary").text or "" for e in entries)
    assert "&lt;script&gt;" in summaries and "<script>" not in summaries


def test_blog_posts_are_searchable(client, fair_wiki):
    response = client.get("/api/v2/pages/", {"search": "konkolleger", "type": "wiki.BlogPostPage"})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] >= 1
