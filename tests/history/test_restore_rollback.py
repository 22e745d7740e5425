"""Restore (anyone who may edit) and rollback (editors): old text back as a new revision."""

from wagtail.models import PageLogEntry, Revision

from history.timeline import page_revisions
from wiki.models import CaseStudyPage, EditMeta, MarketGuidePage, PageProtection

from .conftest import anonymous_request, edit, fresh, new_session_key


def restore(client, page, revision_id):
    """POST a restore as the old revision's page does: with the proof of work solved (editing/pow.py)."""
    from editing import pow

    challenge = pow.issue(page.pk)
    return client.post(page.url + f"history/{revision_id}/restore/",
                       {"challenge": challenge, "nonce": pow.solve(challenge)})


FACTS = ("title", "body", "sources", "sells", "sector", "town_region", "home_country", "staff_count",
         "year_founded", "years_trading", "export_markets", "export_market_count", "export_share_percent",
         "sales_channels", "website", "facts_as_of")


def test_restore_brings_back_the_old_text_and_facts_exactly(client, case_study):
    tricky = "Line one  with two spaces\r\nÆble, ø & å — “quotes” <b>\n\n\ttab\n  trailing  \n"
    old = edit(case_study, request=anonymous_request(), body=tricky, staff_count=4, export_share_percent=60,
               town_region="Settle", sources="* a source", summary="good version")
    edit(case_study, request=anonymous_request(), body="vandalised", staff_count=None, export_share_percent=None,
         town_region="", sources="", summary="bad")
    count = Revision.page_revisions.filter(object_id=str(case_study.pk)).count()
    response = restore(client, case_study, old.pk)
    assert response.status_code == 303
    assert Revision.page_revisions.filter(object_id=str(case_study.pk)).count() == count + 1
    live = CaseStudyPage.objects.get(pk=case_study.pk)
    for name in FACTS:
        assert getattr(live, name) == getattr(old.as_object(), name), name
    assert live.body.encode() == tricky.encode()
    newest = page_revisions(case_study).first()
    assert newest.content["body"] == old.content["body"]
    meta = EditMeta.objects.get(revision=newest)
    assert meta.restored_from_id == old.pk
    assert meta.summary.startswith("Restored revision of ") and meta.summary.endswith("by anonymous visitor")
    # The restored text is live: the page shows it.
    assert "Æble, ø &amp; å" in client.get(case_study.url).content.decode()


def test_restore_summary_is_in_the_pages_language(client, starter_content):
    en = CaseStudyPage.objects.get(slug="piccalilly", locale__language_code="en")
    da = en.get_translation(en.get_translations().first().locale)
    old = edit(da, request=anonymous_request(), display_name="Mette", body="gammel")
    edit(da, request=anonymous_request(), body="ny")
    restore(client, da, old.pk)
    assert EditMeta.objects.filter(page_id=da.pk).first().summary.startswith("Gendannede version fra ")
    assert EditMeta.objects.filter(page_id=da.pk).first().summary.endswith("af Mette")


def test_restore_needs_post_and_an_existing_revision_of_this_page(client, definition, case_study):
    old = edit(definition, request=anonymous_request(), body="old")
    assert client.get(definition.url + f"history/{old.pk}/restore/").status_code == 405
    other = edit(case_study, request=anonymous_request(), body="x")
    assert restore(client, definition, other.pk).status_code == 404


def test_restore_is_refused_where_editing_is_refused(client, definition):
    old = edit(definition, request=anonymous_request(), body="old text")
    edit(definition, request=anonymous_request(), body="new text")
    PageProtection.objects.create(page=definition)
    count = Revision.objects.count()
    response = restore(client, definition, old.pk)
    assert response.status_code == 403
    assert "protected" in response.content.decode()
    assert Revision.objects.count() == count
    assert fresh(definition).body == "new text"


