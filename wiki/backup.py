"""Whole-site backups: one zip file with the database content and the media files.

Layout of a backup file:

- `manifest.json`: format version, when, the applied migrations, row counts per model;
- `data.jsonl`: every row of every model except those derived or transient
  (EXCLUDED_MODELS), one JSON object per line, with foreign keys to content types and
  permissions written as natural keys, so the file does not depend on the ids those
  tables got in a particular database;
- `media/...`: the files in the default storage (uploaded images, documents, renditions).

A restore replaces the database content with the backup's, in one transaction (a
failure leaves the database as it was), writes the media files back, and rebuilds the
derived data: the search index and Wagtail's reference index.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_NAME = "data.jsonl"
MEDIA_PREFIX = "media/"
# dumpdata/loaddata pick the serialisation format from the file's extension.
SERIALIZATION_FORMAT = "wikibackup"


class LosslessJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder cuts times to milliseconds; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(jsonl.Serializer):
    """JSON Lines with full-precision times (this module is registered as the `wikibackup` format).

    A foreign key without its row (Wagtail keeps the log entries of deleted pages on purpose, with
    ``db_constraint=False``) is written as its plain id: it has no natural key to write, and the
    restore gives back the same dangling id.
    """

    def serialize(self, queryset, **options):
        options.setdefault("cls", LosslessJSONEncoder)  # json.dump's encoder, as Django's serializers take it
        return super().serialize(queryset, **options)

    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            # Serializers have no public setter for a field's value: handle_fk_field itself writes _current.
            self._current[field.name] = getattr(obj, field.attname)


Deserializer = jsonl.Deserializer


def register_format() -> None:
    if SERIALIZATION_FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(SERIALIZATION_FORMAT, __name__)

# Recreated by `migrate`/`flush` (content types, permissions), per-login (sessions,
# editing sessions), or rebuilt after a restore (search and reference indexes).
EXCLUDED_MODELS = (
    "contenttypes.ContentType",
    "auth.Permission",
    "sessions.Session",
    "wagtailadmin.EditingSession",
    "wagtailsearch.IndexEntry",
    "wagtailsearch.SQLiteFTSIndexEntry",
    "wagtailcore.ReferenceIndex",
)


class BackupError(Exception):
    """A backup file that cannot be restored here; the message says why."""


@dataclass
class BackupReport:
    path: Path
    rows: int = 0
    media_files: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def backed_up_models() -> list:
    excluded = {label.lower() for label in EXCLUDED_MODELS}
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in excluded and model._meta.managed and not model._meta.proxy
    ]


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connections[using]).applied_migrations())


def iter_media(storage: Storage, folder: str = ""):
    """Every file name in `storage`, walking its folders (none before the first upload made the folder)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from iter_media(storage, f"{folder}/{name}" if folder else name)


