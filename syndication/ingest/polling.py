"""The polling rules, the same for the embedded poller (`import_feeds`) and Celery's workers.

- One poll per source at a time: a poll first claims the source with a
  lease (`Source.poll_lease_until`), a conditional update that only one
  claimant can win, in whichever process or machine it runs. A lease that
  outlives a crashed poller expires on its own; a working import renews
  it (and its host slot) before each long step, each full-text page
  included, so no other poll takes a source still being imported. The
  beat queues no source under a lease (`Source.objects.due_for_fetch()`).
- At most FEED_PER_HOST_CONCURRENCY fetches per host (and port) at once,
  counted in FeedHostSlot rows, so a publisher with many feeds is not
  hammered. A poll that finds its host full gives the source back and is
  tried again shortly (another thread, or a Celery retry).
- A poll of a source that is no longer due (another poll came first) does
  nothing, so a source queued twice is still fetched once.
- Start times are spread by up to FEED_POLL_START_JITTER seconds, and the
  next fetch time by FEED_POLL_JITTER of the interval (schedule.py).

Everything shared lives in the database, so the rules hold with any number
of threads, processes and workers, with or without a broker.
"""

import heapq
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from ..models import FeedHostSlot, Source
from .importer import ImportResult, import_source

logger = logging.getLogger(__name__)

HOST_KEY_MAX = FeedHostSlot._meta.get_field("host").max_length


class Busy:
    """Why a poll did not run: the source is being polled, or its host is full, or not due."""

    SOURCE = "source busy"
    HOST = "host busy"
    NOT_DUE = "not due"


def host_key(url: str) -> str:
    """The host (and port, when the URL names one) whose fetches are counted together."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return (f"{host}:{port}" if port else host)[:HOST_KEY_MAX]


def claim_source(source_id: int, now=None) -> str:
    """Takes the source's poll lease: its token, or "" when another poll holds it."""
    now = now or timezone.now()
    until = now + timedelta(seconds=settings.FEED_POLL_LEASE)
    token = uuid.uuid4().hex
    free = Q(poll_lease_until__isnull=True) | Q(poll_lease_until__lte=now)
    taken = Source.objects.filter(free, pk=source_id).update(
        poll_lease_until=until, poll_lease_token=token
    )
    return token if taken == 1 else ""


def renew(source_id: int, lease: str, host: str, held: tuple[int, str]) -> bool:
    """Extends a working poll's lease and host slot from now, as claim and take sized them.

    Returns False when the poll no longer holds the source (it overran its
    lease and another poll took it): that poll's lease is left alone.
    """
    now = timezone.now()
    kept = Source.objects.filter(pk=source_id, poll_lease_token=lease).update(
        poll_lease_until=now + timedelta(seconds=settings.FEED_POLL_LEASE)
    )
    slot, token = held
    FeedHostSlot.objects.filter(host=host, slot=slot, token=token).update(
        leased_until=now + timedelta(seconds=settings.FEED_TOTAL_TIMEOUT + 30)
    )
    return kept == 1


def release_source(source_id: int, lease: str = "") -> None:
    """Ends the poll lease `lease` (any lease when not given: an editor's reset)."""
    held = Source.objects.filter(pk=source_id)
    if lease:
        held = held.filter(poll_lease_token=lease)
    held.update(poll_lease_until=None, poll_lease_token="")


