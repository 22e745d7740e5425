"""history/compare/: line diff with word marks, and facts field by field."""

import pytest

from .conftest import anonymous_request, edit


def compare_url(page, a, b):
    return page.url + f"history/compare/?from={a.pk}&to={b.pk}"


def test_changed_words_are_marked_inside_changed_lines(client, definition):
    a = edit(definition, request=anonymous_request(), body="First line stays.\nThe quick brown fox jumps.\nLast line.")
    b = edit(definition, request=anonymous_request(), body="First line stays.\nThe quick red fox jumps.\nLast line.\nAdded.")
    response = client.get(compare_url(definition, a, b))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The quick <del>brown</del> fox jumps." in html
    assert "The quick <ins>red</ins> fox jumps." in html
    assert "<ins>Added.</ins>" in html
    assert 'class="diff-change"' in html and 'class="diff-insert"' in html
    # Unchanged lines are shown as context, unmarked.
    assert "First line stays." in html and "<del>First" not in html


def test_long_unchanged_stretches_are_cut_to_context(client, definition):
    lines = [f"Line {n}." for n in range(40)]
    a = edit(definition, request=anonymous_request(), body="\n".join(lines))
    lines[20] = "Line twenty, changed."
    b = edit(definition, request=anonymous_request(), body="\n".join(lines))
    html = client.get(compare_url(definition, a, b)).content.decode()
    assert "unchanged lines" in html
    assert "Line 2." not in html and "Line 19." in html and "Line 21." in html


def test_the_layout_is_inline_on_a_phone_and_side_by_side_on_a_desktop(client, definition):
    from django.contrib.staticfiles import finders

    css = open(finders.find("history/history.css")).read()
    assert "@media (max-width: 47.99rem)" in css and ".line-diff .diff-equal .diff-old { display: none; }" in css
    assert "@media (min-width: 48rem)" in css
    a = edit(definition, request=anonymous_request(), body="one")
    b = edit(definition, request=anonymous_request(), body="two")
    html = client.get(compare_url(definition, a, b)).content.decode()
    assert "history/history.css" in html
    assert '<td class="diff-old">' in html and '<td class="diff-new">' in html


def test_case_study_facts_are_compared_field_by_field(client, case_study):
    a = edit(case_study, request=anonymous_request(), staff_count=4, town_region="Settle", sector="")
    b = edit(case_study, request=anonymous_request(), staff_count=6, town_region="Settle, North Yorkshire")
    html = client.get(compare_url(case_study, a, b)).content.decode()
    assert '<div class="field-change" data-field="staff_count">' in html
    assert "<del>4</del>" in html and "<ins>6</ins>" in html
    assert "Settle<ins>, North Yorkshire</ins>" in html
    # Only the fields that changed are listed.
    assert 'data-field="export_share_percent"' not in html
    assert 'data-field="title"' not in html


def test_definition_fields_are_compared(client, definition):
    a = edit(definition, request=anonymous_request(), short_definition="A very small business.")
    b = edit(definition, request=anonymous_request(), short_definition="A very small enterprise.")
    html = client.get(compare_url(definition, a, b)).content.decode()
    assert '<div class="field-change" data-field="short_definition">' in html
    assert "A very small <del>business</del>." in html


def test_same_revision_twice_says_so(client, definition):
    a = edit(definition, request=anonymous_request(), body="same")
    html = client.get(compare_url(definition, a, a)).content.decode()
    assert "The two revisions are the same." in html


@pytest.mark.parametrize("query", ["", "?from=1", "?to=1", "?from=x&to=1", "?from=1&to=", "?from=-1&to=2",
                                   "?from=99999&to=99998"])
def test_bad_or_missing_parameters_are_400_with_a_message(client, definition, query):
    response = client.get(definition.url + "history/compare/" + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose two revisions" in html or "has no revision number" in html


def test_a_revision_of_another_page_cannot_be_compared(client, definition, case_study):
    a = edit(definition, request=anonymous_request(), body="x")
    other = edit(case_study, request=anonymous_request(), body="y")
    assert client.get(compare_url(definition, a, other)).status_code == 400
