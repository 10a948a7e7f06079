import json
import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from syndication.records import export


class Command(BaseCommand):
    help = (
        "Writes the statements of reasons of accepted takedowns as JSON for the EU DSA "
        'Transparency Database ({"statements": [...]}, as its API takes them; no personal '
        "data), to standard output or --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help=_("File to write (default: standard output)."))
        parser.add_argument("--pending", action="store_true", help=_("Only those not sent yet."))

    def handle(self, *args, output=None, pending=False, **options):
        export.record_missing()
        data = export.statements(pending_only=pending)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as out:
                out.write(text + "\n")
            count = len(data["statements"])
            self.stderr.write(
                ngettext(
                    "Wrote %(count)d statement to %(output)s.",
                    "Wrote %(count)d statements to %(output)s.",
                    count,
                )
                % {"count": count, "output": output}
            )
        else:
            sys.stdout.write(text + "\n")
