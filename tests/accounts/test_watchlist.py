"""Watchlists: watch a page, get one email listing changes, unsubscribe in one click without logging in."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Watch, WatchlistEmailState
from accounts.watchlist import send_watchlist_emails, unsubscribe_token
from tests.moderation.helpers import edit
from wiki.models import DefinitionPage, EditStatus


@pytest.fixture
def watcher(client, definition, contributor):
    client.force_login(contributor)
    response = client.post(reverse("accounts:watch", args=[definition.pk]), {"next": definition.url})
    assert response.status_code == 302 and response["Location"] == definition.url
    assert Watch.objects.filter(user=contributor, page_id=definition.pk).exists()
    return contributor


def test_watch_button_for_logged_in_users_only(client, definition, contributor):
    assert reverse("accounts:watch", args=[definition.pk]) not in client.get(definition.url).content.decode()
    client.force_login(contributor)
    assert reverse("accounts:watch", args=[definition.pk]) in client.get(definition.url).content.decode()
    client.post(reverse("accounts:watch", args=[definition.pk]))
    html = client.get(definition.url).content.decode()
    assert reverse("accounts:unwatch", args=[definition.pk]) in html
    assert definition.title in client.get(reverse("accounts:watchlist")).content.decode()
    client.post(reverse("accounts:unwatch", args=[definition.pk]))
    assert not Watch.objects.exists()


def test_watching_needs_an_account_and_post(client, definition):
    response = client.post(reverse("accounts:watch", args=[definition.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Watch.objects.exists()


def test_one_email_listing_changes_since_the_last_one(client, definition, watcher):
    assert send_watchlist_emails() == 0  # nothing changed yet
    edit(definition, "First change.", display_name="Ada", summary="tightened the definition")
    edit(definition, "Second change.", display_name="Bo", summary="added a source")
    edit(definition, "Held change.", display_name="Spam", summary="buy now", status=EditStatus.HELD)
    edit(definition, "My own change.", user=watcher, summary="my own")
    other = DefinitionPage.objects.get(slug="konkollega", locale__language_code="en")
    edit(other, "Not watched.", display_name="Cy", summary="unwatched page")

    call_command("send_watchlist_emails", verbosity=0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["carl@example.com"]
    assert "2 changes" in message.subject
    assert "tightened the definition" in message.body and "added a source" in message.body
    assert "buy now" not in message.body and "my own" not in message.body and "unwatched page" not in message.body
    assert definition.title in message.body and "Ada" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Nothing new: no email. A new change: an email with only that change.
    assert send_watchlist_emails() == 0
    edit(definition, "Third change.", display_name="Di", summary="fixed a typo")
    assert send_watchlist_emails() == 1
    assert "fixed a typo" in mail.outbox[1].body and "tightened" not in mail.outbox[1].body


def test_no_email_after_unsubscribing_with_the_link(client, definition, watcher):
    edit(definition, "A change.", display_name="Ada", summary="first")
    send_watchlist_emails()
    link = re.search(r"https?://[^/\s]+(/en/accounts/unsubscribe/\S+/)", mail.outbox[0].body).group(1)

    anonymous = client.__class__(enforce_csrf_checks=True)  # no login, straight from the email
    page = anonymous.get(link)
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    assert anonymous.post(link).status_code == 200
    assert not WatchlistEmailState.objects.get(user=watcher).emails_enabled

    edit(definition, "Another change.", display_name="Bo", summary="second")
    assert send_watchlist_emails() == 0
    assert len(mail.outbox) == 1


def test_unsubscribe_link_cannot_be_forged(client, definition, watcher, moderator):
    token = unsubscribe_token(watcher)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post(reverse("accounts:unsubscribe", args=[forged])).status_code == 400
    assert client.post(reverse("accounts:unsubscribe", args=["nonsense"])).status_code == 400
    assert WatchlistEmailState.objects.get(user=watcher).emails_enabled


def test_watchlist_email_in_the_watchers_language(definition, contributor):
    from accounts.watchlist import watch

    da = DefinitionPage.objects.get(slug="mikrovirksomhed")
    watch(contributor, da, "da")
    edit(da, "Ny tekst.", display_name="Ada", summary="strammede definitionen")
    send_watchlist_emails()
    assert "ændring" in mail.outbox[0].subject and "/da/accounts/unsubscribe/" in mail.outbox[0].body
