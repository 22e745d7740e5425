from django.core.management.base import BaseCommand

from accounts.watchlist import send_watchlist_emails


class Command(BaseCommand):
    help = "Email each account the changes to its watched pages since its last email (run from cron)."

    def handle(self, *args, **options):
        sent = send_watchlist_emails()
        if options["verbosity"]:
            self.stdout.write(f"Sent {sent} watchlist email(s).")
