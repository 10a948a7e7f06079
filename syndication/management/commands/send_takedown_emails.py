from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from syndication.models import TakedownEmail


class Command(BaseCommand):
    help = (
        "Sends takedown emails that could not be sent yet (acknowledgements, notices to the "
        "Legal team, decisions). Run it every few minutes, e.g. from cron."
    )

    def handle(self, *args, **options):
        sent, failed = TakedownEmail.objects.send_pending()
        self.stdout.write(
            ngettext(
                "Sent %(sent)d takedown email; %(failed)d still failing.",
                "Sent %(sent)d takedown emails; %(failed)d still failing.",
                sent,
            )
            % {"sent": sent, "failed": failed}
        )
        if failed:
            # A non-zero exit lets cron or a monitor notice a lasting mail problem.
            raise SystemExit(1)
