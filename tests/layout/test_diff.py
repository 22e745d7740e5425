"""The diff page lists the fields that changed, and only those."""

import pytest

from tests.history.conftest import anonymous_request, edit

pytestmark = pytest.mark.django_db


def compare(client, page, a, b):
    return client.get(page.url + f"history/compare/?from={a.pk}&to={b.pk}").content.decode()


def test_only_changed_fields_are_listed(client, starter_content):
    from wiki.models import CaseStudyPage

    page = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    a = edit(page, request=anonymous_request(), staff_count=4)
    b = edit(page, request=anonymous_request(), staff_count=5)
    html = compare(client, page, a, b)
    assert 'data-field="staff_count"' in html
    for unchanged in ("title", "sector", "export_share_percent", "tags"):
        assert f'data-field="{unchanged}"' not in html
    assert 'class="field-same"' not in html


def test_a_body_only_change_has_no_fields_section(client, starter_content):
    from wiki.models import DefinitionPage

    page = DefinitionPage.objects.get(slug="micro-business")
    a = edit(page, request=anonymous_request(), body="One line.")
    b = edit(page, request=anonymous_request(), body="Another line.")
    html = compare(client, page, a, b)
    assert 'id="fields-heading"' not in html
    assert 'class="line-diff"' in html
