import re
import time
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from syndication.ingest import ImportResult, import_source
from syndication.ingest.polling import poll_round
from syndication.management.progress import Progress
from syndication.models import Source

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> timedelta:
    """'15m', '1h', '30s', '2d' or a number of seconds."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", value)
    if not match or int(match[1]) == 0:
        raise ValueError(
            _("“%(value)s” is not an interval such as 15m, 1h or 300.") % {"value": value}
        )
    return timedelta(seconds=int(match[1]) * UNITS[match[2] or "s"])


class Command(BaseCommand):
    help = (
        "Imports RSS/Atom entries as articles. With no option: every active source with a "
        "feed URL whose polling interval has passed. Prints one summary line per source and "
        "exits with status 1 when a feed failed. A named --source is fetched even when not due."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="SLUG", help=_("Import only this source (now)."))
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--url", help=_("Import from this feed URL instead (needs --source)."))
        where.add_argument("--file", metavar="PATH", help=_("Import a feed file (needs --source)."))
        parser.add_argument(
            "--every",
            metavar="INTERVAL",
            help=_("Keep running, looking for due sources at this interval (e.g. 15m)."),
        )

    def handle(self, *args, source=None, url=None, file=None, every=None, **options):
        if (url or file) and not source:
            raise CommandError(_("--url and --file need --source SLUG: the articles' publisher."))
        if every and (url or file):
            raise CommandError(
                _("--every polls the sources' own feeds; it cannot take --url/--file.")
            )
        content = self._read(file) if file else None
        chosen = self._source(source) if source else None
        if not every:
            failed = self._run_once(chosen, url, content)
            if failed:
                raise CommandError(
                    ngettext(
                        "%(count)d feed failed; see the lines above.",
                        "%(count)d feeds failed; see the lines above.",
                        failed,
                    )
                    % {"count": failed}
                )
            return
        try:
            interval = parse_every(every)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Polling every %(interval)s; Ctrl+C stops.") % {"interval": interval})
        try:
            self.poll(chosen, interval)
        except KeyboardInterrupt:
            self.stdout.write(_("Stopped."))

    def poll(self, source, interval: timedelta, rounds: int | None = None):
        """Imports what is due every `interval`: `rounds` times, or until interrupted."""
        done = 0
        while rounds is None or done < rounds:
            # A process that lives for days must not keep a connection the
            # database closed meanwhile.
            close_old_connections()
            current = source and Source.objects.get(pk=source.pk)
            self._run_once(current, "", None, only_due=True)
            done += 1
            if rounds is None or done < rounds:
                time.sleep(interval.total_seconds())

    def _read(self, path):
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s.") % {"path": path, "error": exc.strerror}
            ) from exc

    def _source(self, slug):
        try:
            source = Source.objects.get(slug=slug)
        except Source.DoesNotExist:
            raise CommandError(_("No source with the slug “%(slug)s”.") % {"slug": slug}) from None
        if not source.is_active:
            raise CommandError(
                _("The source “%(slug)s” is inactive: activate it in the admin first.")
                % {"slug": slug}
            )
        return source

    def _run_once(self, source, url, content, only_due=False) -> int:
        """Imports once under the polling rules; returns how many feeds failed."""
        if source is None:
            return self._poll(Source.objects.due_for_fetch())
        if only_due:
            return (
                self._poll(Source.objects.due_for_fetch().filter(pk=source.pk))
                if source.is_due()
                else 0
            )
        if not (url or content is not None or source.feed_url):
            raise CommandError(
                _("The source “%(slug)s” has no feed URL; give --url or --file.")
                % {"slug": source.slug}
            )
        if url or content is not None:
            progress = Progress(self.stderr, 0, "entries")
            result = import_source(
                source, url=url, content=content, progress=self._entries(progress)
            )
            self._report(result)
            return not result.ok
        return self._poll([source], force=True)

    def _poll(self, sources, force=False) -> int:
        sources = list(sources)
        if not sources:
            self.stdout.write(_("No source is due for a fetch."))
            return 0
        progress = Progress(self.stderr, len(sources), "sources")
        failed = 0

        def on_result(outcome, source):
            nonlocal failed
            if isinstance(outcome, ImportResult):
                progress.clear()
                self._report(outcome)
                failed += not outcome.ok
                progress.step(failed=not outcome.ok)
            else:
                progress.step()

        entries = self._entries(Progress(self.stderr, 0, "entries")) if len(sources) == 1 else None
        poll_round(
            sources, force=force, jitter=not force, on_result=on_result, entry_progress=entries
        )
        return failed

    def _report(self, result):
        self.stdout.write(str(result), self.style.SUCCESS if result.ok else self.style.ERROR)

    @staticmethod
    def _entries(progress):
        """Entry-by-entry progress of one big feed, on a terminal only (a log has the summary)."""
        if not progress.tty:
            return None

        def report(done, total):
            progress.total = total
            if done % 50 == 0 or done == total:
                progress.step(done=done)

        return report
