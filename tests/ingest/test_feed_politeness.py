"""Feeds that ask us to come back later are heard: Cache-Control max-age, Retry-After, 429/503."""

from datetime import timedelta

import pytest
from django.utils import timezone

from syndication.ingest import import_source
from syndication.ingest.fetching import max_age_seconds, retry_after_seconds
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db

HOUR = 3600


@pytest.fixture(autouse=True)
def _no_jitter(settings):
    settings.FEED_POLL_JITTER = 0
    settings.FEED_MAX_POLL_DELAY = 24 * HOUR


def _wait(source, before):
    source.refresh_from_db()
    return (source.next_fetch_at - before).total_seconds()


def test_a_max_age_longer_than_the_interval_is_honoured(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(
        feed_bytes("rss1.rdf"), headers={"Cache-Control": "public, max-age=7200"}
    )
    source = make_source(
        feed_url=feed_server.url_for("/feed.xml"), poll_interval=timedelta(hours=1)
    )
    before = timezone.now()

    assert import_source(source).ok

    assert 7200 <= _wait(source, before) < 7210


def test_a_max_age_shorter_than_the_interval_does_not_poll_sooner(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(
        feed_bytes("rss1.rdf"), headers={"Cache-Control": "max-age=60"}
    )
    source = make_source(
        feed_url=feed_server.url_for("/feed.xml"), poll_interval=timedelta(hours=1)
    )
    before = timezone.now()

    import_source(source)

    assert HOUR <= _wait(source, before) < HOUR + 10


@pytest.mark.parametrize("status", [429, 503])
def test_429_and_503_back_off_doubling_each_time(feed_server, status):
    feed_server.expect_request("/feed.xml").respond_with_data("busy", status=status)
    source = make_source(
        feed_url=feed_server.url_for("/feed.xml"), poll_interval=timedelta(hours=1)
    )

    waits = []
    for _ in range(3):
        before = timezone.now()
        import_source(source)
        waits.append(round(_wait(source, before) / HOUR))

    assert waits == [2, 4, 8]
    assert source.consecutive_failures == 3


def test_back_off_stops_at_the_longest_delay(feed_server, settings):
    settings.FEED_MAX_POLL_DELAY = 3 * HOUR
    feed_server.expect_request("/feed.xml").respond_with_data("busy", status=429)
    source = make_source(
        feed_url=feed_server.url_for("/feed.xml"),
        poll_interval=timedelta(hours=1),
        consecutive_failures=9,
    )
    before = timezone.now()

    import_source(source)

    assert 3 * HOUR <= _wait(source, before) < 3 * HOUR + 10


def test_retry_after_in_seconds_is_honoured(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "36000"}
    )
    source = make_source(
        feed_url=feed_server.url_for("/feed.xml"), poll_interval=timedelta(hours=1)
    )
    before = timezone.now()

    result = import_source(source)

    assert "HTTP 429" in result.error
    assert 36000 <= _wait(source, before) < 36010


def test_retry_after_as_a_date_is_honoured(feed_server):
    later = timezone.now() + timedelta(hours=5)
    feed_server.expect_request("/feed.xml").respond_with_data(
        "down", status=503, headers={"Retry-After": later.strftime("%a, %d %b %Y %H:%M:%S GMT")}
    )
    source = make_source(
        feed_url=feed_server.url_for("/feed.xml"), poll_interval=timedelta(hours=1)
    )

    import_source(source)

    source.refresh_from_db()
    assert abs((source.next_fetch_at - later).total_seconds()) < 5


def test_other_failures_are_tried_again_after_the_interval(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data("gone", status=404)
    source = make_source(
        feed_url=feed_server.url_for("/feed.xml"), poll_interval=timedelta(hours=1)
    )
    before = timezone.now()

    import_source(source)
    import_source(source)

    assert HOUR <= _wait(source, before) < HOUR + 10


def test_a_source_is_not_polled_before_its_next_fetch_time(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data("busy", status=429)
    source = make_source(feed_url=feed_server.url_for("/feed.xml"))
    import_source(source)
    source.refresh_from_db()

    assert not source.is_due()
    assert source.is_due(source.next_fetch_at)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), ("  0 ", 0.0), ("soon", None), ("", None), ("-5", None)],
)
def test_retry_after_values(header, seconds):
    assert retry_after_seconds(header) == seconds


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("max-age=300", 300.0),
        ("public, MAX-AGE=60, must-revalidate", 60.0),
        ('max-age="90"', 90.0),
        ("no-cache", None),
        ("max-age=soon", None),
    ],
)
def test_max_age_values(header, seconds):
    assert max_age_seconds(header) == seconds
