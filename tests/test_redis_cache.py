"""The Redis cache backend production uses: Django's, sharing one client per pool."""

import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.test_takedown_rate_limit import REDIS_URL, _redis_reachable


@pytest.fixture
def redis_cache():
    if not _redis_reachable():
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"test-backend-{uuid.uuid4().hex}"
    config = {
        "default": {
            "BACKEND": "syndication.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=config):
        cache = caches["default"]
        yield cache
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


def test_cache_operations_work(redis_cache):
    redis_cache.set("a", {"page": b"<html>"}, 30)
    assert redis_cache.get("a") == {"page": b"<html>"}
    assert redis_cache.add("n", 1, 30)
    assert redis_cache.incr("n") == 2
    assert redis_cache.get_many(["a", "n", "missing"]) == {"a": {"page": b"<html>"}, "n": 2}


def test_one_client_serves_every_call(redis_cache):
    backend = redis_cache._cache
    assert backend.get_client() is backend.get_client(write=True)
