import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from wiki.models import CaseStudyPage, DefinitionPage
from wiki.revisions import save_wiki_revision


def fresh(page):
    return page.specific_class.objects.get(pk=page.pk)


def new_session_key() -> str:
    session = SessionStore()
    session.create()
    return session.session_key


def anonymous_request(session_key=None, ip="198.51.100.23"):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    request.session = SessionStore(session_key=session_key)
    request.user = AnonymousUser()
    return request


def edit(page, *, user=None, request=None, display_name="", summary="", status="live", **fields):
    """Change fields of the latest version of ``page`` and save it as a wiki revision."""
    current = fresh(page)
    latest = current.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(latest, name, value)
    return save_wiki_revision(
        latest, user=user, request=request, display_name=display_name, summary=summary, status=status,
    )


@pytest.fixture
def definition(starter_content):
    return DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")


@pytest.fixture
def case_study(starter_content):
    return CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("eddie", password="pw-eddie-123")
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


@pytest.fixture
def someone(db):
    return get_user_model().objects.create_user("sam", password="pw-sam-123")


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("mona", password="pw-mona-123")
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user
