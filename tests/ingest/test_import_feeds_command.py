"""`manage.py import_feeds`: the DESIGN.md contract, due sources, summaries and exit status."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from syndication.management.commands.import_feeds import Command, parse_every
from syndication.models import Article
from tests.conftest import make_source

from .conftest import FEEDS

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import_feeds", *args, stdout=out)
    return out.getvalue()


def test_no_option_imports_every_due_active_source_and_prints_a_line_each(serve_feed):
    url = serve_feed("rss1.rdf")
    a = make_source(slug="alpha", name="Alpha", feed_url=url)
    make_source(slug="beta", name="Beta", feed_url=url)  # same articles: all skipped
    make_source(slug="inactive", feed_url=url, is_active=False)
    make_source(slug="no-feed", feed_url="")

    output = run()

    assert output.splitlines() == [
        "alpha: 2 new, 0 updated, 0 skipped, 0 failed, 0 blocked, 0 with a newer upstream version",
        "beta: 0 new, 0 updated, 2 skipped, 0 failed, 0 blocked, 0 with a newer upstream version",
    ]
    assert Article.objects.filter(source=a).count() == 2


def test_source_is_not_fetched_again_before_its_interval(feed_server, serve_feed):
    source = make_source(slug="hourly", feed_url=serve_feed("rss1.rdf"))
    run()
    requests = len(feed_server.log)

    assert run() == "No source is due for a fetch.\n"
    assert len(feed_server.log) == requests

    source.refresh_from_db()
    source.next_fetch_at = timezone.now() - timedelta(seconds=1)
    source.save()
    assert "hourly: 0 new" in run()


def test_named_source_is_fetched_even_when_not_due(serve_feed):
    make_source(
        slug="named",
        feed_url=serve_feed("rss1.rdf"),
        next_fetch_at=timezone.now() + timedelta(hours=1),
    )

    assert "named: 2 new" in run("--source", "named")


def test_file_option_imports_a_local_feed_into_the_source():
    source = make_source(slug="courier")

    output = run("--source", "courier", "--file", str(FEEDS / "rss2_content_encoded.xml"))

    assert output.startswith("courier: 3 new")
    assert Article.objects.filter(source=source).count() == 3
    source.refresh_from_db()
    assert source.last_fetched_at is None  # a one-off file says nothing about the feed…
    assert source.next_fetch_at is None
    assert source.last_success_at is not None  # …but the source's health is up to date


def test_url_option_imports_from_that_url(serve_feed):
    make_source(slug="oneoff", feed_url="https://unused.example.org/feed")

    assert run("--source", "oneoff", "--url", serve_feed("atom.xml")).startswith("oneoff: 2 new")


def test_failed_feed_prints_its_error_and_exits_non_zero(feed_server):
    feed_server.expect_request("/feed").respond_with_data("", status=503)
    make_source(slug="down", feed_url=feed_server.url_for("/feed"))
    out = StringIO()

    with pytest.raises(CommandError, match="1 feed"):
        call_command("import_feeds", stdout=out)
    assert "down: failed: The server answered HTTP 503" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "missing"], "No source with the slug"),
        (["--file", "feed.xml"], "need --source"),
        (["--url", "https://example.org/feed"], "need --source"),
        (["--source", "s", "--file", "/nonexistent/feed.xml"], "Cannot read"),
        (["--every", "15m", "--source", "s", "--url", "https://example.org/f"], "cannot take"),
        (["--every", "soon"], "not an interval"),
    ],
)
def test_bad_arguments_get_a_clear_message(args, message):
    make_source(slug="s", feed_url="https://example.org/feed")

    with pytest.raises(CommandError, match=message):
        run(*args)


def test_source_without_a_feed_url_needs_url_or_file():
    make_source(slug="manual", feed_url="")

    with pytest.raises(CommandError, match="has no feed URL"):
        run("--source", "manual")


def test_inactive_source_is_refused_by_name():
    make_source(slug="paused", feed_url="https://example.org/feed", is_active=False)

    with pytest.raises(CommandError, match="inactive"):
        run("--source", "paused")


@pytest.mark.parametrize(
    ("value", "seconds"), [("15m", 900), ("1h", 3600), ("30s", 30), ("2d", 172800), ("300", 300)]
)
def test_every_accepts_intervals(value, seconds):
    assert parse_every(value).total_seconds() == seconds


@pytest.mark.django_db(transaction=True)  # the loop closes stale connections, as in production
def test_polling_fetches_each_source_only_when_due(feed_server, serve_feed):
    url = serve_feed("rss1.rdf")
    make_source(slug="often", feed_url=url, poll_interval=timedelta(0))
    make_source(slug="rarely", feed_url=url, poll_interval=timedelta(hours=1))
    out = StringIO()

    Command(stdout=out).poll(None, timedelta(seconds=0.01), rounds=3)

    lines = out.getvalue().splitlines()
    assert sum(line.startswith("often:") for line in lines) == 3
    assert sum(line.startswith("rarely:") for line in lines) == 1
    assert len(feed_server.log) == 4
