"""Held edits (a calm notice, reasons in the reader's language, the Moderators' dashboard panel),
roles from the command line, Editors' translate permission, a read-only review date."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from accounts.roles import role_of
from editing.models import BlockedWord
from tests.editing.conftest import edits_of, form_data
from tests.moderation.conftest import make_user
from wiki.models import DefinitionPage, EditMeta, EditStatus, HoldReason, hold_reason_label
from wiki.permissions import EDITORS_GROUP


def hold_an_edit(client, page):
    BlockedWord.objects.create(word="casino")
    url = page.url + "edit/"
    return client.post(url, form_data(client, url, body=page.body + "\n\nCASINO bonuses."), follow=True)


def test_hold_reasons_are_stored_as_codes_and_shown_in_the_readers_language(db):
    with translation.override("en"):
        assert hold_reason_label(HoldReason.LINKS) == "it adds many links to other websites"
    with translation.override("da"):
        assert hold_reason_label(HoldReason.LINKS) == "den tilføjer mange links til andre websteder"
    assert hold_reason_label("Held by an older rule.") == "Held by an older rule."  # stored before the codes


def test_a_held_edit_gets_one_calm_notice_saying_why_and_what_next(client, definition):
    response = hold_an_edit(client, definition)
    meta = edits_of(definition).get()
    assert meta.status == EditStatus.HELD and meta.hold_reason == HoldReason.WORD
    html = response.content.decode()
    assert "message-info" in html and "message-warning" not in html and "message-error" not in html
    assert "a word that editors look at first" in html and "Once it is approved it is published" in html
    assert 'class="notice held-notice"' not in html  # not said twice
    # Later visits in the same session still say it, once.
    html = client.get(definition.url).content.decode()
    assert html.count("a word that editors look at first") == 1 and 'class="notice held-notice"' in html


def test_the_held_notice_speaks_danish_on_a_danish_page(client, content):
    page = DefinitionPage.objects.filter(locale__language_code="da").first()
    html = hold_an_edit(client, page).content.decode()
    assert "den indeholder et ord, som redaktørerne ser på først" in html


def test_moderators_see_held_edits_on_the_dashboard_in_their_language(client, definition, moderator, editor):
    hold_an_edit(Client(), definition)
    meta = edits_of(definition).get()
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home"), headers={"Accept-Language": "en"}).content.decode()
    assert "Edits held for review" in html and "a word that editors look at first" in html
    assert f"/admin/pages/{definition.pk}/revisions/" in html
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "da"
    profile.save()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "den indeholder et ord, som redaktørerne ser på først" in html
    # Approving from the panel comes back to the dashboard with a confirmation.
    response = client.post(reverse("moderation_admin:approve", args=[meta.pk]), {"next": reverse("wagtailadmin_home")},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert any(message.level_tag == "success" for message in response.context["messages"])
    assert EditMeta.objects.get(pk=meta.pk).status == EditStatus.APPROVED
    editors_view = Client()
    editors_view.force_login(editor)
    assert "Edits held for review" not in editors_view.get(reverse("wagtailadmin_home")).content.decode()


def test_set_role_gives_and_takes_roles(db):
    user = make_user("visitor")
    call_command("set_role", "visitor", "editor", stdout=open("/dev/null", "w"))
    assert role_of(user) == "editor"
    call_command("set_role", "visitor", "moderator", stdout=open("/dev/null", "w"))
    assert role_of(user) == "moderator" and not user.groups.filter(name=EDITORS_GROUP).exists()
    call_command("set_role", "visitor", "none", stdout=open("/dev/null", "w"))
    assert role_of(user) == "none" and not user.groups.exists()
    with pytest.raises(CommandError):
        call_command("set_role", "nobody", "editor")
    with pytest.raises(CommandError):
        call_command("set_role", "visitor", "admiral")


def test_editors_may_translate_a_page_they_may_edit(client, definition, editor):
    assert editor.has_perm("simple_translation.submit_translation")
    client.force_login(editor)
    url = reverse("simple_translation:submit_page_translation", args=[definition.pk])
    assert client.get(url).status_code == 200


def test_a_blocked_editor_may_not_translate(client, definition, editor, moderator):
    from moderation.blocks import block_contributor

    block_contributor(by=moderator, reason="test", user=editor)
    client.force_login(editor)
    url = reverse("simple_translation:submit_page_translation", args=[definition.pk])
    assert client.get(url).status_code == 403


def test_last_reviewed_is_read_only_in_the_admin(client, market_guide, moderator):
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[market_guide.pk])).content.decode()
    assert "Last reviewed" in html or "last reviewed" in html.lower()
    assert 'name="last_reviewed"' not in html


def test_approving_a_guide_from_the_dashboard_confirms_it(client, content, editor, moderator):
    from wagtail.models import WorkflowState

    from wiki.models import MarketGuideIndexPage, MarketGuidePage

    index = MarketGuideIndexPage.objects.get(locale__language_code="en")
    guide = MarketGuidePage(title="Nordic countries", slug="nordic-countries", live=False, region="Europe")
    index.add_child(instance=guide)
    guide.save_revision(user=editor)
    state = guide.get_workflow().start(guide, editor)
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", state.current_task_state_id])
    # The dashboard's button posts from a script and then goes where the answer says.
    response = client.post(url, {"comment": ""}, headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 200 and b"success" in response.content
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Approved: “Nordic countries” is published." in html
