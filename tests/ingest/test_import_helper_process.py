"""A big import's bodies are sanitised in a helper process: the same articles as without it,
and a helper that dies or stalls costs only time."""

import logging
import os
import signal
from xml.sax.saxutils import escape

import pytest

from syndication.ingest import import_source, parallel
from syndication.ingest.entries import map_entry, prepared
from syndication.ingest.importer import parse_feed
from syndication.models import Article, NearDuplicate
from tests.conftest import make_source

pytestmark = pytest.mark.django_db

WIRE = (
    "<p>The regional rail operator announced on Tuesday that the new timetable will add "
    "late trains on three lines, after a year of complaints from shift workers who could "
    "not get home after the last service left at eleven.</p><p>Passenger groups welcomed "
    "the change but said that weekend services were still too thin to rely on.</p>"
)


def _item(n: int) -> str:
    kinds = [
        # Markup that must go, and relative addresses made absolute against xml:base.
        f'<p>Story {n} <a href="/more/{n}" onclick="x()">more</a></p>'
        f'<script>track({n})</script><img src="img/{n}.jpg" alt="Picture {n}">',
        # A plain-text description: stored as a paragraph.
        f"Plain text story number {n} without any markup at all, as some feeds send.",
        # The lead repeated by the scraper: dropped.
        f"<p>Story {n} has a lead that the scraper repeated above the text.</p>"
        f"<p>Story {n} has a lead that the scraper repeated above the text. And more.</p>",
        # The same wire story with its own first line: near-duplicates of each other.
        f"<p>Reported by desk {n}.</p>{WIRE}",
    ]
    body = kinds[n % len(kinds)]
    return (
        f"<item><title>Story {n}</title><link>https://news.example.org/story-{n}</link>"
        f"<guid>story-{n}</guid><description>{escape(body)}</description></item>"
    )


def big_feed(entries: int = 2 * parallel.MIN_BODIES + 20) -> bytes:
    items = "".join(_item(n) for n in range(entries))
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel xml:base="https://news.example.org/a/">'
        f"<title>t</title><link>https://news.example.org/</link><description>d</description>"
        f"{items}</channel></rss>"
    ).encode()


def stored() -> dict:
    """What readers and editors would see of the import, by each article's original URL."""
    articles = {a.pk: a.original_url for a in Article.objects.all()}
    return {
        "articles": sorted(
            Article.objects.values_list("original_url", "title", "summary", "body", "status")
        ),
        "near_duplicates": sorted(
            (articles[d.article_id], articles[d.original_id], d.similarity)
            for d in NearDuplicate.objects.all()
        ),
    }


def import_big_feed(source=None):
    source = source or make_source(slug="news", auto_publish=True)
    result = import_source(source, content=big_feed())
    assert result.ok and result.new == len(parse_feed(big_feed()).entries)
    return stored()


@pytest.fixture
def fresh_helpers():
    """Helpers started for the test, and stopped after it, so no test sees another's."""
    yield
    parallel.shutdown()


def test_a_big_import_stores_the_same_articles_with_the_helper_as_without(
    settings, fresh_helpers, caplog
):
    settings.FEED_IMPORT_PROCESSES = 0
    alone = import_big_feed()
    Article.objects.all().delete()

    settings.FEED_IMPORT_PROCESSES = 1
    with caplog.at_level(logging.DEBUG, logger="syndication.ingest.parallel"):
        helped = import_big_feed(make_source(slug="news-again", auto_publish=True))

    assert helped == alone
    # Every entry was prepared by the helper, and no batch fell back.
    assert [r.getMessage() for r in caplog.records] == [
        f"{len(helped['articles'])} entries prepared in a helper process"
    ]
    bodies = [body for _url, _title, _summary, body, _status in helped["articles"]]
    assert not any("<script" in b or "onclick" in b for b in bodies)
    assert '<a href="https://news.example.org/more/0" rel="nofollow noopener">more</a>' in bodies[0]
    assert helped["near_duplicates"], "the wire story's copies are flagged"


def _entries(count):
    parsed = parse_feed(big_feed(count))
    return [map_entry(entry, "https://news.example.org/") for entry in parsed.entries]


def test_a_batch_of_enough_new_entries_goes_to_the_helper_and_a_small_one_does_not(
    settings, fresh_helpers, caplog
):
    settings.FEED_IMPORT_PROCESSES = 1
    small = parallel.prepare(_entries(parallel.MIN_BODIES - 1))
    big_entries = _entries(parallel.MIN_BODIES)
    big = parallel.prepare(big_entries)

    assert small.future is None
    assert big.future is not None
    with caplog.at_level(logging.DEBUG, logger="syndication.ingest.parallel"):
        big.fill()
    # Filled by the helper, not left to fall back.
    assert caplog.messages == [f"{parallel.MIN_BODIES} entries prepared in a helper process"]
    worked_out_here = _entries(parallel.MIN_BODIES)
    assert [d.body for d in big_entries] == [d.body for d in worked_out_here]


def test_without_helpers_nothing_is_handed_over(settings, fresh_helpers):
    settings.FEED_IMPORT_PROCESSES = 0

    assert parallel.helpers() is None
    assert parallel.prepare(_entries(parallel.MIN_BODIES)).future is None


def test_a_helper_that_dies_costs_only_time(settings, fresh_helpers, caplog):
    settings.FEED_IMPORT_PROCESSES = 0
    alone = import_big_feed()
    Article.objects.all().delete()
    settings.FEED_IMPORT_PROCESSES = 1
    helper = parallel.helpers().submit(os.getpid).result()
    assert helper != os.getpid()

    os.kill(helper, signal.SIGKILL)
    with caplog.at_level(logging.WARNING, logger="syndication.ingest.parallel"):
        helped = import_big_feed(make_source(slug="news-again", auto_publish=True))

    assert helped == alone  # every entry stored as it would be without a helper
    assert "helper process stopped" in caplog.text
    # The next big import starts a new helper, and it works.
    assert parallel.helpers().submit(os.getpid).result() not in (helper, os.getpid())


def test_a_helper_that_stalls_is_given_up_on(settings, fresh_helpers, caplog, monkeypatch):
    settings.FEED_IMPORT_PROCESSES = 0
    alone = import_big_feed()
    Article.objects.all().delete()
    settings.FEED_IMPORT_PROCESSES = 1
    monkeypatch.setattr(parallel, "HELPER_TIMEOUT", 0)  # no batch is ready at once

    with caplog.at_level(logging.WARNING, logger="syndication.ingest.parallel"):
        helped = import_big_feed(make_source(slug="news-again", auto_publish=True))

    assert helped == alone
    assert "stopped or stalled" in caplog.text


def test_an_entry_that_fails_in_the_helper_costs_only_itself():
    bodies = prepared([(None, ""), (5, ""), ("<p>Fine.</p>", "")])

    assert bodies == ["", None, "<p>Fine.</p>"]  # None: worked out again by the importer
