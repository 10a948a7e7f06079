"""Django's Redis cache backend, without a new client object per call.

Django's RedisCacheClient builds a fresh `redis.Redis` for every cache
operation; its constructor alone costs about 0.3 ms of Python, more than
the network round trip to a local Redis. A cached page needs two cache
reads, so that overhead halved the throughput of cached pages. One client
per connection pool is safe to share: redis-py clients are thread-safe and
take a connection from the pool for each command.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClientRedisCacheClient
