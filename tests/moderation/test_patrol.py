"""Patrol: unpatrolled edits, held edits approved or rejected, one-click rollback, blocks. All audit-logged."""

import pytest
from django.urls import reverse
from wagtail.models import Revision

from history.actions import NothingToRollBackError
from history.actions import rollback as rollback_last_author
from moderation.models import Block
from wiki.models import EditMeta, EditStatus
from wiki.permissions import edit_refusal

from .helpers import edit, live_body, logged, visitor_request

# Their fixtures come through request.getfixturevalue: the mark tells pytest-django they use the database,
# so they run before the tests that flush it (transactional_db).
pytestmark = pytest.mark.django_db


@pytest.fixture
def held(definition):
    original = live_body(definition)
    meta = edit(definition, "Spam? Or not.", display_name="Visitor", status=EditStatus.HELD,
                request=visitor_request())
    assert live_body(definition) == original
    return meta


def test_moderators_see_unpatrolled_edits_with_diff_links(client, definition, moderator):
    meta = edit(definition, "A better definition.", display_name="Ada", request=visitor_request())
    client.force_login(moderator)
    html = client.get(reverse("moderation_admin:patrol")).content.decode()
    assert "Ada" in html and definition.title in html
    assert reverse("wagtailadmin_pages:revisions_compare", args=[definition.pk, meta.revision_id - 1,
                                                                 meta.revision_id]) in html or "Diff" in html


def test_mark_patrolled(client, definition, moderator):
    meta = edit(definition, "A better definition.", display_name="Ada")
    client.force_login(moderator)
    response = client.post(reverse("moderation_admin:mark_patrolled", args=[meta.pk]))
    assert response.status_code == 302
    meta.refresh_from_db()
    assert meta.patrolled
    assert logged("moderation.patrol", user=moderator)
    html = client.get(reverse("moderation_admin:patrol")).content.decode()
    assert "Nothing to patrol" in html


def test_held_edit_approved_goes_live(client, definition, held, moderator):
    client.force_login(moderator)
    assert client.post(reverse("moderation_admin:approve", args=[held.pk])).status_code == 302
    held.refresh_from_db()
    assert held.status == EditStatus.APPROVED and held.patrolled
    assert live_body(definition) == "Spam? Or not."
    assert type(definition).objects.get(pk=definition.pk).live_revision_id == held.revision_id
    assert logged("moderation.approve_edit", user=moderator, page=definition)


def test_approving_an_old_held_edit_merges_it_with_later_edits(client, definition, moderator):
    edit(definition, "Intro.\n\nMiddle.\n\nEnd.\n", display_name="Ada", request=visitor_request())
    held = edit(definition, "Intro, improved.\n\nMiddle.\n\nEnd.\n", display_name="Visitor",
                status=EditStatus.HELD, request=visitor_request())
    edit(definition, "Intro.\n\nMiddle.\n\nEnd, improved later.\n", display_name="Bo", request=visitor_request())

    client.force_login(moderator)
    assert client.post(reverse("moderation_admin:approve", args=[held.pk])).status_code == 302
    held.refresh_from_db()
    assert held.status == EditStatus.APPROVED and held.patrolled
    assert live_body(definition) == "Intro, improved.\n\nMiddle.\n\nEnd, improved later.\n"
    newest = EditMeta.objects.filter(page=definition).first()
    assert newest.user == moderator and "Visitor" in newest.summary
    entry = logged("moderation.approve_edit", user=moderator, page=definition)[0]
    assert entry.data["merged_revision"] == newest.revision_id


def test_approving_a_held_edit_that_conflicts_with_later_edits_changes_nothing(client, definition, moderator):
    edit(definition, "Intro.\n\nEnd.\n", display_name="Ada", request=visitor_request())
    held = edit(definition, "Intro held.\n\nEnd.\n", display_name="Visitor", status=EditStatus.HELD,
                request=visitor_request())
    edit(definition, "Intro later.\n\nEnd.\n", display_name="Bo", request=visitor_request())
    revisions = Revision.page_revisions.filter(object_id=str(definition.pk)).count()

    client.force_login(moderator)
    response = client.post(reverse("moderation_admin:approve", args=[held.pk]), follow=True)
    assert "changed after this edit was held" in response.content.decode()
    held.refresh_from_db()
    assert held.status == EditStatus.HELD
    assert live_body(definition) == "Intro later.\n\nEnd.\n"
    assert Revision.page_revisions.filter(object_id=str(definition.pk)).count() == revisions


def test_held_edit_rejected_keeps_the_authors_text_in_the_history(client, definition, held, moderator):
    original = live_body(definition)
    client.force_login(moderator)
    response = client.post(reverse("moderation_admin:reject", args=[held.pk]), {"comment": "Unsourced."})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == EditStatus.REJECTED and held.patrolled
    assert live_body(definition) == original
    assert Revision.objects.get(pk=held.revision_id).as_object().body == "Spam? Or not."
    entry = logged("moderation.reject_edit", user=moderator)[0]
    assert entry.data["comment"] == "Unsourced."
    # Approving a rejected edit is refused with a message, nothing changes.
    client.post(reverse("moderation_admin:approve", args=[held.pk]))
    held.refresh_from_db()
    assert held.status == EditStatus.REJECTED and live_body(definition) == original


def test_rollback_undoes_the_last_authors_edits_in_one_click(client, definition, moderator):
    good = edit(definition, "Good text.", display_name="Ada", request=visitor_request())
    vandal = visitor_request()
    edit(definition, "VANDALISM 1", display_name="Vandal", request=vandal)
    edit(definition, "VANDALISM 2", display_name="Vandal", request=visitor_request(vandal.session.session_key))
    assert live_body(definition) == "VANDALISM 2"

    client.force_login(moderator)
    response = client.post(reverse("moderation_admin:rollback", args=[definition.pk]))
    assert response.status_code == 302
    assert live_body(definition) == "Good text."
    newest = EditMeta.objects.filter(page=definition).first()
    assert newest.restored_from_id == good.revision_id and newest.user == moderator
    assert not EditMeta.objects.filter(page_id=definition.pk, display_name="Vandal", patrolled=False).exists()
    entry = logged("wiki.rollback", user=moderator, page=definition)[0]  # history's audit-log entry
    assert entry.data["reverted_author"] == "Vandal" and len(entry.data["reverted_revisions"]) == 2


def test_rollback_skips_held_and_rejected_revisions(definition, moderator):
    edit(definition, "Good text.", display_name="Ada", request=visitor_request())
    edit(definition, "held junk", display_name="Junk", status=EditStatus.HELD, request=visitor_request())
    edit(definition, "VANDALISM", display_name="Vandal", request=visitor_request())
    rollback_last_author(definition, visitor_request(user=moderator))
    assert live_body(definition) == "Good text."


def test_nothing_to_roll_back_when_there_is_one_author(definition, moderator):
    single = type(definition).objects.get(pk=definition.pk)
    Revision.page_revisions.filter(object_id=str(single.pk)).exclude(pk=single.latest_revision_id).delete()
    with pytest.raises(NothingToRollBackError):
        rollback_last_author(single, visitor_request(user=moderator))


def test_block_the_author_of_an_edit_then_they_are_refused_until_lifted(client, definition, moderator):
    request = visitor_request()
    meta = edit(definition, "VANDALISM", display_name="Vandal", request=request)
    assert edit_refusal(visitor_request(request.session.session_key), definition) is None

    client.force_login(moderator)
    response = client.post(reverse("moderation_admin:block_author", args=[meta.pk]),
                           {"reason": "Vandalism", "duration": "7"})
    assert response.status_code == 302
    block = Block.objects.get()
    assert block.session_hash == meta.session_hash and block.created_by == moderator and block.expires_at

    refusal = edit_refusal(visitor_request(request.session.session_key), definition)
    assert refusal and "Vandalism" in refusal and "blocked" in refusal
    assert edit_refusal(visitor_request(), definition) is None  # someone else at the same fair
    assert logged("moderation.block", user=moderator)

    html = client.get(reverse("moderation_admin:blocks")).content.decode()
    assert "Vandal" in html and "Vandalism" in html
    assert client.post(reverse("moderation_admin:lift", args=[block.pk])).status_code == 302
    assert edit_refusal(visitor_request(request.session.session_key), definition) is None
    assert logged("moderation.unblock", user=moderator)


def test_blocked_account_is_refused(definition, moderator, contributor):
    meta = edit(definition, "Mine.", user=contributor)
    from moderation.blocks import block_author_of

    block_author_of(meta, by=moderator, reason="Edit warring")
    assert "Edit warring" in edit_refusal(visitor_request(user=contributor), definition)


@pytest.mark.parametrize("who", ["editor", "contributor", "anonymous"])
def test_non_moderators_cannot_patrol_approve_reject_roll_back_or_block(client, definition, held, who, request):
    edit(definition, "VANDALISM", display_name="Vandal", request=visitor_request())
    before = live_body(definition)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    posts = [
        (reverse("moderation_admin:mark_patrolled", args=[held.pk]), {}),
        (reverse("moderation_admin:approve", args=[held.pk]), {}),
        (reverse("moderation_admin:reject", args=[held.pk]), {"comment": "x"}),
        (reverse("moderation_admin:rollback", args=[definition.pk]), {}),
        (reverse("moderation_admin:block_author", args=[held.pk]), {"reason": "x", "duration": "1"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        if who == "editor":  # in the admin, but not a moderator
            assert response.status_code == 403, url
        else:  # not allowed into the admin at all: sent to log in
            assert response.status_code == 302 and "login" in response["Location"], url
    assert client.get(reverse("moderation_admin:patrol")).status_code in (302, 403)
    held.refresh_from_db()
    assert held.status == EditStatus.HELD and not held.patrolled
    assert live_body(definition) == before
    assert not Block.objects.exists()
    assert not logged("wiki.rollback") and not logged("moderation.block")


def test_admin_pages_render_for_moderators(client, definition, held, moderator):
    client.force_login(moderator)
    for name in ("patrol", "blocks", "protections"):
        assert client.get(reverse(f"moderation_admin:{name}")).status_code == 200
    assert client.get(reverse("moderation_admin:patrol") + "?status=held").status_code == 200
    assert client.get(reverse("moderation_admin:block_author", args=[held.pk])).status_code == 200
    assert client.get(reverse("moderation_admin:protect", args=[definition.pk])).status_code == 200
    # The admin menu has the Patrol item.
    assert "Edits to patrol" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_recent_changes_offer_moderators_a_mark_patrolled_button(client, definition, moderator, editor):
    meta = edit(definition, "A better definition.", display_name="Ada")
    button = reverse("moderation_admin:mark_patrolled", args=[meta.pk])
    assert button not in client.get("/en/recent-changes/").content.decode()
    client.force_login(editor)
    assert button not in client.get("/en/recent-changes/").content.decode()
    client.force_login(moderator)
    html = client.get("/en/recent-changes/").content.decode()
    assert button in html and "Mark patrolled" in html
    response = client.post(button, {"next": "/en/recent-changes/"})
    assert response.status_code == 302 and response["Location"] == "/en/recent-changes/"
    meta.refresh_from_db()
    assert meta.patrolled
    assert button not in client.get("/en/recent-changes/").content.decode()
