from django.core.management.base import BaseCommand

from syndication.models import TakedownEmail


class Command(BaseCommand):
    help = (
        "Sends takedown emails that could not be sent yet (acknowledgements, notices to the "
        "Legal team, decisions). Run it every few minutes, e.g. from cron."
    )

    def handle(self, *args, **options):
        sent, failed = TakedownEmail.objects.send_pending()
        self.stdout.write(f"Sent {sent} takedown email(s); {failed} still failing.")
        if failed:
            # A non-zero exit lets cron or a monitor notice a lasting mail problem.
            raise SystemExit(1)
