"""The polling rules shared by `import_feeds` and the Celery workers: one poll per source at a
time, a few fetches per host at once, start times and next fetches spread at random."""

import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Response

from syndication.ingest import polling
from syndication.models import Article, FeedHostSlot, Source
from tests.conftest import make_source

from .conftest import feed_bytes


class ConcurrencyCounter:
    """A server handler that answers after `delay` seconds and records how many overlap."""

    def __init__(self, delay=0.3, body=None, overall=None):
        self.delay, self.body = delay, body or feed_bytes("rss1.rdf")
        self.lock = threading.Lock()
        self.active = self.most = 0
        self.paths = []
        self.overall = overall  # a counter of the fetches of every host together

    def enter(self, path=None):
        with self.lock:
            self.active += 1
            self.most = max(self.most, self.active)
            if path:
                self.paths.append(path)
        if self.overall:
            self.overall.enter()

    def leave(self):
        with self.lock:
            self.active -= 1
        if self.overall:
            self.overall.leave()

    def __call__(self, request):
        self.enter(request.path)
        try:
            time.sleep(self.delay)
            return Response(self.body, content_type="application/rss+xml")
        finally:
            self.leave()


def _distinct_feed(n):
    """rss1.rdf with its own links, so each source's articles are its own."""
    return feed_bytes("rss1.rdf").replace(b"http://", f"http://s{n}.".encode())


@pytest.mark.django_db
def test_a_source_held_by_one_poll_is_refused_to_another():
    source = make_source(feed_url="https://example.org/feed")

    assert polling.claim_source(source.pk)
    assert not polling.claim_source(source.pk)
    assert polling.poll_source(source.pk) == polling.Busy.SOURCE

    polling.release_source(source.pk)
    assert polling.claim_source(source.pk)


@pytest.mark.django_db
def test_a_lease_left_by_a_dead_poller_expires():
    source = make_source(feed_url="https://example.org/feed")
    Source.objects.filter(pk=source.pk).update(
        poll_lease_until=timezone.now() - timedelta(seconds=1)
    )

    assert polling.claim_source(source.pk)


@pytest.mark.django_db
def test_a_poll_that_overran_its_lease_leaves_the_next_polls_lease_alone(settings):
    # The first poll stalled past its lease; a second poll took the source.
    source = make_source(feed_url="https://example.org/feed")
    first = polling.claim_source(source.pk)
    Source.objects.filter(pk=source.pk).update(
        poll_lease_until=timezone.now() - timedelta(seconds=1)
    )
    second = polling.claim_source(source.pk)
    assert first and second and first != second
    held_until = Source.objects.get(pk=source.pk).poll_lease_until
    host = polling.host_key(source.feed_url)
    slot = polling.take_host_slot(host)

    # The first poll wakes up: its heartbeat, its outcome and its cleanup.
    assert polling.renew(source.pk, first, host, slot) is False
    result = polling.import_source(source, content=feed_bytes("rss1.rdf"), lease=first)
    polling.release_source(source.pk, first)

    stored = Source.objects.get(pk=source.pk)
    assert result.ok and stored.last_success_at is not None  # its outcome is recorded
    assert stored.poll_lease_until == held_until  # the second poll still holds the source
    assert not polling.claim_source(source.pk)
    assert polling.renew(source.pk, second, host, slot) is True

    polling.import_source(source, content=feed_bytes("rss1.rdf"), lease=second)
    assert Source.objects.get(pk=source.pk).poll_lease_until is None
    assert polling.claim_source(source.pk)


@pytest.mark.django_db
def test_host_slots_run_out_at_the_limit_and_come_back_when_released(settings):
    settings.FEED_PER_HOST_CONCURRENCY = 2
    first = polling.take_host_slot("news.example.org")
    second = polling.take_host_slot("news.example.org")

    assert first and second and first[0] != second[0]
    assert polling.take_host_slot("news.example.org") is None
    assert polling.take_host_slot("other.example.org") is not None

    polling.release_host_slot("news.example.org", first)
    assert polling.take_host_slot("news.example.org") is not None


@pytest.mark.django_db
def test_a_host_slot_left_by_a_dead_poller_expires(settings):
    settings.FEED_PER_HOST_CONCURRENCY = 1
    assert polling.take_host_slot("news.example.org")
    FeedHostSlot.objects.update(leased_until=timezone.now() - timedelta(seconds=1))

    assert polling.take_host_slot("news.example.org") is not None


