"""Accounts (optional): sign up, log in and out, reset a password, my contributions."""

import re

from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from tests.moderation.helpers import edit


def test_sign_up_logs_in_and_shows_account_links(client, small_wiki):
    html = client.get("/en/").content.decode()
    assert reverse("accounts:signup") in html and reverse("accounts:login") in html
    response = client.post(reverse("accounts:signup"), {
        "username": "ada", "email": "ada@example.com", "password1": "a-long-pass-phrase-42",
        "password2": "a-long-pass-phrase-42", "website": "",
    })
    assert response.status_code == 302
    assert User.objects.get(username="ada").email == "ada@example.com"
    html = client.get("/en/").content.decode()
    assert "My contributions" in html and "Log out (ada)" in html


def test_sign_up_errors_are_400_with_messages(client, small_wiki):
    User.objects.create_user("taken", "taken@example.com", "x")
    response = client.post(reverse("accounts:signup"), {
        "username": "new", "email": "taken@example.com", "password1": "short", "password2": "other", "website": "",
    })
    assert response.status_code == 400
    assert "exists already" in response.content.decode()
    response = client.post(reverse("accounts:signup"), {
        "username": "bot", "email": "bot@example.com", "password1": "a-long-pass-phrase-42",
        "password2": "a-long-pass-phrase-42", "website": "http://spam.example",
    })
    assert response.status_code == 400 and not User.objects.filter(username="bot").exists()


def test_log_in_and_out(client, small_wiki, contributor):
    response = client.post(reverse("accounts:login"), {"username": "carl", "password": "pw-for-tests-123"})
    assert response.status_code == 302
    assert "Log out (carl)" in client.get("/en/").content.decode()
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "Log out" not in client.get("/en/").content.decode()


def test_password_reset_by_email(client, small_wiki, contributor):
    response = client.post(reverse("accounts:password_reset"), {"email": "carl@example.com"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["carl@example.com"]
    link = re.search(r"https?://testserver(/en/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    set_url = response.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "brand-new-phrase-77", "new_password2": "brand-new-phrase-77"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_complete")
    # Log in through the form (django-axes, the log-in throttle, needs the request that test clients' login() lacks).
    response = client.post(reverse("accounts:login"), {"username": "carl", "password": "brand-new-phrase-77"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_password_reset_email_in_danish(client, small_wiki, contributor):
    client.post("/da/accounts/password-reset/", {"email": "carl@example.com"})
    assert "Vælg en ny adgangskode" in mail.outbox[0].subject
    assert "/da/accounts/password-reset/" in mail.outbox[0].body


def test_my_contributions_lists_my_edits_only(client, definition, contributor):
    edit(definition, "Carl's words.", user=contributor, summary="clarified the staff limit")
    edit(definition, "Someone else's words.", display_name="Ada", summary="anonymous change")
    assert client.get(reverse("accounts:contributions")).status_code == 302  # log in first
    client.force_login(contributor)
    html = client.get(reverse("accounts:contributions")).content.decode()
    assert "clarified the staff limit" in html and "anonymous change" not in html
    assert definition.title in html


def test_account_pages_render_in_danish(client, small_wiki, contributor):
    for name in ("signup", "login", "password_reset"):
        html = client.get(reverse(name.join(["accounts:", ""])).replace("/en/", "/da/")).content.decode()
        assert '<html lang="da">' in html
    assert "Opret en konto" in client.get("/da/accounts/signup/").content.decode()
