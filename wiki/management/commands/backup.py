from pathlib import Path

from django.core.management.base import BaseCommand

from wiki.backup import backup_file_name, create_backup


class Command(BaseCommand):
    help = "Back up the database content and the media files into one zip file (restore with `restore`)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write, or a folder to write a dated file into.")

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.is_dir():
            target = target / backup_file_name()
        report = create_backup(target)
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {report.rows} rows and {report.media_files} media files to {report.path}")
        )
