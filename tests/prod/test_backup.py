"""Backup and restore: a round trip gives back every row and every media file."""

import json
import zipfile

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from wiki.backup import BackupError, backed_up_models, create_backup, flush_database, restore_backup
from wiki.models import DefinitionIndexPage, DefinitionPage, EditMeta, PageProtection, WikiTag


@pytest.fixture
def fresh_content_type_cache():
    """flush gives content types new ids; the test's rollback brings the old ones back."""
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def wiki_with_history(starter_content, fresh_content_type_cache):
    """Starter content plus what a season of editing leaves behind."""
    editor = User.objects.create_user("editor", "editor@example.com", "a-long-password-1", first_name="Eda")
    editor.groups.add(Group.objects.get(name="Editors"))
    User.objects.create_superuser("admin", "admin@example.com", "another-password-2")
    index_page = DefinitionIndexPage.objects.get(locale__language_code="en")
    page = index_page.add_child(
        instance=DefinitionPage(title="Micro-business", short_definition="A very small business.", body="Fewer than 10 staff.")
    )
    page.save_revision(user=None, log_action=True).publish()
    for number in range(3):
        page.body += f"\n\nAddition {number}: exporting is easier with a *konkollega*."
        revision = page.save_revision(user=editor if number % 2 else None, log_action=True)
        revision.publish()
        page.refresh_from_db()
        EditMeta.objects.create(
            revision=revision, page=page, language="en", page_type="wiki.DefinitionPage",
            summary=f"edit {number}", user=editor if number % 2 else None, display_name="" if number % 2 else "Visitor",
            size=len(page.body), session_hash="s" * 64, ip_hash="i" * 64,
        )
    page.tags.add("backup-test", "eksport")
    page.save_revision().publish()
    draft = page.specific
    draft.body += "\n\nAn unpublished draft."
    draft.save_revision(user=editor)
    PageProtection.objects.create(page=page, reason="vandalism", protected_by=editor)
    default_storage.save("documents/price-list.txt", ContentFile(b"kr. 100\n"))
    default_storage.save("images/logo.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
    return page


def everything() -> dict:
    """Every backed-up row (times to the microsecond), with content types and permissions by name, not by id."""
    return {
        model._meta.label: serializers.serialize("python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True)
        for model in backed_up_models()
    }


def media() -> dict:
    from wiki.backup import iter_media

    return {name: default_storage.open(name).read() for name in iter_media(default_storage)}


def wipe_media():
    from wiki.backup import iter_media

    for name in list(iter_media(default_storage)):
        default_storage.delete(name)


@pytest.mark.django_db
def test_round_trip_restores_everything(wiki_with_history, tmp_path):
    before, files_before = everything(), media()
    page_id = wiki_with_history.pk
    assert before["wagtailcore.Revision"] and before["wiki.EditMeta"] and before["wiki.WikiTag"]

    report = create_backup(tmp_path / "wiki.zip")
    assert report.media_files == len(files_before) >= 2 and report.rows == sum(len(rows) for rows in before.values())

    flush_database()
    wipe_media()
    assert not Page.objects.exists() and not User.objects.exists() and not media()

    restore_backup(tmp_path / "wiki.zip")

    after = everything()
    assert after.keys() == before.keys()
    for label, rows in before.items():
        assert after[label] == rows, f"{label} differs after the restore"
    assert media() == files_before

    # The page tree, the revisions and the accounts work, not just match.
    page = DefinitionPage.objects.get(pk=page_id)
    assert page.get_parent().specific_class.__name__ == "DefinitionIndexPage"
    assert sorted(page.tags.names()) == ["backup-test", "eksport"]
    assert "An unpublished draft." in page.get_latest_revision_as_object().body
    assert "An unpublished draft." not in page.body
    assert Revision.objects.filter(object_id=str(page_id)).count() == 6
    assert User.objects.get(username="editor").check_password("a-long-password-1")
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert WikiTag.objects.filter(name="eksport").exists()
    assert page.wiki_protection.reason == "vandalism"


@pytest.mark.django_db
def test_commands_round_trip_and_the_restored_pages_are_searchable_and_served(wiki_with_history, tmp_path, client):
    call_command("backup", str(tmp_path), verbosity=0)
    (backup_file,) = tmp_path.glob("wiki-backup-*.zip")
    pages = Page.objects.count()
    flush_database()
    call_command("restore", str(backup_file), interactive=False, verbosity=0)

    assert Page.objects.count() == pages
    page = DefinitionPage.objects.get(pk=wiki_with_history.pk)
    assert page in DefinitionPage.objects.live().search("konkollega")
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_newer_code_and_changes_nothing(wiki_with_history, tmp_path):
    path = tmp_path / "wiki.zip"
    create_backup(path)
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(newer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append(["wiki", "9999_from_the_future"])
                data = json.dumps(manifest)
            target.writestr(item, data)
    pages = Page.objects.count()
    with pytest.raises(BackupError, match="wiki.9999_from_the_future"):
        restore_backup(newer)
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_restore_of_a_file_that_is_not_a_backup_is_a_clear_error(tmp_path):
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("hello")
    with pytest.raises(CommandError):
        call_command("restore", str(not_zip), interactive=False)
    no_manifest = tmp_path / "other.zip"
    with zipfile.ZipFile(no_manifest, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(CommandError, match="Not a wiki backup"):
        call_command("restore", str(no_manifest), interactive=False)


@pytest.mark.django_db
def test_restore_refuses_media_names_outside_the_media_folder(wiki_with_history, tmp_path):
    path = tmp_path / "wiki.zip"
    create_backup(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("media/../../etc/evil", "x")
    with pytest.raises(BackupError, match="Unsafe file name"):
        restore_backup(path)
