import zipfile

from django.core.management.base import BaseCommand, CommandError

from wiki.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace ALL database content with a backup made by `backup`, write its media files back, "
        "and rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")
        parser.add_argument("--skip-index", action="store_true", help="Do not rebuild the search index afterwards.")

    def handle(self, *args, path, interactive=True, skip_index=False, **options):
        if interactive:
            answer = input(f"This replaces everything in the database with {path}. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            report = restore_backup(path, rebuild_index=not skip_index)
        except (BackupError, FileNotFoundError, zipfile.BadZipFile) as error:
            raise CommandError(str(error)) from error
        for name in report.newer_migrations:
            self.stderr.write(self.style.WARNING(f"This database has a migration the backup predates: {name}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.rows} rows and {report.media_files} media files from a backup of {report.created_at}."
            )
        )
