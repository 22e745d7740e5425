"""Discussions: open to whoever may edit the page, anti-spam, replies, sanitised, moderators hide and restore."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import ModelLogEntry

from editing import conf
from moderation.blocks import block_contributor
from talk.models import MAX_POST_LENGTH, Post
from wiki.models import MarketGuidePage

# Their fixtures come through request.getfixturevalue: the mark tells pytest-django they use the database,
# so they run before the tests that flush it (transactional_db).
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_budgets():
    cache.clear()


SESSION_BUDGET = conf.get("EDIT_BUDGET_SESSION")[0]


def thread(page):
    return reverse("talk:thread", args=[page.pk])


def say(client, page, data):
    """POST to the page's discussion as a browser does: with the proof of work solved (editing/pow.py)."""
    from editing import pow

    challenge = pow.issue(f"talk:{page.pk}")
    return client.post(thread(page), {**data, "challenge": challenge, "nonce": pow.solve(challenge)})


def test_page_tools_link_to_the_discussion(client, definition):
    assert f'href="{thread(definition)}"' in client.get(definition.url).content.decode()


def test_a_visitor_posts_and_another_replies(client, definition):
    response = say(client, definition, {"body": "Is it **10** staff or fewer than 10?", "display_name": "Ada"})
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.author_label == "Ada" and post.session_hash and post.page_id == definition.pk

    other = client.__class__()
    response = say(other, definition, {"body": "Fewer than 10.", "parent": post.pk})
    assert response.status_code == 302
    reply = Post.objects.get(parent=post)
    html = client.get(thread(definition)).content.decode()
    assert "<strong>10</strong>" in html and "Fewer than 10." in html and "Ada" in html
    assert 'class="talk-replies"' in html
    # A reply to a reply joins the same thread (one level).
    say(other, definition, {"body": "Thanks.", "parent": reply.pk})
    assert Post.objects.filter(parent=post).count() == 2


def test_posts_are_sanitised(client, definition):
    say(client, definition, {"body": "<script>alert(1)</script> [x](javascript:alert(1)) <b onclick=x>hi</b>"})
    html = client.get(thread(definition)).content.decode()
    assert "<script>alert(1)" not in html and "javascript:alert" not in html and "onclick" not in html


def test_honeypot_size_limit_and_session_budget(client, definition):
    assert say(client, definition, {"body": "Buy now", "website": "http://spam"}).status_code == 400
    assert say(client, definition, {"body": "x" * (MAX_POST_LENGTH + 1)}).status_code == 400
    assert say(client, definition, {"body": "   "}).status_code == 400
    assert not Post.objects.exists()
    for n in range(SESSION_BUDGET):
        assert say(client, definition, {"body": f"message {n}"}).status_code == 302
    assert say(client, definition, {"body": "one too many"}).status_code == 429
    assert Post.objects.count() == SESSION_BUDGET
    # Another visitor on the same network still may post.
    assert say(client.__class__(), definition, {"body": "me too"}).status_code == 302


def test_open_to_the_same_people_as_editing(client, small_wiki, editor):
    guide = MarketGuidePage.objects.get(locale__language_code="en")
    response = say(client, guide, {"body": "Anonymous on a guide"})
    assert response.status_code == 403 and not Post.objects.exists()
    assert "Only editors" in client.get(thread(guide)).content.decode()
    client.force_login(editor)
    assert say(client, guide, {"body": "An editor on a guide"}).status_code == 302
    assert Post.objects.get().user == editor


def test_blocked_contributor_cannot_post(client, definition, moderator, contributor):
    block_contributor(by=moderator, reason="Spamming", user=contributor)
    client.force_login(contributor)
    response = say(client, definition, {"body": "Let me in"})
    assert response.status_code == 403 and "Spamming" in response.content.decode()
    assert not Post.objects.exists()


def test_moderator_hides_and_restores_a_post(client, definition, moderator, contributor):
    say(client, definition, {"body": "Rude words here", "display_name": "Troll"})
    post = Post.objects.get()
    client.force_login(moderator)
    assert client.post(reverse("talk:hide", args=[post.pk])).status_code == 302
    post.refresh_from_db()
    assert post.hidden and post.hidden_by == moderator
    assert ModelLogEntry.objects.filter(action="moderation.hide_post", user=moderator, object_id=str(post.pk)).exists()

    client.force_login(contributor)
    html = client.get(thread(definition)).content.decode()
    assert "hidden by a moderator" in html and "Rude words here" not in html

    client.force_login(moderator)
    assert "Rude words here" in client.get(thread(definition)).content.decode()  # moderators still read it
    assert client.post(reverse("talk:restore", args=[post.pk])).status_code == 302
    post.refresh_from_db()
    assert not post.hidden
    assert ModelLogEntry.objects.filter(action="moderation.restore_post", user=moderator).exists()


@pytest.mark.parametrize("who", ["editor", "contributor", "anonymous"])
def test_non_moderators_cannot_hide_posts(client, definition, who, request):
    say(client, definition, {"body": "Fine words"})
    post = Post.objects.get()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("talk:hide", args=[post.pk])).status_code == 403
    post.refresh_from_db()
    assert not post.hidden
    assert not ModelLogEntry.objects.filter(action="moderation.hide_post").exists()


def test_unknown_page_is_404(client, small_wiki):
    assert client.get(reverse("talk:thread", args=[999999])).status_code == 404


def test_danish_discussion_page(client, small_wiki):
    from wiki.models import DefinitionPage

    da = DefinitionPage.objects.get(locale__language_code="da", slug="mikrovirksomhed")
    html = client.get(f"/da/talk/{da.pk}/").content.decode()
    assert "Diskussion" in html


def test_moderator_blocks_the_author_of_a_post(client, definition, moderator):
    visitor = client.__class__()
    say(visitor, definition, {"body": "Spam spam", "display_name": "Spammer"})
    post = Post.objects.get()
    client.force_login(moderator)
    assert client.get(reverse("talk:block_author", args=[post.pk])).status_code == 200
    response = client.post(reverse("talk:block_author", args=[post.pk]), {"reason": "Spam", "duration": "30"})
    assert response.status_code == 302
    response = say(visitor, definition, {"body": "More spam"})
    assert response.status_code == 403 and "Spam" in response.content.decode()
    assert Post.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="moderation.block", user=moderator).exists()


@pytest.mark.parametrize("who", ["editor", "anonymous"])
def test_non_moderators_cannot_block_post_authors(client, definition, who, request):
    from moderation.models import Block

    say(client, definition, {"body": "Fine words"})
    post = Post.objects.get()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("talk:block_author", args=[post.pk])).status_code == 403
    assert client.post(reverse("talk:block_author", args=[post.pk]), {"reason": "x", "duration": "1"}).status_code == 403
    assert not Block.objects.exists()
