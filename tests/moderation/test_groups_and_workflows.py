"""Groups, the market guide review workflow, and scheduled publishing."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowPage, WorkflowState

from moderation.workflows import MARKET_GUIDE_WORKFLOW
from wiki.models import CaseStudyIndexPage, CaseStudyPage, DefinitionPage, MarketGuideIndexPage, MarketGuidePage
from wiki.permissions import EDITORS_GROUP, MODERATORS_GROUP, is_editor, is_moderator


def new_guide(title="Nordic countries", **fields):
    index = MarketGuideIndexPage.objects.get(locale__language_code="en")
    guide = MarketGuidePage(title=title, slug=title.lower().replace(" ", "-"), live=False, region="Europe", **fields)
    index.add_child(instance=guide)
    return MarketGuidePage.objects.get(pk=guide.pk)


def submit(guide, user):
    guide.title = guide.title + " (draft)"
    guide.save_revision(user=user)
    return guide.get_workflow().start(guide, user)


def test_groups_exist_with_names_from_wiki_permissions(db):
    assert Group.objects.filter(name=EDITORS_GROUP).exists()
    assert Group.objects.filter(name=MODERATORS_GROUP).exists()


def test_editors_edit_everything_moderators_publish_everything(small_wiki, editor, moderator):
    assert is_editor(editor) and not is_moderator(editor)
    assert is_moderator(moderator)
    guide_index = MarketGuideIndexPage.objects.first()
    for page in (MarketGuidePage.objects.first(), guide_index, Page.objects.filter(depth=2).first()):
        editor_perms = page.permissions_for_user(editor)
        assert editor_perms.can_edit() and not editor_perms.can_publish()  # submit for moderation instead
    for page in (MarketGuidePage.objects.first(), DefinitionPage.objects.first(), CaseStudyIndexPage.objects.last()):
        moderator_perms = page.permissions_for_user(moderator)
        assert moderator_perms.can_edit() and moderator_perms.can_publish() and moderator_perms.can_lock()
    assert editor.has_perm("wagtailadmin.access_admin")


def test_editors_publish_definitions_and_case_studies_themselves(small_wiki, editor):
    for language in ("en", "da"):
        definition = DefinitionPage.objects.filter(locale__language_code=language).first()
        assert definition.permissions_for_user(editor).can_publish()
        index = CaseStudyIndexPage.objects.get(locale__language_code=language)
        assert index.permissions_for_user(editor).can_publish_subpage()


def test_market_guides_need_review_definitions_and_case_studies_do_not(small_wiki):
    for guide in MarketGuidePage.objects.all():
        assert guide.get_workflow().name == MARKET_GUIDE_WORKFLOW
    for page in [*DefinitionPage.objects.all(), *CaseStudyPage.objects.all()]:
        assert page.get_workflow() is None
    root = Page.objects.get(depth=1)
    assert not WorkflowPage.objects.filter(page=root).exists()
    # Both language trees' guide indexes got the workflow (when created, by the signal).
    assert WorkflowPage.objects.filter(page__in=MarketGuideIndexPage.objects.all()).count() == 2


def test_draft_submitted_approved_live_and_reviewed_today(client, small_wiki, editor, moderator):
    guide = new_guide()
    assert not guide.live
    state = submit(guide, editor)
    guide.refresh_from_db()
    assert guide.workflow_in_progress and not guide.live

    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", state.current_task_state_id])
    response = client.post(url, {"comment": "Looks right."})
    assert response.status_code == 302

    guide = MarketGuidePage.objects.get(pk=guide.pk)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert guide.live and guide.title == "Nordic countries (draft)"
    assert guide.last_reviewed == timezone.localdate() and not guide.due_for_review
    assert guide.get_latest_revision().as_object().last_reviewed == timezone.localdate()
    assert client.get(guide.url).status_code == 200


def test_draft_submitted_rejected_with_a_comment_back_to_draft(client, small_wiki, editor, moderator):
    guide = new_guide()
    state = submit(guide, editor)
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "reject", state.current_task_state_id])
    assert client.post(url, {"comment": "Cite the currency source."}).status_code == 302

    state.refresh_from_db()
    guide = MarketGuidePage.objects.get(pk=guide.pk)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Cite the currency source."
    assert not guide.live and guide.has_unpublished_changes
    assert guide.last_reviewed is None
    # Back to draft: the editor can change it and submit again.
    state.cancel(user=editor)
    assert not MarketGuidePage.objects.get(pk=guide.pk).workflow_in_progress


def test_editors_cannot_approve(client, small_wiki, editor):
    guide = new_guide()
    state = submit(guide, editor)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", state.current_task_state_id])
    response = client.post(url)
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and an error message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    guide.refresh_from_db()
    assert not guide.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_scheduled_publishing_goes_live_through_publish_scheduled(small_wiki, moderator):
    guide = new_guide()
    guide.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = guide.save_revision(user=moderator)
    revision.publish(user=moderator)
    guide.refresh_from_db()
    assert not guide.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled")
    assert not MarketGuidePage.objects.get(pk=guide.pk).live

    # A day later (moved back in time rather than waiting): the scheduled time has passed.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    assert MarketGuidePage.objects.get(pk=guide.pk).live


def test_a_guide_shows_when_it_was_reviewed_and_when_it_is_due(client, small_wiki):
    guide = MarketGuidePage.objects.filter(locale__language_code="en").first()
    guide.last_reviewed = timezone.localdate() - datetime.timedelta(days=400)
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "Last reviewed" in html and "Due for review" in html
    guide.last_reviewed = timezone.localdate() - datetime.timedelta(days=30)
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "Last reviewed" in html and "Due for review" not in html


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_new_market_guide_index_gets_the_review_workflow(small_wiki, language):
    index = MarketGuideIndexPage.objects.get(locale__language_code=language)
    WorkflowPage.objects.filter(page=index).delete()
    parent = index.get_parent()
    index.delete()
    new_index = MarketGuideIndexPage(title="Guides", slug="guides")
    parent.add_child(instance=new_index)
    assert WorkflowPage.objects.get(page=new_index).workflow.name == MARKET_GUIDE_WORKFLOW


def test_moderators_can_turn_a_workflow_on_for_definitions(client, small_wiki, moderator, editor):
    assert moderator.has_perm("wagtailcore.change_workflow") and moderator.has_perm("wagtailcore.add_workflow")
    assert not editor.has_perm("wagtailcore.change_workflow")
    client.force_login(moderator)
    assert client.get(reverse("wagtailadmin_workflows:index")).status_code == 200
