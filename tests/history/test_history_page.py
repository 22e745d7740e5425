"""<page url>history/: the revision list, and each old revision as it was rendered."""

import re

from wiki.models.editing import EditStatus

from .conftest import anonymous_request, edit, fresh


def test_history_lists_revisions_newest_first_with_labels_summaries_and_sizes(client, definition, someone):
    edit(definition, request=anonymous_request(), display_name="Fair visitor Lone", summary="Added an example",
         body=definition.body + "\n\nAn example: a bakery with three staff.")
    edit(definition, user=someone, summary="Shortened", body="Short.")
    html = client.get(definition.url + "history/").content.decode()
    assert html.index("Shortened") < html.index("Added an example")
    assert "Fair visitor Lone" in html and "sam" in html
    assert '<span class="size-change size-up" title="characters added">+40</span>' in html
    assert "size-down" in html
    assert 'name="from"' in html and 'name="to"' in html
    assert 'rel="nofollow">view</a>' in html


def test_held_and_rejected_edits_are_marked(client, definition):
    edit(definition, request=anonymous_request(), summary="Spammy", status=EditStatus.HELD, body="Buy pills")
    edit(definition, request=anonymous_request(), summary="Worse", status=EditStatus.REJECTED, body="Buy more")
    html = client.get(definition.url + "history/").content.decode()
    assert '<span class="badge badge-held">held for review</span>' in html
    assert '<span class="badge badge-rejected">rejected</span>' in html


def test_admin_revisions_without_wiki_record_show_the_admin_users_name(client, definition, django_user_model):
    admin = django_user_model.objects.create_superuser("ada-admin", password="pw-ada-123")
    page = fresh(definition)
    page.body = "Edited in the admin."
    page.save_revision(user=admin).publish(user=admin)
    html = client.get(definition.url + "history/").content.decode()
    assert '<td class="author">ada-admin</td>' in html


def test_history_is_paginated(client, definition, monkeypatch):
    monkeypatch.setattr("history.views.HISTORY_PER_PAGE", 5)
    for n in range(7):
        edit(definition, request=anonymous_request(), summary=f"edit number {n}", body=f"text {n}")
    first = client.get(definition.url + "history/").content.decode()
    assert "edit number 6" in first and "edit number 1<" not in first
    assert 'rel="next"' in first
    second = client.get(definition.url + "history/?page=2").content.decode()
    assert "edit number 1<" in second
    assert client.get(definition.url + "history/?page=zzz").status_code == 200


def test_history_in_danish(client, starter_content):
    from wiki.models import DefinitionPage

    page = DefinitionPage.objects.get(slug="micro-business", locale__language_code="en")
    da = page.get_translation(page.get_translations().first().locale)
    edit(da, request=anonymous_request(), summary="rettet")
    html = client.get(da.url + "history/").content.decode()
    assert "Historik" in html and "Sammenlign" in html
    assert "anonym" in html


def test_old_revision_is_shown_as_it_was_with_a_banner_and_noindex(client, definition):
    old = edit(definition, request=anonymous_request(), summary="v1", body="The **old** wording.")
    edit(definition, request=anonymous_request(), summary="v2", body="The new wording.")
    response = client.get(definition.url + f"history/{old.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The <strong>old</strong> wording." in html
    assert "The new wording" not in html
    assert "You are viewing an old revision of Micro-business" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert f'history/{old.pk}/restore/' in html  # anyone may restore a definition


def test_old_revision_of_a_case_study_shows_its_old_facts(client, case_study):
    old = edit(case_study, request=anonymous_request(), staff_count=7)
    edit(case_study, request=anonymous_request(), staff_count=9)
    html = client.get(case_study.url + f"history/{old.pk}/").content.decode()
    assert "Staff</dt><dd>7</dd>" in html


def test_unknown_revision_and_revision_of_another_page_are_404_with_a_message(client, definition, case_study):
    other = edit(case_study, request=anonymous_request(), summary="x")
    for url in (definition.url + "history/999999/", definition.url + f"history/{other.pk}/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "has no revision number" in response.content.decode()
    assert client.get(definition.url + "history/abc/").status_code == 404
    assert client.get(definition.url + "history/-3/").status_code == 404
    assert client.get(definition.url + "history/99999999999999999999999/").status_code == 404
    assert client.get(definition.url + "history/compare/?from=99999999999999999999999&to=1").status_code == 400


def test_page_tools_link_to_history_links_here_and_poster(client, definition):
    html = client.get(definition.url).content.decode()
    for tool in ("history/", "links-here/", "poster/"):
        assert re.search(rf'href="{re.escape(definition.url + tool)}"', html), tool
