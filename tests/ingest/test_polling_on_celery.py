"""Feed polling on a real Celery worker (a subprocess) with Redis as the broker."""

import time

import pytest
from django.urls import reverse

from syndication import tasks
from syndication.models import Article, FeedFetch, Source
from tests.conftest import make_source

from .celery_worker import celery_worker, use_broker  # noqa: F401 - the fixture
from .test_polling_rules import ConcurrencyCounter

pytestmark = pytest.mark.django_db(transaction=True)

CHANGELIST = reverse("admin:syndication_source_changelist")


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_beat_task_polls_every_due_source_once_on_the_workers(
    celery_worker,  # noqa: F811
    feed_server,
):
    counter = ConcurrencyCounter(delay=0.3)
    for n in range(8):
        feed_server.expect_request(f"/feed-{n}.xml").respond_with_handler(counter)
        make_source(slug=f"s{n}", feed_url=feed_server.url_for(f"/feed-{n}.xml"))

    # The beat's tick, twice before the first polls end: each source still polls once.
    tasks.poll_due_sources.delay()
    tasks.poll_due_sources.delay()

    assert wait_for(lambda: Source.objects.filter(last_success_at__isnull=False).count() == 8)
    time.sleep(1)  # room for any second poll to show up
    assert sorted(counter.paths) == sorted(f"/feed-{n}.xml" for n in range(8))
    # The worker runs six threads; the per-host limit (2, the worker's setting) held.
    assert counter.most == 2
    assert not Source.objects.filter(poll_lease_until__isnull=False).exists()
    assert Source.objects.filter(next_fetch_at__isnull=False).count() == 8


def test_fetch_feed_now_queues_on_the_worker_and_shows_progress_then_the_result(
    celery_worker,  # noqa: F811
    editor_client,
    feed_server,
    settings,
):
    use_broker(settings)
    counter = ConcurrencyCounter(delay=1.0)
    feed_server.expect_request("/feed.xml").respond_with_handler(counter)
    source = make_source(slug="queued", name="Queued", feed_url=feed_server.url_for("/feed.xml"))

    response = editor_client.post(
        CHANGELIST, {"action": "fetch_feed_now", "_selected_action": [source.pk]}
    )

    assert response.status_code == 302
    progress_url = response["Location"]
    assert progress_url.startswith(reverse("admin:syndication_source_fetches"))
    page = editor_client.get(progress_url).content.decode()
    assert 'http-equiv="refresh"' in page  # until every fetch is done
    assert "Queued" in page

    assert wait_for(lambda: FeedFetch.objects.get().is_finished)
    page = editor_client.get(progress_url).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "All fetches are done." in page
    assert "queued: 2 new, 0 updated" in page
    fetch = FeedFetch.objects.get()
    assert (fetch.status, fetch.entries_done, fetch.entries_total) == ("done", 2, 2)
    assert Article.objects.filter(source=source).count() == 2