def test_restore_of_a_market_guide_needs_an_editor(client, starter_content, editor):
    guide = MarketGuidePage.objects.filter(locale__language_code="en").first()
    old = edit(guide, user=editor, body="old guide")
    edit(guide, user=editor, body="new guide")
    assert restore(client, guide, old.pk).status_code == 403
    assert fresh(guide).body == "new guide"
    client.force_login(editor)
    assert restore(client, guide, old.pk).status_code == 303
    # A market guide is moderated: the editor's restore is a draft submitted to the workflow (issue 18).
    assert fresh(guide).body == "new guide"
    assert fresh(guide).get_latest_revision().as_object().body == "old guide"
    assert fresh(guide).workflow_in_progress


def test_held_edits_can_only_be_restored_by_moderators(client, definition, editor, moderator):
    held = edit(definition, request=anonymous_request(), body="spam", status="held")
    # Someone else's held revision is a 404 to a visitor (issue 18); their own would be a 403.
    assert restore(client, definition, held.pk).status_code == 404
    assert fresh(definition).body != "spam"
    client.force_login(editor)  # bringing a held edit back approves it: a moderator's call (issue 18)
    assert restore(client, definition, held.pk).status_code == 404
    assert fresh(definition).body != "spam"
    client.force_login(moderator)
    assert restore(client, definition, held.pk).status_code == 303
    assert fresh(definition).body == "spam"


def test_rollback_reverts_all_consecutive_edits_by_the_last_author(client, definition, editor, someone):
    good = edit(definition, user=someone, body="Good text by Sam.", summary="good")
    vandal = new_session_key()
    for n in range(3):
        edit(definition, request=anonymous_request(vandal), body=f"vandalism {n}")
    assert fresh(definition).body == "vandalism 2"
    client.force_login(editor)
    html = client.get(definition.url + "history/").content.decode()
    assert "Roll back 3 edits by anonymous visitor" in html
    response = client.post(definition.url + "history/rollback/")
    assert response.status_code == 303
    assert fresh(definition).body == "Good text by Sam."
    newest = page_revisions(definition).first()
    meta = EditMeta.objects.get(revision=newest)
    assert meta.restored_from_id == good.pk and meta.user == editor
    assert meta.summary.startswith("Reverted 3 edit(s) by anonymous visitor to the revision of ")
    entry = PageLogEntry.objects.get(page_id=definition.pk, action="wiki.rollback")
    assert entry.user == editor and len(entry.data["reverted_revisions"]) == 3
    assert entry.data["restored_revision"] == good.pk


def test_rollback_stops_at_another_anonymous_session(client, definition, editor):
    edit(definition, request=anonymous_request(new_session_key()), body="by visitor one")
    second = new_session_key()
    edit(definition, request=anonymous_request(second), body="by visitor two, a")
    edit(definition, request=anonymous_request(second), body="by visitor two, b")
    client.force_login(editor)
    client.post(definition.url + "history/rollback/")
    assert fresh(definition).body == "by visitor one"


def test_rollback_is_refused_for_non_editors_and_nothing_changes(client, definition, someone):
    edit(definition, request=anonymous_request(), body="before")
    edit(definition, request=anonymous_request(), body="vandal")
    count = Revision.objects.count()
    assert client.post(definition.url + "history/rollback/").status_code == 403
    client.force_login(someone)
    assert client.post(definition.url + "history/rollback/").status_code == 403
    assert "Roll back" not in client.get(definition.url + "history/").content.decode()
    assert Revision.objects.count() == count
    assert fresh(definition).body == "vandal"
    assert not PageLogEntry.objects.filter(action="wiki.rollback").exists()


def test_rollback_refuses_a_stale_view_and_a_page_with_a_single_author(client, definition, editor):
    edit(definition, request=anonymous_request(), body="a")
    latest = edit(definition, request=anonymous_request(), body="b")
    edit(definition, request=anonymous_request(), body="c")
    client.force_login(editor)
    assert client.post(definition.url + "history/rollback/", {"latest": latest.pk}).status_code == 409
    assert fresh(definition).body == "c"
    assert client.get(definition.url + "history/rollback/").status_code == 405


def test_rollback_action_is_registered():
    from wagtail.log_actions import registry

    assert registry.action_exists("wiki.rollback")
