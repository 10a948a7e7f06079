"""The per-client rate limit on /takedown/ and /takedown/status/, counted in the shared cache.

Run once through the local-memory cache and once through real Redis (when one
answers on 127.0.0.1), the cache production uses to share limits between workers.
"""

import os
import uuid

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from syndication.models import TakedownRequest
from tests.takedown_factories import notice_data

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def _redis_reachable():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means "no Redis here"
        return False


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request):
    if request.param == "locmem":
        yield "locmem"
        return
    if not _redis_reachable():
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"test-ratelimit-{uuid.uuid4().hex}"
    redis_cache = {
        "default": {
            "BACKEND": "syndication.redis_cache.RedisCache",  # as in production
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=redis_cache):
        assert type(caches["default"]).__name__ == "RedisCache"
        yield "redis"
        # Remove only this test's keys; never flush a database others use.
        client = caches["default"]._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


def test_sixth_notice_in_ten_minutes_gets_a_friendly_429(client, article, shared_cache):
    for _ in range(5):
        assert client.post("/takedown/", notice_data(article)).status_code == 302

    response = client.post("/takedown/", notice_data(article))

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert int(response["Retry-After"]) == 600
    assert TakedownRequest.objects.count() == 5


def test_the_limit_counts_across_clients_sharing_the_cache_by_address(article, shared_cache):
    """Two workers are two clients objects here; the count lives in the cache, not in either."""
    worker_a, worker_b = Client(), Client()
    for i in range(5):
        worker = worker_a if i % 2 else worker_b
        assert worker.post("/takedown/", notice_data(article)).status_code == 302
    assert worker_a.post("/takedown/", notice_data(article)).status_code == 429
    assert worker_b.post("/takedown/", notice_data(article)).status_code == 429


def test_another_address_is_not_limited(article, shared_cache):
    busy, other = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(6):
        busy.post("/takedown/", notice_data(article))
    assert busy.post("/takedown/", notice_data(article)).status_code == 429
    assert other.post("/takedown/", notice_data(article)).status_code == 302


def test_reading_the_form_is_not_limited(client, article, shared_cache):
    for _ in range(6):
        client.post("/takedown/", notice_data(article))
    assert client.get("/takedown/").status_code == 200


def test_status_lookups_are_rate_limited(client, db, shared_cache):
    lookup = {"reference": "TD-000000000", "email": "someone@example.org"}
    for _ in range(10):
        assert client.post("/takedown/status/", lookup).status_code == 404
    assert client.post("/takedown/status/", lookup).status_code == 429


def test_behind_our_proxy_each_client_has_its_own_limit(settings, article, shared_cache):
    settings.TRUSTED_PROXY_COUNT = 1
    same_proxy = {"REMOTE_ADDR": "10.9.9.9"}
    # A client's own forged entry in front does not change who it is.
    first = Client(**same_proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.1")
    second = Client(**same_proxy, HTTP_X_FORWARDED_FOR="203.0.113.2")
    for _ in range(5):
        first.post("/takedown/", notice_data(article))
    assert first.post("/takedown/", notice_data(article)).status_code == 429
    assert second.post("/takedown/", notice_data(article)).status_code == 302


def test_a_claimant_who_mistypes_is_not_locked_out(client, article, shared_cache):
    bad = {**notice_data(article), "email": "not-an-email"}
    statuses = [client.post("/takedown/", bad).status_code for _ in range(5)]
    assert statuses == [400] * 5
    assert client.post("/takedown/", notice_data(article)).status_code == 302


def test_a_flood_of_invalid_posts_is_limited_too(client, article, shared_cache):
    bad = {**notice_data(article), "email": "not-an-email"}
    statuses = [client.post("/takedown/", bad).status_code for _ in range(21)]
    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429
    assert TakedownRequest.objects.count() == 0


def test_a_notice_gets_through_when_the_cache_is_down(client, article, cache_down):
    response = client.post("/takedown/", notice_data(article))
    assert response.status_code == 302
    assert TakedownRequest.objects.count() == 1
