"""Feed-import benchmark: a generated 5,000-entry feed imported into PostgreSQL.

Reports entries per second for the whole import (parse, map, sanitise,
de-duplicate, store), beside the time feedparser alone takes to parse the
same document: the floor no importer built on it can beat. Each figure is
the best of RUNS (5) runs, the imports each into emptied tables, so that a
busy machine weighs on the imports no more than on the floor. The time the
importer's own parse takes, and its sanitising of the bodies alone, are
shown for scale.

    .venv/bin/python bench/import_bench.py [--entries N] [--database-url URL]

The database (syn_bench_import by default) is dropped, created and migrated
by the script; nothing else on the server is touched.
"""

import argparse
import io
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/syn_bench_import"
TARGET = 3.0  # the first import at most this many times feedparser's bare parse (issue 13)
# Runs of each figure, the best taken: on a shared 2-core machine a run in
# three was often slowed by a third, the floor's and the imports' alike.
RUNS = 5


def generate_feed(entries: int) -> bytes:
    """An RSS 2.0 feed like a busy news site's: content:encoded, authors, tracking links."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    items = []
    for n in range(entries):
        published = format_datetime(start + timedelta(minutes=17 * n))
        district, topic = n % 97, n % 50
        body = (
            f"<p>The council published its figures for district {district} on Monday, "
            f"showing a change of {n % 40} per cent on last year.</p>"
            f"<p>“We expected this,” said a spokesperson. "
            f'<a href="https://news.example.org/topics/{topic}">More on this topic</a>.</p>'
            "<p>Residents can read the <strong>full report</strong> at the town hall "
            f"until the end of the month.</p><script>track({n})</script>"
        )
        items.append(f"""
    <item>
      <title>Report {n}: council publishes figures for district {district}</title>
      <link>https://news.example.org/report-{n}?utm_source=rss&amp;utm_medium=feed</link>
      <guid isPermaLink="false">news-{n}</guid>
      <dc:creator>Reporter {n % 13}</dc:creator>
      <pubDate>{published}</pubDate>
      <description>The council published its figures for district {district}.</description>
      <content:encoded><![CDATA[{body}]]></content:encoded>
    </item>""")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        "<title>Benchmark News</title><link>https://news.example.org/</link>\n"
        "<description>Generated for the import benchmark</description>"
        + "".join(items)
        + "\n</channel>\n</rss>\n"
    ).encode()


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("syn_bench"):
        sys.exit(
            f"Refusing to drop {name!r}: the benchmark database name must start with syn_bench."
        )
    admin_url = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the default cache, without CACHE_URL


def best_of(runs: int, fn):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def imports(document: bytes, entries: int, runs: int = RUNS) -> tuple[list, list]:
    """(first import times, re-import times) of `runs` imports, each into emptied tables."""
    from django.db import connection

    from syndication.ingest import import_source
    from syndication.models import Article, Source

    import_times, reimport_times = [], []
    for _ in range(runs):
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE syndication_article, syndication_source CASCADE")
        source = Source.objects.create(
            name="Benchmark News", slug="benchmark-news", homepage="https://news.example.org/"
        )
        started = time.perf_counter()
        first = import_source(source, content=document)
        import_times.append(time.perf_counter() - started)
        assert first.new == entries, str(first)
        assert Article.objects.count() == entries

        started = time.perf_counter()
        again = import_source(source, content=document)
        reimport_times.append(time.perf_counter() - started)
        assert again.skipped == entries, str(again)
    return import_times, reimport_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    args = parser.parse_args()

    recreate_database(args.database_url)
    setup_django(args.database_url)

    import feedparser
    from django.test import override_settings

    from syndication.ingest.entries import map_entry
    from syndication.ingest.importer import parse_feed
    from syndication.sanitize import clean_html

    document = generate_feed(args.entries)
    parse_time, parsed = best_of(
        RUNS, lambda: feedparser.parse(io.BytesIO(document), sanitize_html=False)
    )
    assert len(parsed.entries) == args.entries
    # The importer's own parse leaves out feedparser's pass over every body
    # that resolves relative links (clean_html() resolves them): shown for
    # what it is, beside the floor the target is set against.
    importer_parse_time, ours = best_of(RUNS, lambda: parse_feed(document))

    # The bodies sanitised on their own, as the importer sanitises them
    # (bleach, against the feed's address): the part of an import that is
    # neither parsing nor storing, shown for scale.
    mapped = [map_entry(entry, ours.feed.link) for entry in ours.entries]
    sanitise_time, _ = best_of(RUNS, lambda: [clean_html(d.raw_body, d.base_url) for d in mapped])

    # Each first import into emptied tables, as the floor is taken: the best of RUNS.
    # The first of the runs starts the helper process (parallel.py); the
    # same imports without it are timed as well, for what it buys.
    import_times, reimport_times = imports(document, args.entries)
    import_time, reimport_time = min(import_times), min(reimport_times)
    with override_settings(FEED_IMPORT_PROCESSES=0):
        alone_times, _ = imports(document, args.entries)

    size_mb = len(document) / 1_000_000
    print(f"Feed: {args.entries:,} entries, {size_mb:.1f} MB, PostgreSQL {args.database_url}")
    for label, seconds in [
        (f"feedparser alone (floor, best of {RUNS})", parse_time),
        (f"  the importer's parse (best of {RUNS})", importer_parse_time),
        (f"  sanitising the bodies (best of {RUNS})", sanitise_time),
        (f"first import (all new, best of {RUNS})", import_time),
        ("  the first of them (helper starts)", import_times[0]),
        (f"  without the helper process (best of {RUNS})", min(alone_times)),
        (f"re-import (all skipped, best of {RUNS})", reimport_time),
    ]:
        rate = args.entries / seconds
        ratio = seconds / parse_time
        print(f"  {label:<38}{seconds:7.2f} s {rate:8.0f} entries/s {ratio:5.1f}x the floor")
    met = import_time / parse_time <= TARGET
    print(f"  target: first import <= {TARGET:.1f}x the floor: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
