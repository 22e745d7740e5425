import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.content import load_some_content
from wiki.models import CaseStudyPage, DefinitionPage
from wiki.permissions import EDITORS_GROUP, MODERATORS_GROUP

SMALL_WIKI = [
    "definitions/micro-business.toml", "definitions/konkollega.toml",
    "case-studies/piccalilly.toml", "market-guides/south-america.toml",
]


@pytest.fixture
def small_wiki(db, tmp_path):
    """Both language trees with a few pages of the starter content."""
    load_some_content(tmp_path, SMALL_WIKI)


@pytest.fixture
def definition(small_wiki):
    return DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")


@pytest.fixture
def case_study(small_wiki):
    return CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")


@pytest.fixture
def editor(db):
    user = User.objects.create_user("eddie", "eddie@example.com", "pw-for-tests-123")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP), Group.objects.get(name=MODERATORS_GROUP))
    return user


def queries_of(fn) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return [q["sql"] for q in captured.captured_queries]
