from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from syndication.models import TakedownRequest


class Command(BaseCommand):
    help = (
        "Restores the articles of takedowns whose counter-notice period has ended without court "
        "action being recorded (17 U.S.C. § 512(g)(2)(C)). Safe to run often from cron."
    )

    def handle(self, *args, **options):
        restored = TakedownRequest.objects.restore_due()
        self.stdout.write(
            ngettext(
                "Restored %(count)d takedown after its counter-notice period.",
                "Restored %(count)d takedowns after their counter-notice period.",
                restored,
            )
            % {"count": restored}
        )
