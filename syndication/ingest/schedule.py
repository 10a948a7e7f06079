"""When a source is fetched next: its interval with jitter, what the feed asked for, back-off.

As Miniflux does: a feed's `Cache-Control: max-age` longer than the
interval is honoured, so is `Retry-After`, and a feed answering 429 or 503
is tried again later each time (doubling the interval, up to
FEED_MAX_POLL_DELAY) until it answers.
"""

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from ..models import Source
from .fetching import FetchError

logger = logging.getLogger(__name__)

BACK_OFF_STATUSES = (429, 503)
# Doubling stops after this many failures in a row (2**6 = 64 intervals), below the cap anyway.
MAX_DOUBLINGS = 6


def _capped(seconds: float) -> float:
    return min(seconds, settings.FEED_MAX_POLL_DELAY)


def _with_jitter(seconds: float) -> timedelta:
    """Adds up to FEED_POLL_JITTER of the delay, so sources added together drift apart."""
    spread = seconds * settings.FEED_POLL_JITTER
    return timedelta(seconds=seconds + random.uniform(0, spread))  # noqa: S311 - not security


def next_fetch_after_success(source: Source, now, max_age: float | None):
    """The polling interval, or the feed's max-age when that is longer."""
    delay = source.poll_interval.total_seconds()
    if max_age and max_age > delay:
        delay = _capped(max_age)
    return now + _with_jitter(delay)


def next_fetch_after_failure(source: Source, now, error: FetchError | None):
    """The interval; longer after 429/503 (doubling) or when the server said Retry-After."""
    interval = source.poll_interval.total_seconds()
    delay = interval
    status = getattr(error, "status", None)
    if status in BACK_OFF_STATUSES:
        # consecutive_failures is the count before this failure.
        delay = _capped(interval * 2 ** min(source.consecutive_failures + 1, MAX_DOUBLINGS))
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:
        delay = max(delay, _capped(retry_after))
    return now + _with_jitter(delay)


def flag_if_failing_too_long(source: Source, now) -> bool:
    """Flags a source failing for FEED_FAILING_AFTER to editors, once per failing spell.

    The conditional update is the "once": of any number of polls (or
    workers) seeing the source failing, only the one whose update finds the
    flag still empty reports it. A success clears the flag.
    """
    threshold = now - settings.FEED_FAILING_AFTER
    flagged = (
        Source.objects.filter(pk=source.pk, failure_flagged_at__isnull=True)
        .filter(Q(failing_since__lte=threshold))
        .update(failure_flagged_at=now)
    )
    if flagged:
        logger.warning(
            "The feed of %s has failed since more than %s; flagged to editors.",
            source.slug,
            settings.FEED_FAILING_AFTER,
        )
    return bool(flagged)
