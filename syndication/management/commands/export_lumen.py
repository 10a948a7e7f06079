import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from syndication.records import clients, export


class Command(BaseCommand):
    help = (
        "Writes decided takedown notices, redacted, in Lumen's notice JSON (to standard output "
        "or --output); with --submit, sends those not sent yet to LUMEN_URL with LUMEN_TOKEN."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help=_("File to write (default: standard output)."))
        parser.add_argument("--submit", action="store_true", help=_("Send the pending ones."))

    def handle(self, *args, output=None, submit=False, **options):
        export.record_missing()
        if submit:
            if not settings.LUMEN_URL or not settings.LUMEN_TOKEN:
                raise CommandError(_("Set LUMEN_URL and LUMEN_TOKEN to submit to Lumen."))
            summary = clients.submit_lumen()
            self.stdout.write(
                _("Lumen: %(accepted)d accepted, %(refused)d refused, %(failed)d to try again.")
                % {
                    "accepted": summary.accepted,
                    "refused": summary.refused,
                    "failed": summary.failed,
                }
            )
            if summary.failed:
                raise SystemExit(1)
            return
        text = json.dumps(export.lumen_notices(), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as out:
                out.write(text + "\n")
        else:
            sys.stdout.write(text + "\n")
