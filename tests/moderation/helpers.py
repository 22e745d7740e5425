from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from wagtail.models import ModelLogEntry, PageLogEntry

from wiki.models import EditMeta, EditStatus
from wiki.revisions import save_wiki_revision


def visitor_request(session_key=None, user=None):
    """A site request from a browser with its own session (as the site's views would see it)."""
    request = RequestFactory().post("/")
    request.session = SessionStore(session_key)
    request.user = user or AnonymousUser()
    return request


def edit(page, body, *, request=None, user=None, display_name="", status=EditStatus.LIVE, summary="edit"):
    page = type(page).objects.get(pk=page.pk)
    page.body = body
    revision = save_wiki_revision(page, request=request, user=user, display_name=display_name, status=status,
                                  summary=summary)
    return EditMeta.objects.get(revision=revision)


def live_body(page):
    return type(page).objects.get(pk=page.pk).body


def logged(action, page=None, **filters):
    """Audit-log entries of this action (for this page)."""
    if page is not None:
        return list(PageLogEntry.objects.filter(action=action, page_id=page.pk, **filters))
    return [
        *PageLogEntry.objects.filter(action=action, **filters),
        *ModelLogEntry.objects.filter(action=action, **filters),
    ]
