from django.core.management.base import BaseCommand

from syndication.models import FrontCachePurge


class Command(BaseCommand):
    help = (
        "Sends again the front-cache purges that failed. Safe to run from cron every minute; "
        "exits 1 while some still fail."
    )

    def handle(self, *args, **options):
        done, failing = FrontCachePurge.objects.retry()
        self.stdout.write(f"Purged {done} waiting purge(s); {failing} still failing.")
        if failing:
            raise SystemExit(1)
