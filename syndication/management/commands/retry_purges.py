from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from syndication.models import FrontCachePurge


class Command(BaseCommand):
    help = (
        "Sends again the front-cache purges that failed. Safe to run from cron every minute; "
        "exits 1 while some still fail."
    )

    def handle(self, *args, **options):
        done, failing = FrontCachePurge.objects.retry()
        self.stdout.write(
            ngettext(
                "Purged %(done)d waiting purge; %(failing)d still failing.",
                "Purged %(done)d waiting purges; %(failing)d still failing.",
                done,
            )
            % {"done": done, "failing": failing}
        )
        if failing:
            raise SystemExit(1)
