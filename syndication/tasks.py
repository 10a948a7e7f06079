"""Celery tasks, thin: each calls the polling rules in syndication/ingest/polling.py.

The beat runs `poll_due_sources` every FEED_POLL_TICK seconds; it queues one
`poll_source` task per due source, each with its own random start delay.
"""

import logging
import random

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import ledger
from .ingest import polling
from .models import FeedFetch, Source

logger = logging.getLogger(__name__)

# A source whose host is full is tried again after a short random wait, this many times.
HOST_BUSY_RETRIES = 500


def _soon() -> float:
    return random.uniform(0.05, 0.5)  # noqa: S311 - spreading retries, not security


@shared_task
def poll_due_sources() -> int:
    """Queues a poll of every due source; returns how many were queued."""
    ids = list(Source.objects.due_for_fetch().values_list("pk", flat=True))
    for source_id in ids:
        poll_source.apply_async((source_id,), countdown=polling.start_delay())
    return len(ids)


@shared_task(bind=True, max_retries=HOST_BUSY_RETRIES)
def poll_source(self, source_id: int) -> str:
    """Polls one source if it is still due; its result is recorded on the source."""
    outcome = polling.poll_source(source_id)
    if outcome == polling.Busy.HOST:
        raise self.retry(countdown=_soon())
    return str(outcome)


@shared_task(bind=True, max_retries=HOST_BUSY_RETRIES)
def fetch_now(self, fetch_id: int) -> None:
    """An editor's "Fetch feed now": polls the source, due or not, and reports on the FeedFetch."""
    fetch = FeedFetch.objects.select_related("source").filter(pk=fetch_id).first()
    if fetch is None:
        return
    FeedFetch.objects.filter(pk=fetch_id).update(status=FeedFetch.Status.RUNNING)

    def progress(done, total):
        # Every 25 entries is often enough for a page refreshing every 2 seconds.
        if done % 25 == 0 or done == total:
            FeedFetch.objects.filter(pk=fetch_id).update(entries_done=done, entries_total=total)

    outcome = polling.poll_source(fetch.source_id, force=True, progress=progress)
    if outcome == polling.Busy.HOST or outcome == polling.Busy.SOURCE:
        if self.request.retries < self.max_retries:
            raise self.retry(countdown=_soon())
        outcome_text, status = str(outcome), FeedFetch.Status.FAILED
    elif outcome == polling.Busy.NOT_DUE:
        outcome_text = _("%(source)s was not fetched: it is inactive or has no feed URL.") % {
            "source": fetch.source
        }
        status = FeedFetch.Status.FAILED
    else:
        outcome_text = str(outcome)
        status = FeedFetch.Status.DONE if outcome.ok else FeedFetch.Status.FAILED
    FeedFetch.objects.filter(pk=fetch_id).update(
        status=status, result=outcome_text, finished_at=timezone.now()
    )


@shared_task
def withdraw_unpermitted() -> int:
    """Withdraws the articles whose permission ended or was revoked; returns how many."""
    return len(ledger.withdraw_unpermitted())


def worker_available(timeout: float = 1.0) -> bool:
    """Whether a broker is configured and a worker answers that it takes our queue."""
    if not settings.CELERY_BROKER_URL:
        return False
    from config.celery import app

    queue = app.conf.task_default_queue
    try:
        answers = app.control.inspect(timeout=timeout).active_queues() or {}
    except Exception:
        logger.warning("No answer from the Celery broker; fetching in the web process instead")
        return False
    return any(q.get("name") == queue for queues in answers.values() for q in queues)
