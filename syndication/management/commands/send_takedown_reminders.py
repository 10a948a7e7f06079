from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from syndication.reminders import send_overdue_reminder


class Command(BaseCommand):
    help = (
        "Emails the Legal team (LEGAL_TEAM_EMAILS) a list of takedown notices past their "
        "target time to decision. Safe to run often from cron: a notice is listed again only "
        "after TAKEDOWN_REMINDER_HOURS, and two runs at once never send the same list twice."
    )

    def handle(self, *args, **options):
        listed = send_overdue_reminder()
        self.stdout.write(
            ngettext(
                "Reminded the Legal team of %(count)d overdue takedown notice.",
                "Reminded the Legal team of %(count)d overdue takedown notices.",
                listed,
            )
            % {"count": listed}
        )
