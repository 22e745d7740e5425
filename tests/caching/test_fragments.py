"""{% memo_fragment %}: the parts of a page every visitor sees alike, rendered once per process and content."""

import itertools

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.utils import translation

from caching import generation
from wiki.models import DefinitionIndexPage, DefinitionPage

pytestmark = pytest.mark.django_db

FRAGMENT = Template('{% load site_tags %}{% memo_fragment "test-fragment" value %}{{ counter }}{% endmemo_fragment %}')


class Counter:
    def __init__(self):
        self.numbers = itertools.count(1)

    def __str__(self):
        return str(next(self.numbers))


def test_a_fragment_is_rendered_once_per_language_value_and_content_generation(page_cache, settings):
    settings.CONTENT_MEMO = True
    counter = Counter()

    def render(value):
        return FRAGMENT.render(Context({"counter": counter, "value": value}))

    assert [render("a"), render("a"), render("b"), render("a")] == ["1", "1", "2", "1"]
    with translation.override("da"):
        assert render("a") == "3"
    generation.bump()  # a publish anywhere
    assert render("a") == "4"
    settings.CONTENT_MEMO = False  # the rest of the test suite: rendered every time
    assert [render("a"), render("a")] == ["5", "6"]


def test_a_fragment_needs_a_quoted_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load site_tags %}{% memo_fragment name %}x{% endmemo_fragment %}")


def test_the_navigation_of_a_page_view_follows_a_renamed_section(page_cache, starter_content, settings):
    settings.CONTENT_MEMO = True
    settings.PAGE_CACHE_SECONDS = 0  # rendered every time: the memoised fragment is what is under test
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
