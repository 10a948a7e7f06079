from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from syndication.ledger import withdraw_unpermitted


class Command(BaseCommand):
    help = (
        "Withdraws the published articles whose permission in the rights ledger has ended or "
        "been revoked, and emails the Editors group. Safe to run often from cron."
    )

    def handle(self, *args, **options):
        withdrawn = withdraw_unpermitted()
        self.stdout.write(
            ngettext(
                "Withdrew %(count)d article for lack of permission.",
                "Withdrew %(count)d articles for lack of permission.",
                len(withdrawn),
            )
            % {"count": len(withdrawn)}
        )