def test_hosts_are_told_apart_by_name_and_port():
    assert polling.host_key("https://News.Example.org/a/feed") == "news.example.org"
    assert polling.host_key("http://127.0.0.1:8001/feed") == "127.0.0.1:8001"
    assert polling.host_key("http://127.0.0.1:8002/feed") == "127.0.0.1:8002"


@pytest.mark.django_db(transaction=True)
def test_a_round_never_fetches_more_than_the_host_limit_at_once(settings, feed_server):
    settings.FEED_PER_HOST_CONCURRENCY = 2
    counter = ConcurrencyCounter(delay=0.3)
    sources = []
    for n in range(6):
        feed_server.expect_request(f"/feed-{n}.xml").respond_with_handler(counter)
        sources.append(make_source(slug=f"s{n}", feed_url=feed_server.url_for(f"/feed-{n}.xml")))

    done = polling.poll_round(Source.objects.due_for_fetch(), workers=6)

    assert counter.most == 2
    assert sorted(counter.paths) == [f"/feed-{n}.xml" for n in range(6)]
    assert all(result.ok for result in done.results)
    assert Source.objects.filter(last_success_at__isnull=False).count() == 6


@pytest.fixture
def second_server():
    """Another publisher: a second server on 127.0.0.1, on a port of its own."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_a_round_runs_other_hosts_while_one_host_is_full(settings, feed_server, second_server):
    settings.FEED_PER_HOST_CONCURRENCY = 1
    overall = ConcurrencyCounter()
    counters = [ConcurrencyCounter(delay=0.4, overall=overall) for _ in range(2)]
    for n in range(3):
        for letter, server, counter in zip(
            "ab", (feed_server, second_server), counters, strict=True
        ):
            server.expect_request(f"/feed-{n}.xml").respond_with_handler(counter)
            make_source(slug=f"{letter}{n}", feed_url=server.url_for(f"/feed-{n}.xml"))

    polling.poll_round(Source.objects.due_for_fetch(), workers=6)

    # One fetch at a time per host, the two hosts side by side.
    assert [c.most for c in counters] == [1, 1]
    assert overall.most == 2
    assert [len(c.paths) for c in counters] == [3, 3]


@pytest.mark.django_db(transaction=True)
def test_two_rounds_at_once_fetch_each_source_once(feed_server):
    counter = ConcurrencyCounter(delay=0.3)
    for n in range(4):
        feed_server.expect_request(f"/feed-{n}.xml").respond_with_handler(counter)
        make_source(slug=f"s{n}", feed_url=feed_server.url_for(f"/feed-{n}.xml"))
    due = list(Source.objects.due_for_fetch())

    rounds = [
        threading.Thread(target=polling.poll_round, args=(due,), kwargs={"workers": 4})
        for _ in range(2)
    ]
    for thread in rounds:
        thread.start()
    for thread in rounds:
        thread.join()

    assert sorted(counter.paths) == [f"/feed-{n}.xml" for n in range(4)]
    assert Article.objects.count() == 2  # rss1.rdf's two entries, imported once


@pytest.mark.django_db
def test_a_source_polled_meanwhile_is_not_polled_again(serve_feed, feed_server):
    source = make_source(feed_url=serve_feed("rss1.rdf"))
    picked = list(Source.objects.due_for_fetch())
    polling.poll_round(picked)

    assert polling.poll_source(source.pk) == polling.Busy.NOT_DUE
    polling.poll_round(picked)
    assert len(feed_server.log) == 1


def test_start_delays_are_spread_over_the_jitter_window(settings):
    settings.FEED_POLL_START_JITTER = 5

    delays = [polling.start_delay() for _ in range(200)]

    assert all(0 <= d <= 5 for d in delays)
    assert max(delays) - min(delays) > 3  # spread out, not a wave


@pytest.mark.django_db
def test_next_fetches_are_spread_after_the_interval(settings, serve_feed):
    settings.FEED_POLL_JITTER = 0.1
    url = serve_feed("rss1.rdf")
    sources = [
        make_source(slug=f"s{n}", feed_url=url, poll_interval=timedelta(hours=1)) for n in range(20)
    ]
    before = timezone.now()

    polling.poll_round(sources)

    waits = [
        (s.next_fetch_at - before).total_seconds()
        for s in Source.objects.filter(slug__in=[s.slug for s in sources])
    ]
    assert all(3600 <= w <= 3600 * 1.1 + 5 for w in waits)
    assert len({round(w) for w in waits}) > 10
