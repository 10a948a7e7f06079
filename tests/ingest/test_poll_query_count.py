"""A poll costs a bounded number of queries, however many entries its feed holds: a round of a
thousand sources is bound by them (bench/poll_bench.py)."""

import pytest

from syndication.ingest import polling
from syndication.models import Article
from tests.conftest import make_source

pytestmark = pytest.mark.django_db
RSS = "application/rss+xml"


def feed(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>https://news.example.org/story-{n}</link>"
        f"<guid>story-{n}</guid><description>&lt;p&gt;Story {n} in a few words.&lt;/p&gt;"
        "</description></item>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://news.example.org/</link><description>d</description>{items}"
        "</channel></rss>"
    ).encode()


@pytest.mark.parametrize("entries", [3, 40])
def test_a_poll_that_brings_new_entries_costs_16_queries_at_most(
    feed_server, django_assert_max_num_queries, entries
):
    feed_server.expect_request("/feed.xml").respond_with_data(feed(entries), content_type=RSS)
    source = make_source(feed_url=feed_server.url_for("/feed.xml"))
    polling.poll_source(source.pk, force=True)  # the host's slot row exists from now on
    Article.objects.all().delete()

    # As counted on PostgreSQL inside a test's transaction, where each of the
    # poll's transactions (and the savepoint within one) is two queries more.
    with django_assert_max_num_queries(16):
        result = polling.poll_source(source.pk, force=True)

    assert result.new == entries


def test_a_poll_of_an_unchanged_feed_costs_12_queries_at_most(
    feed_server, django_assert_max_num_queries
):
    feed_server.expect_request("/feed.xml").respond_with_data(feed(3), content_type=RSS)
    source = make_source(feed_url=feed_server.url_for("/feed.xml"))
    polling.poll_source(source.pk, force=True)

    with django_assert_max_num_queries(12):
        result = polling.poll_source(source.pk, force=True)

    assert result.skipped == 3
