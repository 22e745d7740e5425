"""{% cache %} fragments every visitor sees alike (header, footer): keyed by language and the content version."""

import itertools

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from caching import generation
from caching.context_processors import fragment_cache
from wiki.models import DefinitionIndexPage, DefinitionPage

pytestmark = pytest.mark.django_db

# As the site's templates key their fragments.
FRAGMENT = Template(
    '{% load cache %}{% cache fragment_cache_seconds "test-fragment" content_version LANGUAGE_CODE value using="pages" %}'
    "{{ counter }}{% endcache %}"
)


class Counter:
    def __init__(self):
        self.numbers = itertools.count(1)

    def __str__(self):
        return str(next(self.numbers))


@pytest.fixture
def fragments(page_cache, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    yield
    settings.FRAGMENT_CACHE_SECONDS = 0


def test_a_fragment_is_rendered_once_per_language_value_and_content_version(fragments, settings, rf):
    counter = Counter()

    def render(value):
        context = {**fragment_cache(rf.get("/")), "counter": counter, "value": value,
                   "LANGUAGE_CODE": translation.get_language()}
        return FRAGMENT.render(Context(context))

    assert [render("a"), render("a"), render("b"), render("a")] == ["1", "1", "2", "1"]
    with translation.override("da"):
        assert render("a") == "3"
    generation.bump()  # a publish anywhere
    assert render("a") == "4"
    settings.FRAGMENT_CACHE_SECONDS = 0  # the rest of the test suite: nothing kept, rendered every time
    assert [render("b"), render("b")] == ["5", "6"]


def test_the_navigation_of_a_page_view_follows_a_renamed_section(fragments, starter_content, settings):
    settings.PAGE_CACHE_SECONDS = 0  # rendered every time: the cached fragment is what is under test
    page = DefinitionPage.objects.get(slug="konkollega", locale__language_code="en")
    client = Client()
    assert 'href="/en/definitions/"' in client.get(page.url).content.decode()
    section = DefinitionIndexPage.objects.get(locale__language_code="en").get_latest_revision_as_object()
    section.slug = "terms"
    section.save_revision().publish()
    html = client.get(DefinitionPage.objects.get(pk=page.pk).url).content.decode()
    assert 'href="/en/terms/"' in html and 'href="/en/definitions/"' not in html
    # A visitor's link to log in carries the page they are on, whatever another page's view kept.
    other = DefinitionPage.objects.filter(locale__language_code="en").exclude(pk=page.pk).first()
    assert "?next=/en/terms/konkollega/" in html
    assert f"?next={other.url}" in client.get(other.url).content.decode()
