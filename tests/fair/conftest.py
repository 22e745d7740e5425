import pytest
from django.core.cache import cache

from tests.content import load_some_content
from tests.editing.conftest import form_from_html
from tests.moderation.conftest import contributor, editor, moderator  # noqa: F401

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


def filled_form(client, url, **values) -> dict:
    """GET the form at url, solve its proof of work, fill in ``values``."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_from_html(response.content.decode(), **values)
