from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from syndication.records import clients, export


class Command(BaseCommand):
    help = (
        "Sends the statements of reasons not sent yet to the EU DSA Transparency Database "
        "(DSA_TDB_URL, DSA_TDB_TOKEN) in batches of at most 100, and records what it accepted "
        "or refused. Safe to run from cron; exit status 1 while some could not be sent."
    )

    def handle(self, *args, **options):
        if not settings.DSA_TDB_URL or not settings.DSA_TDB_TOKEN:
            raise CommandError(_("Set DSA_TDB_URL and DSA_TDB_TOKEN to submit statements."))
        export.record_missing()
        summary = clients.submit_statements()
        self.stdout.write(
            _("Statements: %(accepted)d accepted, %(refused)d refused, %(failed)d to try again.")
            % {"accepted": summary.accepted, "refused": summary.refused, "failed": summary.failed}
        )
        if summary.failed:
            raise SystemExit(1)
