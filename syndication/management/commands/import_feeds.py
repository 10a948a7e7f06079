import re
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from syndication.ingest import import_due_sources, import_source
from syndication.models import Source

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> timedelta:
    """'15m', '1h', '30s', '2d' or a number of seconds."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", value)
    if not match or int(match[1]) == 0:
        raise ValueError(f"“{value}” is not an interval such as 15m, 1h or 300.")
    return timedelta(seconds=int(match[1]) * UNITS[match[2] or "s"])


class Command(BaseCommand):
    help = (
        "Imports RSS/Atom entries as articles. With no option: every active source with a "
        "feed URL whose polling interval has passed. Prints one summary line per source and "
        "exits with status 1 when a feed failed. A named --source is fetched even when not due."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="SLUG", help="Import only this source (now).")
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--url", help="Import from this feed URL instead (needs --source).")
        where.add_argument("--file", metavar="PATH", help="Import a feed file (needs --source).")
        parser.add_argument(
            "--every",
            metavar="INTERVAL",
            help="Keep running, looking for due sources at this interval (e.g. 15m).",
        )

    def handle(self, *args, source=None, url=None, file=None, every=None, **options):
        if (url or file) and not source:
            raise CommandError("--url and --file need --source SLUG: the articles' publisher.")
        if every and (url or file):
            raise CommandError("--every polls the sources' own feeds; it cannot take --url/--file.")
        content = self._read(file) if file else None
        chosen = self._source(source) if source else None
        if not every:
            failed = self._run_once(chosen, url, content)
            if failed:
                raise CommandError(f"{failed} feed(s) failed; see the lines above.")
            return
        try:
            interval = parse_every(every)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Polling every {interval}; Ctrl+C stops.")
        try:
            self.poll(chosen, interval)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

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
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc

    def _source(self, slug):
        try:
            source = Source.objects.get(slug=slug)
        except Source.DoesNotExist:
            raise CommandError(f"No source with the slug “{slug}”.") from None
        if not source.is_active:
            raise CommandError(f"The source “{slug}” is inactive: activate it in the admin first.")
        return source

    def _run_once(self, source, url, content, only_due=False) -> int:
        """Imports once; returns how many feeds failed."""
        progress = self._progress if sys.stderr.isatty() else None
        if source is None:
            results = import_due_sources(progress=progress)
            if not results:
                self.stdout.write("No source is due for a fetch.")
        elif only_due and not source.is_due():
            results = []
        else:
            if not (url or content is not None or source.feed_url):
                raise CommandError(
                    f"The source “{source.slug}” has no feed URL; give --url or --file."
                )
            results = [import_source(source, url=url, content=content, progress=progress)]
        for result in results:
            self.stdout.write(str(result), self.style.SUCCESS if result.ok else self.style.ERROR)
        return sum(not r.ok for r in results)

    def _progress(self, done, total):
        # Only on a terminal: a cron log should get the summary lines, not this.
        if done % 50 == 0 or done == total:
            end = "\n" if done == total else ""
            sys.stderr.write(f"\r  {done}/{total} entries{end}")
            sys.stderr.flush()
