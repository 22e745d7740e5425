import pytest
from django.contrib.auth.models import Group, User

from moderation.blocks import block_contributor
from tests.moderation.conftest import contributor, definition, editor, moderator, small_wiki  # noqa: F401
from wiki.models import MarketGuidePage
from wiki.permissions import EDITORS_GROUP, MODERATORS_GROUP


@pytest.fixture
def guide(small_wiki):  # noqa: F811
    return MarketGuidePage.objects.get(slug="south-america", locale__language_code="en")


def blocked(username, group):
    user = User.objects.create_user(username, f"{username}@example.com", "pw-for-tests-123")
    user.groups.add(Group.objects.get(name=group))
    judge = User.objects.create_user(f"judge-{username}", "j@example.com", "pw-for-tests-123")
    block_contributor(by=judge, reason="Vandalism", user=user)
    return user


@pytest.fixture
def blocked_editor(db):
    return blocked("blocked-eddie", EDITORS_GROUP)


@pytest.fixture
def blocked_moderator(db):
    return blocked("blocked-mona", MODERATORS_GROUP)
