"""is_editor / is_moderator look the user's groups up once per user object (i.e. per request)."""

from django.contrib.auth.models import AnonymousUser, Group

from tests.pageperf.conftest import queries_of
from wiki.permissions import EDITORS_GROUP, MODERATORS_GROUP, is_editor, is_moderator


def _group_queries(sqls):
    return [sql for sql in sqls if "auth_group" in sql]


def test_group_names_are_fetched_once_per_user_object(editor, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert is_editor(editor) and is_moderator(editor)
        assert is_editor(editor) and is_moderator(editor)


def test_changing_groups_through_the_user_is_seen_at_once(editor):
    assert is_moderator(editor)
    editor.groups.remove(Group.objects.get(name=MODERATORS_GROUP))
    assert not is_moderator(editor) and is_editor(editor)
    editor.groups.clear()
    assert not is_editor(editor)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    assert is_editor(editor) and not is_moderator(editor)


def test_anonymous_and_none_are_neither_and_cost_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert not is_editor(AnonymousUser()) and not is_moderator(AnonymousUser())
        assert not is_editor(None) and not is_moderator(None)


def test_an_editors_page_view_reads_their_groups_once(client, editor, definition):
    client.force_login(editor)
    client.get(definition.url)  # warm-up: sessions, content types
    sqls = queries_of(lambda: client.get(definition.url))
    assert len(_group_queries(sqls)) == 1, _group_queries(sqls)
    html = client.get(definition.url).content.decode()
    assert "protect/" in html  # the moderator's page tools are still there