@contextmanager
def _snapshot(using: str):
    """A transaction in which every query sees the same state of the database."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        # On SQLite the transaction holds the write lock: writers wait (busy_timeout) for the dump.
        yield


def create_backup(path: Path | str, storage: Storage | None = None, using: str = DEFAULT_DB_ALIAS) -> BackupReport:
    """Write a backup of the database and the media files to `path` (a zip file)."""
    path = Path(path)
    storage = storage or default_storage
    report = BackupReport(path=path)
    models = backed_up_models()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        data_file = Path(work) / f"data.{SERIALIZATION_FORMAT}"
        register_format()
        with _snapshot(using):
            report.counts = {model._meta.label: model._default_manager.using(using).count() for model in models}
            call_command(
                "dumpdata",
                *[model._meta.label for model in models],
                format=SERIALIZATION_FORMAT,
                natural_foreign=True,
                use_base_manager=True,
                database=using,
                output=str(data_file),
                verbosity=0,
            )
            migrations = applied_migrations(using)
        report.rows = sum(report.counts.values())
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "migrations": migrations,
            "counts": report.counts,
        }
        partial = path.with_name(path.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1))
            archive.write(data_file, DATA_NAME)
            for name in iter_media(storage):
                with storage.open(name, "rb") as source, archive.open(MEDIA_PREFIX + name, "w") as target:
                    while chunk := source.read(1 << 20):
                        target.write(chunk)
                report.media_files += 1
        # Only a complete file ever carries the final name.
        os.replace(partial, path)
    return report


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    except KeyError:
        raise BackupError(f"Not a wiki backup: {MANIFEST_NAME} is missing.") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Backup format {manifest.get('format')!r} is not supported (expected {FORMAT_VERSION}).")
    return manifest


def check_migrations(manifest: dict, using: str) -> list[str]:
    """Refuse a backup from newer code; return the migrations this database has that the backup lacks."""
    current = {tuple(m) for m in applied_migrations(using)}
    in_backup = {tuple(m) for m in manifest["migrations"]}
    missing_here = sorted(in_backup - current)
    if missing_here:
        names = ", ".join(f"{app}.{name}" for app, name in missing_here[:5])
        raise BackupError(f"The backup comes from newer code: migrations not applied here: {names}. Update and migrate first.")
    return [f"{app}.{name}" for app, name in sorted(current - in_backup)]


def safe_media_name(name: str) -> str:
    relative = name[len(MEDIA_PREFIX):]
    parts = PurePosixPath(relative).parts
    if not relative or relative.startswith("/") or ".." in parts:
        raise BackupError(f"Unsafe file name in the backup: {name!r}")
    return relative


@dataclass
class RestoreReport:
    rows: int = 0
    media_files: int = 0
    newer_migrations: list[str] = field(default_factory=list)
    created_at: str = ""


def restore_backup(
    path: Path | str, storage: Storage | None = None, using: str = DEFAULT_DB_ALIAS, rebuild_index: bool = True
) -> RestoreReport:
    """Replace the database content and add the media files from the backup at `path`."""
    storage = storage or default_storage
    report = RestoreReport()
    with zipfile.ZipFile(path) as archive:
        manifest = read_manifest(archive)
        report.created_at = manifest["created_at"]
        report.newer_migrations = check_migrations(manifest, using)
        media_names = [name for name in archive.namelist() if name.startswith(MEDIA_PREFIX) and not name.endswith("/")]
        targets = {name: safe_media_name(name) for name in media_names}
        with tempfile.TemporaryDirectory() as work:
            data_file = Path(work) / f"data.{SERIALIZATION_FORMAT}"
            with archive.open(DATA_NAME) as source, data_file.open("wb") as target:
                while chunk := source.read(1 << 20):
                    target.write(chunk)
            register_format()
            with transaction.atomic(using=using):
                flush_database(using)
                call_command("loaddata", str(data_file), database=using, verbosity=0)
                counts = {model._meta.label: model._default_manager.using(using).count() for model in backed_up_models()}
                expected = {label: n for label, n in manifest["counts"].items() if n}
                if {label: n for label, n in counts.items() if n} != expected:
                    raise BackupError("The restored row counts differ from the backup's; nothing was changed.")
                report.rows = sum(counts.values())
        for name, target in targets.items():
            if storage.exists(target):
                storage.delete(target)
            storage.save(target, ContentFile(archive.read(name)))
            report.media_files += 1
    if rebuild_index:
        rebuild_derived_data()
    return report


def flush_database(using: str = DEFAULT_DB_ALIAS) -> None:
    """Empty every table, then recreate content types and permissions (Django's flush).

    PostgreSQL refuses to TRUNCATE a table with foreign-key checks still pending in the
    transaction, so those are run first (and deferred again for loaddata's forward references).
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", interactive=False, database=using, verbosity=0)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def rebuild_derived_data() -> None:
    call_command("rebuild_references_index", verbosity=0)
    call_command("update_index", verbosity=0)


def backup_file_name(now: datetime.datetime | None = None) -> str:
    now = now or timezone.now()
    return f"wiki-backup-{now:%Y%m%d-%H%M%S}.zip"
