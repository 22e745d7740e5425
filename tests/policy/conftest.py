import pytest

from tests.moderation.conftest import contributor, definition, editor, make_user, moderator, small_wiki  # noqa: F401
from wiki.models import MarketGuidePage
from wiki.permissions import EDITORS_GROUP, MODERATORS_GROUP


@pytest.fixture
def guide(small_wiki):  # noqa: F811
    return MarketGuidePage.objects.get(slug="south-america", locale__language_code="en")


@pytest.fixture
def blocked_editor(db):
    return make_user("blocked-eddie", EDITORS_GROUP, blocked=True)


@pytest.fixture
def blocked_moderator(db):
    return make_user("blocked-mona", MODERATORS_GROUP, blocked=True)
