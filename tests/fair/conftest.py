import pytest
from django.core.cache import cache

from tests.content import load_some_content
from tests.editing.conftest import form_from_html
from tests.moderation.conftest import make_user
from wiki.permissions import EDITORS_GROUP, MODERATORS_GROUP

FAIR_CONTENT = [
    "case-studies/happy-little-soles.toml", "case-studies/piccalilly.toml", "blog/looking-for-konkolleger.toml",
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Budgets and spent challenges live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fair_wiki(db, tmp_path):
    """Both language trees with two case studies and a blog post (quicker than all the content)."""
    load_some_content(tmp_path, FAIR_CONTENT)


@pytest.fixture
def moderator(db):
    return make_user("mona", MODERATORS_GROUP)


@pytest.fixture
def editor(db):
    return make_user("eddie", EDITORS_GROUP)


@pytest.fixture
def contributor(db):
    return make_user("carl")


def filled_form(client, url, **values) -> dict:
    """GET the form at url, solve its proof of work, fill in ``values``."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_from_html(response.content.decode(), **values)
