"""Per-client rate limits, counted in the database in fixed windows.

The database is shared by every worker and machine, and a limited request
needs it anyway (it stores a notice or looks one up), so the limit holds
whether or not the cache is up. Windows are fixed: window number N of a
`seconds`-long limit runs from N * seconds to (N + 1) * seconds since the
epoch, so a client can at most get `count` requests at the end of one window
and `count` more at the start of the next: the usual price of fixed windows,
accepted for a counter that is one row and never outlives its window.
"""

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from .clientip import client_ip
from .models import RateLimitCounter


def client_id(request) -> str:
    """The client's address (behind our own proxies, see clientip), hashed.

    Hashed so the database never holds a plain address of someone filing a notice.
    """
    address = client_ip(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def allow(scope: str, request, limit: tuple[int, int]) -> bool:
    """Counts one request of this client in `scope`; False once it is over `limit`."""
    count, seconds = limit
    now = timezone.now()
    window = int(now.timestamp()) // seconds
    ends_at = datetime.fromtimestamp((window + 1) * seconds, tz=UTC)
    key = f"{scope}:{client_id(request)}:{window}"
    return RateLimitCounter.hit(key, ends_at=ends_at, now=now) <= count
