"""Issue 18's findings, each reproduced (each failed on main before the fix)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Page

from accounts.models import Watch
from editing import conf
from moderation.blocks import block_contributor
from tests.moderation.helpers import visitor_request
from wiki.models import EditMeta, EditStatus, HoldReason
from wiki.revisions import save_wiki_revision

from .helpers import fresh, revisions, site_restore, site_rollback, solved


def save(page, body, *, user=None, request=None, status=EditStatus.LIVE):
    page = fresh(page)
    page.body = body
    return save_wiki_revision(page, user=user, request=request, status=status,
                              hold_reason="held" if status == EditStatus.HELD else "")


# 2 ---------------------------------------------------------------------------------------------

def test_rollback_never_publishes_a_draft(client, guide, editor, moderator):
    live_before = fresh(guide).body
    draft = fresh(guide)
    draft.body = "An unreviewed draft from the admin."
    draft.save_revision(user=editor)  # a Wagtail draft, never live
    save(guide, "The moderator's live text.", user=moderator)
    client.force_login(editor)
    assert site_rollback(client, fresh(guide)).status_code == 303
    after = fresh(guide)
    assert after.body == "The moderator's live text."  # an editor's rollback of a guide is itself a draft
    assert after.get_latest_revision().as_object().body == live_before  # ... back to the last live text
    client.force_login(moderator)
    save(guide, "The moderator again.", user=moderator)
    save(guide, "The moderator once more.", user=editor)
    assert site_rollback(client, fresh(guide)).status_code == 303
    assert "unreviewed draft" not in fresh(guide).body


def test_rollback_skips_held_and_rejected_revisions(client, definition, editor):
    sam = User.objects.create_user("sam")
    save(definition, "Held spam.", request=visitor_request(), status=EditStatus.HELD)
    good = save(definition, "Good text.", user=sam)
    save(definition, "Vandalism.", user=User.objects.create_user("vandal"))
    client.force_login(editor)
    assert site_rollback(client, definition).status_code == 303
    assert fresh(definition).body == "Good text." and fresh(definition).live_revision.wiki_meta.restored_from == good


# 3 ---------------------------------------------------------------------------------------------

def test_a_blocked_editor_rolls_back_nothing(client, definition, blocked_editor):
    save(definition, "Good text.", user=User.objects.create_user("sam"))
    save(definition, "Vandalism.", request=visitor_request())
    count = revisions(definition).count()
    client.force_login(blocked_editor)
    response = site_rollback(client, definition)
    assert response.status_code == 403 and "Vandalism" in response.content.decode()
    assert fresh(definition).body == "Vandalism." and revisions(definition).count() == count


def test_a_blocked_session_restores_nothing(client, definition, moderator):
    old = save(definition, "Old text.")
    save(definition, "New text.")
    client.get(definition.url)
    client.session.save()
    session_hash = _session_hash(client)
    block_contributor(by=moderator, reason="Spam", session_hash=session_hash)
    assert site_restore(client, definition, old).status_code == 403
    assert fresh(definition).body == "New text."


def _session_hash(client):
    from wiki.identity import session_hash

    return session_hash(visitor_request(client.session.session_key))


# 5 ---------------------------------------------------------------------------------------------

def test_restores_pass_the_anti_spam_checks(client, definition):
    old = save(definition, "Old text.\n" * 100)
    save(definition, "New text.")
    url = definition.url + f"history/{old.pk}/restore/"
    count = revisions(definition).count()
    assert client.post(url).status_code == 400  # no proof of work
    assert client.post(url, {**solved(definition.pk), "contact_email": "bot@example.com"}).status_code == 400
    assert revisions(definition).count() == count
    budget = conf.get("EDIT_BUDGET_SESSION")[0]
    for _ in range(budget):
        assert site_restore(client, definition, old).status_code == 303
    assert site_restore(client, definition, old).status_code == 429
    assert revisions(definition).count() == count + budget


def test_a_restore_that_blanks_the_page_is_held_like_the_same_edit(client, definition):
    blank = save(definition, "")
    save(definition, "A long text worth keeping. " * 60)
    assert site_restore(client, definition, blank).status_code == 303
    meta = EditMeta.objects.filter(page_id=definition.pk).order_by("-pk").first()
    assert meta.status == EditStatus.HELD and meta.hold_reason == HoldReason.DELETION
    assert fresh(definition).body.startswith("A long text worth keeping.")


def test_a_held_talk_post_waits_for_a_moderator(client, definition):
    from talk.models import Post

    links = " ".join(f"https://spam{n}.example.com" for n in range(10))
    response = client.post(reverse("talk:thread", args=[definition.pk]), {"body": links, **solved(f"talk:{definition.pk}")})
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.hidden and post.hidden_by is None
    assert "spam1.example.com" not in Client().get(reverse("talk:thread", args=[definition.pk])).content.decode()
    assert client.post(reverse("talk:thread", args=[definition.pk]), {"body": "no proof of work"}).status_code == 400


# 8 ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("login_url", ["/en/accounts/login/", "/admin/login/"])
def test_log_in_is_throttled_by_account(client, contributor, login_url):
    for _ in range(15):
        client.post(login_url, {"username": "carl", "password": "wrong"})
    response = client.post(login_url, {"username": "carl", "password": "pw-for-tests-123"})
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "Too many failed log-in attempts" in response.content.decode()


def test_log_in_is_throttled_by_address_in_danish(client, contributor):
    for n in range(15):
        client.post("/da/accounts/login/", {"username": f"someone{n}", "password": "wrong"})
    response = client.post("/da/accounts/login/", {"username": "carl", "password": "pw-for-tests-123"},
                           HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "For mange mislykkede" in response.content.decode()
    # Another address still logs in.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert other.post("/en/accounts/login/", {"username": "carl", "password": "pw-for-tests-123"}).status_code == 302


# 9 ---------------------------------------------------------------------------------------------

def test_held_text_is_only_for_moderators_and_its_author(client, definition, moderator, editor):
    author = Client()
    author.get(definition.url)
    request = visitor_request(author.session.session_key)
    held = save(definition, "Held spam text.", request=request, status=EditStatus.HELD)
    url = definition.url + f"history/{held.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(definition.url + f"history/compare/?from={definition.live_revision_id}&to={held.pk}").status_code == 400
    client.force_login(editor)
    assert client.get(url).status_code == 404
    assert author.get(url).status_code == 200 and "Held spam text." in author.get(url).content.decode()
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    for feed in (definition.url + "history/feed/", "/en/recent-changes/feed/", "/en/recent-changes/feed/?held=1"):
        assert f"/history/{held.pk}/" not in Client().get(feed).content.decode()


# 10 --------------------------------------------------------------------------------------------

def test_watch_only_what_one_may_view(client, definition, contributor):
    Page.objects.filter(pk=definition.pk).update(live=False)
    client.force_login(contributor)
    assert client.post(reverse("accounts:watch", args=[definition.pk])).status_code == 404
    assert not Watch.objects.exists()
    Watch.objects.create(user=contributor, page_id=definition.pk)  # watched while it was live
    html = client.get(reverse("accounts:watchlist")).content.decode()
    assert reverse("accounts:unwatch", args=[definition.pk]) not in html and "You are not watching any page" in html


# 7 ---------------------------------------------------------------------------------------------

def test_trusted_proxy_count_from_the_environment():
    from pathlib import Path

    from django.core.exceptions import ImproperlyConfigured
    from django.test import RequestFactory

    from config.env import trusted_proxy_count
    from wiki.identity import client_ip

    assert trusted_proxy_count({}) == 0 and trusted_proxy_count({"TRUSTED_PROXY_COUNT": "1"}) == 1
    with pytest.raises(ImproperlyConfigured):
        trusted_proxy_count({"TRUSTED_PROXY_COUNT": "-1"})
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.9"  # nginx's entry, not what the client wrote
    assert client_ip(request) == "10.0.0.1"
    deploy = Path(__file__).resolve().parents[2] / "site" / "deploy"
    assert "\nTRUSTED_PROXY_COUNT=1" in (deploy / "env.example").read_text()


# 12 --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/static/../config/settings/base.py", "/static/..%2f..%2fmanage.py",
                                  "/static/editing/../../../config/settings/base.py"])
def test_static_path_escapes_answer_404_under_runserver(path, db):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    from wiki.management.commands.runserver import SafeStaticFilesHandler

    environ = RequestFactory().get(path).environ
    statuses = []
    with override_settings(DEBUG=True):
        body = b"".join(SafeStaticFilesHandler(WSGIHandler())(environ, lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("404"), statuses
    assert b"SECRET_KEY" not in body
