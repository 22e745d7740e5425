"""Role x action x page type on the site's write paths (issue 18): the answer and the database afterwards.

Outcomes: ``live`` (published), ``draft`` (a draft revision submitted to the page's workflow, nothing
published), ``refused`` (403, nothing saved).
"""

import pytest
from django.contrib.auth.models import User

from talk.models import Post
from tests.moderation.helpers import visitor_request
from wiki.models import DefinitionPage, EditStatus
from wiki.revisions import save_wiki_revision

from .helpers import fresh, revisions, site_create, site_edit, site_restore, site_rollback, talk_post

# Their fixtures come through request.getfixturevalue: the mark tells pytest-django they use the database,
# so they run before the tests that flush it (transactional_db).
pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "account", "editor", "moderator", "blocked"]
FIXTURE = {"account": "contributor", "editor": "editor", "moderator": "moderator", "blocked": "blocked_editor"}

CHANGE = {  # (path, page type) -> outcome per role, in ROLES order
    ("edit", "definition"): ["live", "live", "live", "live", "refused"],
    ("edit", "guide"): ["refused", "refused", "draft", "live", "refused"],
    ("restore", "definition"): ["live", "live", "live", "live", "refused"],
    ("restore", "guide"): ["refused", "refused", "draft", "live", "refused"],
    ("rollback", "definition"): ["refused", "refused", "live", "live", "refused"],
    ("rollback", "guide"): ["refused", "refused", "draft", "live", "refused"],
}
CASES = [(path, kind, role, outcomes[i]) for (path, kind), outcomes in CHANGE.items() for i, role in enumerate(ROLES)]


def login(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(FIXTURE[role]))


def with_history(page):
    """Good text by an account, then a vandal's text (an anonymous visitor): both live."""
    author = User.objects.create_user("sam-author")
    page = fresh(page)
    page.body = "Good text by Sam.\n" * 3
    good = save_wiki_revision(page, user=author, summary="good")
    page = fresh(page)
    page.body = "Vandal text.\n" * 3
    save_wiki_revision(page, request=visitor_request(), summary="vandal")
    return fresh(page), good


@pytest.mark.parametrize(("path", "kind", "role", "outcome"), CASES)
def test_change_paths(client, request, path, kind, role, outcome):
    page = request.getfixturevalue("definition" if kind == "definition" else "guide")
    page, good = with_history(page)
    before_live, before_count = page.body, revisions(page).count()
    login(client, request, role)
    if path == "edit":
        wanted = "Rewritten from the site form."
        response = site_edit(client, page, wanted)
    elif path == "restore":
        wanted = good.as_object().body
        response = site_restore(client, page, good)
    else:
        wanted = good.as_object().body
        response = site_rollback(client, page)

    after = fresh(page)
    if outcome == "refused":
        assert response.status_code == 403
        assert after.body == before_live and revisions(page).count() == before_count
        assert not after.workflow_in_progress
        if path == "edit":  # the visitor's text stays on the form
            assert "Rewritten from the site form." in response.content.decode()
        return
    assert response.status_code in (302, 303), response.status_code
    latest = after.get_latest_revision()
    assert revisions(page).count() == before_count + 1
    if outcome == "live":
        assert after.body == wanted and after.live_revision_id == latest.pk
    else:  # a draft in the workflow, not live, and the person is told so
        assert after.body == before_live and latest.as_object().body == wanted
        assert latest.wiki_meta.status == EditStatus.HELD
        assert after.workflow_in_progress
        shown = client.get(response["Location"]).content.decode()
        assert "approval" in shown


CREATE = dict(zip(ROLES, ["created", "created", "created", "created", "refused"], strict=True))


@pytest.mark.parametrize("role", ROLES)
def test_create_path(client, request, definition, role):
    login(client, request, role)
    count = DefinitionPage.objects.count()
    response = site_create(client, "Brand new idea", "A definition nobody wrote yet.")
    if CREATE[role] == "refused":
        assert response.status_code == 403
        assert DefinitionPage.objects.count() == count
        assert "A definition nobody wrote yet." in response.content.decode()  # the text stays on the form
    else:
        assert response.status_code == 302
        assert DefinitionPage.objects.filter(title="Brand new idea", live=True).exists()


TALK = {
    "definition": ["posted", "posted", "posted", "posted", "refused"],
    "guide": ["refused", "refused", "posted", "posted", "refused"],
}


@pytest.mark.parametrize(("kind", "role", "outcome"),
                         [(kind, role, outcomes[i]) for kind, outcomes in TALK.items() for i, role in enumerate(ROLES)])
def test_talk_path(client, request, kind, role, outcome):
    page = request.getfixturevalue("definition" if kind == "definition" else "guide")
    login(client, request, role)
    response = talk_post(client, page, "A question about the sources.")
    if outcome == "refused":
        assert response.status_code == 403 and not Post.objects.exists()
    else:
        assert response.status_code == 302 and Post.objects.get().body == "A question about the sources."
