from django.core.management.base import BaseCommand

from home.content_loader import ContentLoader, is_empty


class Command(BaseCommand):
    help = "Load the starter content (site/content) in English and Danish. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Only load when the wiki has no pages yet.")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and not is_empty():
            self.stdout.write("The wiki already has content; nothing loaded.")
            return
        report = ContentLoader().load()
        self.stdout.write(
            self.style.SUCCESS(f"Created {len(report.created)} pages; {len(report.existing)} already there.")
        )