def take_host_slot(host: str, now=None) -> tuple[int, str] | None:
    """Holds one of the host's slots: (slot, token), or None when all are held."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    # Held for no longer than a fetch may take, so a crashed poller frees it.
    until = now + timedelta(seconds=settings.FEED_TOTAL_TIMEOUT + 30)
    for slot in range(settings.FEED_PER_HOST_CONCURRENCY):
        # Both steps are single statements that only one claimant can win:
        # the update of an expired slot, or the insert of a slot not made yet.
        expired = FeedHostSlot.objects.filter(host=host, slot=slot, leased_until__lte=now)
        if expired.update(leased_until=until, token=token):
            return slot, token
        if FeedHostSlot.objects.filter(host=host, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                FeedHostSlot.objects.create(host=host, slot=slot, leased_until=until, token=token)
        except IntegrityError:
            continue  # taken a moment ago by another poll
        return slot, token
    return None


def release_host_slot(host: str, held: tuple[int, str]) -> None:
    slot, token = held
    FeedHostSlot.objects.filter(host=host, slot=slot, token=token).update(
        leased_until=timezone.now(), token=""
    )


def poll_source(
    source_id: int,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    total_timeout: float | None = None,
) -> ImportResult | str:
    """Polls one source under the rules above: an ImportResult, or the Busy reason it did not.

    `force` polls a source that is not due (an editor's "Fetch feed now",
    `import_feeds --source`); the lease and the host limit still hold.
    """
    started = _start(source_id, force)
    if isinstance(started, str):
        return started
    source, lease, host, held = started
    recorded = False
    try:
        result = import_source(
            source,
            progress=progress,
            total_timeout=total_timeout,
            heartbeat=lambda: renew(source_id, lease, host, held),
            lease=lease,  # ended with the outcome, in the same update
        )
        recorded = True
        return result
    finally:
        release_host_slot(host, held)
        if not recorded:
            release_source(source_id, lease)


def _start(source_id: int, force: bool) -> tuple[Source, str, str, tuple[int, str]] | str:
    """Claims the source, then a slot of its host: (source, lease, host, slot), or the Busy reason.

    One transaction, so a poll that cannot go ahead keeps nothing (the
    rollback gives the claim back), and a poll that can costs one commit,
    not two: on SQLite every writer waits for the one before it.
    """
    with transaction.atomic():
        lease = claim_source(source_id)
        if not lease:
            return Busy.SOURCE
        source = Source.objects.filter(pk=source_id).first()
        if source is None or not source.feed_url or not source.is_active:
            reason = Busy.NOT_DUE
        elif not force and not source.is_due():
            reason = Busy.NOT_DUE  # polled by someone else since it was picked
        else:
            host = host_key(source.feed_url)
            held = take_host_slot(host)
            if held is not None:
                return source, lease, host, held
            reason = Busy.HOST
        transaction.set_rollback(True)
        return reason


def start_delay() -> float:
    """Seconds to wait before one source's poll in a round, so polls do not come in waves."""
    return random.uniform(0, settings.FEED_POLL_START_JITTER)  # noqa: S311 - not security


@dataclass
class Round:
    """What one round of polls did: a result per source polled, in the order they were given."""

    results: list[ImportResult] = field(default_factory=list)
    busy: list[Source] = field(default_factory=list)  # polled elsewhere meanwhile


def poll_round(
    sources,
    *,
    force: bool = False,
    workers: int | None = None,
    jitter: bool = True,
    on_result: Callable[[ImportResult | str, Source], None] | None = None,
    entry_progress: Callable[[int, int], None] | None = None,
) -> Round:
    """Polls `sources` with FEED_POLL_WORKERS threads: the embedded default, needing no broker.

    A source whose host is full waits in the queue and is tried again a
    moment later, while others go ahead. Called inside a transaction (a
    test, a shell in atomic()), it polls in the calling thread only: other
    threads could not see the caller's uncommitted rows.
    """
    sources = list(sources)
    workers = workers or settings.FEED_POLL_WORKERS
    if connection.in_atomic_block:
        workers = 1
    outcomes: dict[int, ImportResult | str] = {}
    now = time.monotonic()
    queue = [(now + (start_delay() if jitter else 0), n) for n in range(len(sources))]
    heapq.heapify(queue)
    lock = threading.Lock()
    progress = entry_progress if workers == 1 else None

    def next_item():
        with lock:
            if not queue:
                return None
            return heapq.heappop(queue)

    def work():
        while (item := next_item()) is not None:
            at, n = item
            wait = at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            source = sources[n]
            try:
                outcome = poll_source(source.pk, force=force, progress=progress)
            except Exception as exc:
                logger.exception("Poll of %s failed", source.slug)
                outcome = ImportResult(source, error=f"{type(exc).__name__}: {exc}"[:500])
            if outcome == Busy.HOST:
                with lock:
                    heapq.heappush(queue, (time.monotonic() + random.uniform(0.02, 0.1), n))  # noqa: S311
                continue
            outcomes[n] = outcome
            if on_result:
                with lock:
                    on_result(outcome, source)

    if workers == 1:
        work()
    else:
        threads = [
            threading.Thread(target=_closing_connections(work), daemon=True)
            for _ in range(min(workers, len(sources)))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    done = Round()
    for n in range(len(sources)):
        outcome = outcomes.get(n)
        if isinstance(outcome, ImportResult):
            done.results.append(outcome)
        elif outcome == Busy.SOURCE:
            done.busy.append(sources[n])
    return done


def _closing_connections(fn):
    """Runs `fn` in a thread, then closes the database connection that thread opened.

    On SQLite the thread's connection commits without waiting for the disk
    (synchronous=NORMAL, WAL's recommended setting): every writer waits for
    the one before it, and with a sync per commit a round of a thousand
    feeds took half again as long (bench/poll_bench.py). A power cut may
    lose a poll's last commits, never corrupt the file, and what a poll
    writes is fetched again by the next one. Other connections keep the
    default, so nothing else (a takedown, an editor's work) is affected.
    """

    def run():
        try:
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA synchronous=NORMAL")
            fn()
        finally:
            connection.close()

    return run
