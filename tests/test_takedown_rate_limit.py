"""The per-client rate limit on /takedown/ and /takedown/status/, counted in the database.

The cache plays no part: the limit holds with it down, a window ends on time,
and on PostgreSQL simultaneous posts from one client are counted exactly.
"""

import re
import threading
from datetime import timedelta

import httpx
import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from syndication.models import RateLimitCounter, TakedownRequest
from tests.conftest import make_article
from tests.takedown_factories import notice_data

WINDOW = 600  # the seconds of every limit in these tests (the settings' default)


class Clock:
    """timezone.now(), shifted so the test starts at the start of a rate-limit window.

    Time still runs; advance() jumps ahead. Starting at a window's start keeps
    a test's requests in one window, whenever the suite happens to run.
    """

    def __init__(self, real_now):
        self.real_now = real_now
        start = real_now()
        self.offset = timedelta(seconds=WINDOW - start.timestamp() % WINDOW)

    def __call__(self):
        return self.real_now() + self.offset

    def advance(self, seconds):
        self.offset += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    clock = Clock(timezone.now)
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def cache_down(settings):
    """The shared cache is unreachable: nothing listens where it should be."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }


def test_sixth_notice_in_ten_minutes_gets_a_friendly_429(client, article):
    for _ in range(5):
        assert client.post("/takedown/", notice_data(article)).status_code == 302

    response = client.post("/takedown/", notice_data(article))

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert int(response["Retry-After"]) == WINDOW
    assert TakedownRequest.objects.count() == 5


def test_the_limit_counts_across_clients_from_one_address(article):
    """Two workers are two Client objects here; the count lives in the database, not in either."""
    worker_a, worker_b = Client(), Client()
    for i in range(5):
        worker = worker_a if i % 2 else worker_b
        assert worker.post("/takedown/", notice_data(article)).status_code == 302
    assert worker_a.post("/takedown/", notice_data(article)).status_code == 429
    assert worker_b.post("/takedown/", notice_data(article)).status_code == 429


def test_another_address_is_not_limited(article):
    busy, other = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(6):
        busy.post("/takedown/", notice_data(article))
    assert busy.post("/takedown/", notice_data(article)).status_code == 429
    assert other.post("/takedown/", notice_data(article)).status_code == 302


def test_reading_the_form_is_not_limited(client, article):
    for _ in range(6):
        client.post("/takedown/", notice_data(article))
    assert client.get("/takedown/").status_code == 200


def test_status_lookups_are_rate_limited(client, db):
    lookup = {"reference": "TD-000000000", "email": "someone@example.org"}
    for _ in range(10):
        assert client.post("/takedown/status/", lookup).status_code == 404
    assert client.post("/takedown/status/", lookup).status_code == 429


def test_behind_our_proxy_each_client_has_its_own_limit(settings, article):
    settings.TRUSTED_PROXY_COUNT = 1
    same_proxy = {"REMOTE_ADDR": "10.9.9.9"}
    # A client's own forged entry in front does not change who it is.
    first = Client(**same_proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.1")
    second = Client(**same_proxy, HTTP_X_FORWARDED_FOR="203.0.113.2")
    for _ in range(5):
        first.post("/takedown/", notice_data(article))
    assert first.post("/takedown/", notice_data(article)).status_code == 429
    assert second.post("/takedown/", notice_data(article)).status_code == 302


def test_a_claimant_who_mistypes_is_not_locked_out(client, article):
    bad = {**notice_data(article), "email": "not-an-email"}
    statuses = [client.post("/takedown/", bad).status_code for _ in range(5)]
    assert statuses == [400] * 5
    assert client.post("/takedown/", notice_data(article)).status_code == 302


def test_a_flood_of_invalid_posts_is_limited_too(client, article):
    bad = {**notice_data(article), "email": "not-an-email"}
    statuses = [client.post("/takedown/", bad).status_code for _ in range(21)]
    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429
    assert TakedownRequest.objects.count() == 0


def test_the_limit_holds_while_the_cache_is_down(client, article, cache_down):
    notices = [
        notice_data(article, claimant_name=f"Claimant {i}", signature=f"Claimant {i}")
        for i in range(8)
    ]

    statuses = [client.post("/takedown/", notice).status_code for notice in notices]

    assert statuses == [302] * 5 + [429] * 3
    stored = TakedownRequest.objects.order_by("received_at", "pk")
    assert [t.claimant_name for t in stored] == [f"Claimant {i}" for i in range(5)]
    for takedown in stored:
        assert takedown.signature == takedown.claimant_name
        assert takedown.email == "rosa@rights.example.org"
        assert takedown.good_faith_statement and takedown.accuracy_statement
        assert list(takedown.articles.all()) == [article]
        assert takedown.emails.count() == 2


def test_a_new_window_lets_the_client_in_again(client, article, clock):
    for _ in range(5):
        client.post("/takedown/", notice_data(article))
    assert client.post("/takedown/", notice_data(article)).status_code == 429

    clock.advance(WINDOW - 5)
    assert client.post("/takedown/", notice_data(article)).status_code == 429
    clock.advance(5)
    assert client.post("/takedown/", notice_data(article)).status_code == 302
    assert TakedownRequest.objects.count() == 6


def test_counters_of_ended_windows_are_deleted(client, article, clock):
    client.post("/takedown/", notice_data(article))
    ended = set(RateLimitCounter.objects.values_list("key", flat=True))
    assert len(ended) == 2  # the attempt and the stored notice

    clock.advance(WINDOW)
    client.post("/takedown/", notice_data(article))

    now = timezone.now()
    keys = set(RateLimitCounter.objects.values_list("key", flat=True))
    assert len(keys) == 2 and not keys & ended
    assert not RateLimitCounter.objects.filter(ends_at__lte=now).exists()
    assert set(RateLimitCounter.objects.values_list("hits", flat=True)) == {1}


def test_counters_hold_no_plain_address(client, article):
    client.post("/takedown/", notice_data(article), REMOTE_ADDR="198.51.100.23")
    assert RateLimitCounter.objects.exists()
    for key in RateLimitCounter.objects.values_list("key", flat=True):
        assert "198.51.100.23" not in key


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _post_at_once(live_server, notices) -> list[int]:
    """Posts each notice from its own client and thread, all at the same moment; the statuses."""
    start = threading.Barrier(len(notices))
    statuses, failures = [], []

    def send(i, data):
        try:
            with httpx.Client(base_url=live_server.url, timeout=30) as http:
                token = TOKEN.search(http.get("/takedown/").text).group(1)
                start.wait()
                response = http.post(
                    "/takedown/",
                    data={**data, "csrfmiddlewaretoken": token},
                    headers={"Referer": f"{live_server.url}/takedown/"},
                )
            statuses.append(response.status_code)
        except Exception as exc:  # noqa: BLE001 - reported below, with the thread's number
            failures.append((i, repr(exc)))

    threads = [threading.Thread(target=send, args=item) for item in enumerate(notices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    return statuses


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite runs one writer at a time; this test runs with DATABASE_URL=postgres://…"
        )


@pytest.mark.django_db(transaction=True)
def test_simultaneous_notices_from_one_client_are_counted_exactly(
    postgresql_only, live_server, settings
):
    settings.TAKEDOWN_RATE_LIMIT = (5, WINDOW)
    article = make_article()
    claimed = f"{live_server.url}{article.get_absolute_url()}"
    notices = [
        notice_data(
            article, claimant_name=f"Claimant {i}", signature=f"Claimant {i}", claimed_urls=claimed
        )
        for i in range(12)
    ]

    statuses = _post_at_once(live_server, notices)

    assert sorted(statuses) == [302] * 5 + [429] * 7
    assert TakedownRequest.objects.count() == 5
    assert RateLimitCounter.objects.get(key__startswith="takedown:").hits == 12


@pytest.mark.django_db(transaction=True)
def test_simultaneous_attempts_from_one_client_are_counted_exactly(
    postgresql_only, live_server, settings
):
    settings.TAKEDOWN_ATTEMPT_RATE_LIMIT = (10, WINDOW)
    article = make_article()
    bad = {**notice_data(article), "email": "not-an-email"}

    statuses = _post_at_once(live_server, [bad] * 14)

    assert sorted(statuses) == [400] * 10 + [429] * 4
    assert RateLimitCounter.objects.get(key__startswith="takedown-attempt:").hits == 14


@pytest.mark.django_db(transaction=True)
def test_deleting_ended_counters_never_waits_for_another_request(postgresql_only):
    now = timezone.now()
    RateLimitCounter.objects.create(key="ended", hits=3, ends_at=now - timedelta(seconds=1))
    held, release = threading.Event(), threading.Event()

    def another_request_holds_it():
        try:
            with transaction.atomic():
                RateLimitCounter.objects.select_for_update().get(key="ended")
                held.set()
                release.wait(10)
        finally:
            connection.close()

    other = threading.Thread(target=another_request_holds_it)
    other.start()
    try:
        assert held.wait(5)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")  # a wait would fail the test
            hits = RateLimitCounter.hit("new-window", ends_at=now + timedelta(seconds=60), now=now)
    finally:
        release.set()
        other.join()

    assert hits == 1
    assert RateLimitCounter.objects.filter(key="ended").exists()  # left for a later request
