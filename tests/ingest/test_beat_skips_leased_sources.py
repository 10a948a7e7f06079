"""The beat queues no source that a poll holds: it would only wait for it, or be counted twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from syndication import tasks
from syndication.models import Source
from tests.conftest import make_source

from .celery_worker import celery_worker, use_broker  # noqa: F401 - the fixture
from .test_polling_on_celery import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_beat_queues_only_due_sources_no_poll_holds(
    celery_worker,  # noqa: F811
    feed_server,
    serve_feed,
    settings,
):
    use_broker(settings)
    free = make_source(slug="free", feed_url=serve_feed("rss1.rdf", path="/free.xml"))
    held = make_source(slug="held", feed_url=serve_feed("atom.xml", path="/held.xml"))
    # Another poll (another worker, a cron run) is importing `held` right now.
    Source.objects.filter(pk=held.pk).update(poll_lease_until=timezone.now() + timedelta(minutes=5))

    queued = tasks.poll_due_sources()

    assert queued == 1
    assert wait_for(lambda: Source.objects.get(pk=free.pk).last_success_at is not None)
    assert [request.path for request, _ in feed_server.log] == ["/free.xml"]
    assert Source.objects.get(pk=held.pk).last_fetched_at is None
