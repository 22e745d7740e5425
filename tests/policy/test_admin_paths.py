"""Role x action x page type in the Wagtail admin (issue 18): edit, publish, unpublish, delete, move, workflow actions.

Wagtail turns its own refusals into a redirect to the dashboard; the wiki's policy (moderation.admin_policy)
answers 403. Either way the database is checked afterwards: nothing published, nothing deleted, nothing saved.
"""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState

from tests.editing.conftest import form_from_html
from wiki.models import DefinitionIndexPage, EditMeta

from .helpers import fresh, revisions

# Their fixtures come through request.getfixturevalue: the mark tells pytest-django they use the database,
# so they run before the tests that flush it (transactional_db).
pytestmark = pytest.mark.django_db

REFUSED = (302, 403)  # Wagtail's own refusal redirects; the wiki's answers 403


def admin_form(client, page, **changes):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    form = re.search(r'<form[^>]*id="page-edit-form".*?</form>', html, re.S)
    data = form_from_html(form.group(0) if form else html, solve=False)
    data.pop("save", None)
    data.update(changes)
    return data


def admin_post_edit(client, page, *, publish=False, body="Changed in the admin."):
    data = admin_form(client, page, body=body)
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def why_not_published(response, page) -> str:
    """What Wagtail's edit view answered, for a failure's message: its form errors, messages and the page's lock."""
    context = response.context or {}
    form = context.get("form")
    messages = [str(message) for message in context.get("messages", [])]
    errors = form.errors.as_json() if form is not None else None
    return f"status {response.status_code}, form errors {errors}, messages {messages}, lock {page.get_lock()!r}"


ROLES = ["editor", "moderator", "blocked_editor", "blocked_moderator"]


@pytest.mark.parametrize(("kind", "role", "outcome"), [
    ("definition", "editor", "live"), ("definition", "moderator", "live"),
    ("definition", "blocked_editor", "refused"), ("definition", "blocked_moderator", "refused"),
    ("guide", "editor", "not live"), ("guide", "moderator", "live"),
    ("guide", "blocked_editor", "refused"), ("guide", "blocked_moderator", "refused"),
])
def test_admin_edit_and_publish(client, request, kind, role, outcome):
    page = request.getfixturevalue(kind)
    client.force_login(request.getfixturevalue(role))
    before_body, before_count = page.body, revisions(page).count()
    if outcome == "refused":
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert client.get(edit_url).status_code == 403
        assert client.post(edit_url, {"title": "Hacked", "body": "x", "action-publish": "1"}).status_code == 403
        assert revisions(page).count() == before_count and fresh(page).body == before_body
        return
    response = admin_post_edit(client, page, publish=True)
    assert response.status_code in (200, 302)
    after = fresh(page)
    if outcome == "live":
        assert after.body == "Changed in the admin.", why_not_published(response, after)
    else:  # an Editor's publish of a market guide: Wagtail refuses, the live text stays
        assert after.body == before_body


@pytest.mark.parametrize(("role", "kind", "allowed"), [
    ("editor", "definition", False), ("editor", "guide", False),
    ("moderator", "definition", True), ("moderator", "guide", True),
    ("blocked_moderator", "definition", False),
])
def test_admin_unpublish(client, request, role, kind, allowed):
    page = request.getfixturevalue(kind)
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    if allowed:
        assert response.status_code == 302 and not fresh(page).live
    else:
        assert response.status_code in REFUSED and fresh(page).live


@pytest.mark.parametrize(("role", "kind", "allowed"), [
    ("editor", "definition", False), ("editor", "guide", False),
    ("moderator", "definition", True), ("moderator", "guide", True),
    ("blocked_moderator", "definition", False),
])
def test_admin_delete_is_for_moderators_and_recoverable(client, request, role, kind, allowed):
    page = request.getfixturevalue(kind)
    count, edits = revisions(page).count(), EditMeta.objects.filter(page_id=page.pk).count()
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    # Nobody's delete removes the page, its revisions or its edit records.
    assert Page.objects.filter(pk=page.pk).exists()
    assert revisions(page).count() == count and EditMeta.objects.filter(page_id=page.pk).count() == edits
    if not allowed:
        assert response.status_code in REFUSED and fresh(page).live
        return
    assert response.status_code == 302 and not fresh(page).live
    # Brought back, history and all: publish its latest revision again.
    fresh(page).get_latest_revision().publish()
    assert fresh(page).live and revisions(page).count() == count + 0
    assert client.get(fresh(page).url).status_code == 200


@pytest.mark.parametrize(("role", "allowed"), [
    ("editor", False), ("moderator", True), ("blocked_moderator", False),
])
def test_admin_move(client, request, definition, role, allowed):
    from home.models import HomePage

    client.force_login(request.getfixturevalue(role))
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Archive", slug="archive",
                                                                  locale=definition.locale))
    destination = home.add_child(instance=DefinitionIndexPage(title="Old definitions", slug="old"))
    parent = definition.get_parent()
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[definition.pk, destination.pk]))
    moved = fresh(definition).get_parent().pk == destination.pk
    if allowed:
        assert response.status_code == 302 and moved
    else:
        assert response.status_code in REFUSED and not moved and fresh(definition).get_parent().pk == parent.pk


def submitted_guide(guide, editor):
    guide = fresh(guide)
    guide.body = "A draft for review."
    guide.save_revision(user=editor)
    guide.get_workflow().start(guide, editor)
    return fresh(guide)


@pytest.mark.parametrize(("role", "published"), [
    ("moderator", True), ("blocked_moderator", False), ("editor", False),
])
def test_admin_workflow_approve(client, request, guide, editor, role, published):
    guide = submitted_guide(guide, editor)
    task_state = TaskState.objects.get(workflow_state__object_id=str(guide.pk), status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(request.getfixturevalue(role))
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "fine"})
    after = fresh(guide)
    if published:
        assert response.status_code in (200, 302) and after.body == "A draft for review."
    else:
        assert response.status_code in REFUSED and after.body != "A draft for review." and after.workflow_in_progress


@pytest.mark.parametrize(("role", "action"), [
    ("editor", "delete"), ("editor", "unpublish"), ("blocked_moderator", "delete"),
])
def test_admin_bulk_actions_follow_the_policy(client, request, definition, role, action):
    client.force_login(request.getfixturevalue(role))
    count = revisions(definition).count()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action)) + f"?id={definition.pk}"
    response = client.post(url)
    assert response.status_code in REFUSED
    assert Page.objects.filter(pk=definition.pk, live=True).exists() and revisions(definition).count() == count


def test_a_moderators_bulk_delete_takes_pages_offline_with_their_history(client, moderator, definition):
    client.force_login(moderator)
    count = revisions(definition).count()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete")) + f"?id={definition.pk}"
    assert client.post(url).status_code == 302
    assert Page.objects.filter(pk=definition.pk, live=False).exists() and revisions(definition).count() == count
