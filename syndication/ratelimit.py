"""Per-client rate limits counted in Django's cache.

The cache is Redis in production, shared by every worker and machine, so a
limit holds however requests are spread; `add` and `incr` are atomic there.
A client's window starts with its first counted request and lasts `seconds`.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from .clientip import client_ip

logger = logging.getLogger(__name__)


def client_id(request) -> str:
    """The client's address (behind our own proxies, see clientip), hashed.

    Hashed so the cache never holds a plain address of someone filing a notice.
    """
    address = client_ip(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def allow(scope: str, request, limit: tuple[int, int]) -> bool:
    """Counts one request of this client in `scope`; False once it is over `limit`."""
    count, seconds = limit
    key = f"ratelimit:{scope}:{client_id(request)}"
    try:
        if cache.add(key, 1, timeout=seconds):
            return True
        try:
            hits = cache.incr(key)
        except ValueError:
            # The window expired between add and incr: this request opens a new one.
            cache.add(key, 1, timeout=seconds)
            hits = 1
    except Exception:
        # Without the shared cache there is nothing to count with. A rights
        # holder's notice matters more than the limit: let it through, loudly.
        logger.exception("Rate limit %s not enforced: cache unavailable", scope)
        return True
    return hits <= count
