"""Protecting and unprotecting pages from the site and from the admin: moderators only, audit-logged."""

import pytest
from django.urls import reverse

from wiki.models import PageProtection
from wiki.permissions import edit_refusal, is_protected

from .helpers import logged, visitor_request

# Their fixtures come through request.getfixturevalue: the mark tells pytest-django they use the database,
# so they run before the tests that flush it (transactional_db).
pytestmark = pytest.mark.django_db


def test_moderator_protects_and_unprotects_from_the_site(client, definition, moderator):
    client.force_login(moderator)
    html = client.get(definition.url).content.decode()
    assert f'action="{definition.url}protect/"' in html

    response = client.post(definition.url + "protect/", {"reason": "Vandalised twice"})
    assert response.status_code == 302 and response["Location"] == definition.url
    assert is_protected(definition)
    assert PageProtection.objects.get(page_id=definition.pk).protected_by == moderator
    assert "only editors" in edit_refusal(visitor_request(), definition)
    assert logged("moderation.protect", page=definition, user=moderator)[0].data["reason"] == "Vandalised twice"
    assert f'action="{definition.url}unprotect/"' in client.get(definition.url).content.decode()

    assert client.post(definition.url + "unprotect/").status_code == 302
    assert not is_protected(definition)
    assert edit_refusal(visitor_request(), definition) is None
    assert logged("moderation.unprotect", page=definition, user=moderator)


@pytest.mark.parametrize("who", ["editor", "contributor", "anonymous"])
def test_non_moderators_cannot_protect_or_unprotect(client, definition, who, request, moderator):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert 'protect/"' not in client.get(definition.url).content.decode()
    assert client.post(definition.url + "protect/").status_code == 403
    assert not is_protected(definition)
    PageProtection.objects.create(page_id=definition.pk, protected_by=moderator)
    assert client.post(definition.url + "unprotect/").status_code == 403
    assert is_protected(definition)
    if who == "editor":
        assert client.post(reverse("moderation_admin:unprotect", args=[definition.pk])).status_code == 403
        assert client.post(reverse("moderation_admin:protect", args=[definition.pk])).status_code == 403
        assert is_protected(definition)
    assert not logged("moderation.protect") and not logged("moderation.unprotect")


def test_protect_routes_refuse_get(client, definition, moderator):
    client.force_login(moderator)
    assert client.get(definition.url + "protect/").status_code == 405
    assert not is_protected(definition)


def test_moderator_protects_and_unprotects_from_the_admin(client, definition, moderator):
    client.force_login(moderator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[definition.pk])
    assert reverse("moderation_admin:protect", args=[definition.pk]) in client.get(edit_url).content.decode()
    response = client.post(reverse("moderation_admin:protect", args=[definition.pk]), {"reason": "Edit war"})
    assert response.status_code == 302
    assert PageProtection.objects.get(page_id=definition.pk).reason == "Edit war"
    assert definition.title in client.get(reverse("moderation_admin:protections")).content.decode()
    assert client.post(reverse("moderation_admin:unprotect", args=[definition.pk])).status_code == 302
    assert not is_protected(definition)
    assert logged("moderation.protect", page=definition) and logged("moderation.unprotect", page=definition)


def test_moderation_actions_are_in_wagtails_audit_log_report(client, definition, moderator):
    client.force_login(moderator)
    client.post(definition.url + "protect/", {"reason": "Vandalised"})
    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Protected the page" in html and moderator.get_username() in html
