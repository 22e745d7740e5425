"""Backups on every state the site reaches (issue 18, findings 13 and 14)."""

import pytest
from django.core.files.storage import FileSystemStorage
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import PageLogEntry

from talk.models import Post
from tests.prod.test_backup import fresh_content_type_cache, media, wiki_with_history, wipe_media  # noqa: F401
from wiki.backup import (
    SERIALIZATION_FORMAT,
    backed_up_models,
    create_backup,
    flush_database,
    register_format,
    restore_backup,
)
from wiki.models import DefinitionPage


def everything() -> dict:
    """Every backed-up row as the backup writes it (log entries of deleted pages included)."""
    from django.core import serializers

    register_format()
    return {
        model._meta.label: serializers.serialize(SERIALIZATION_FORMAT, model._base_manager.order_by("pk"),
                                                 use_natural_foreign_keys=True)
        for model in backed_up_models()
    }


@pytest.mark.django_db
def test_a_fresh_install_backs_up_before_any_upload(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "var" / "media")  # no upload has made the folder yet
    report = create_backup(tmp_path / "out.zip", storage=storage)
    assert report.path.exists() and report.media_files == 0 and report.rows > 0


@pytest.mark.django_db
def test_a_backup_after_page_deletions_round_trips(wiki_with_history, tmp_path):  # noqa: F811
    from django.contrib.auth.models import User

    editor = User.objects.get(username="editor")
    Post.objects.create(page_id=wiki_with_history.pk, user=editor, body="Which sources count?")
    doomed = wiki_with_history.get_parent().add_child(instance=DefinitionPage(title="Doomed", slug="doomed"))
    doomed.save_revision(user=editor, log_action=True).publish()
    DeletePageAction(doomed, user=editor).execute()
    orphans = PageLogEntry.objects.filter(page_id=doomed.pk)
    assert orphans.exists()  # Wagtail keeps the log of a deleted page on purpose

    before, files_before = everything(), media()
    create_backup(tmp_path / "after-delete.zip")
    flush_database()
    wipe_media()
    restore_backup(tmp_path / "after-delete.zip")

    after = everything()
    for label in ("wagtailcore.Page", "wagtailcore.Revision", "wiki.EditMeta", "auth.User", "taggit.Tag",
                  "wiki.WikiTag", "talk.Post", "wagtailcore.PageLogEntry"):
        if label in before:
            assert after[label] == before[label], f"{label} differs after the restore"
    assert after == before and media() == files_before
    assert PageLogEntry.objects.filter(page_id=doomed.pk).count() == orphans.count()
    assert Post.objects.get().body == "Which sources count?"
