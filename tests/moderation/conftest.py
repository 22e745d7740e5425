import pytest
from django.contrib.auth.models import Group, User

from moderation.blocks import block_contributor
from tests.content import load_some_content
from wiki.models import DefinitionPage
from wiki.permissions import EDITORS_GROUP, MODERATORS_GROUP

SMALL_WIKI = ["definitions/micro-business.toml", "definitions/konkollega.toml", "market-guides/south-america.toml"]


def make_user(username, group=None, blocked=False):
    user = User.objects.create_user(username, f"{username}@example.com", "pw-for-tests-123")
    if group:
        user.groups.add(Group.objects.get(name=group))
    if blocked:
        judge = User.objects.create_user(f"judge-{username}", "j@example.com", "pw-for-tests-123")
        block_contributor(by=judge, reason="Vandalism", user=user)
    return user


@pytest.fixture
def small_wiki(db, tmp_path):
    """Both language trees with a few pages of the starter content (quicker than all of it)."""
    load_some_content(tmp_path, SMALL_WIKI)


@pytest.fixture
def moderator(db):
    return make_user("mona", MODERATORS_GROUP)


@pytest.fixture
def editor(db):
    return make_user("eddie", EDITORS_GROUP)


@pytest.fixture
def contributor(db):
    return make_user("carl")


@pytest.fixture
def definition(small_wiki):
    return DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")
