"""Editors fetch a feed from the admin and see each source's feed health there."""

import time

import pytest
from django.urls import reverse
from werkzeug import Response

from syndication.models import Article, FeedFetch
from tests.conftest import make_source

from .celery_worker import use_broker
from .conftest import feed_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:syndication_source_changelist")


def _fetch_now(client, *sources):
    return client.post(
        CHANGELIST,
        {"action": "fetch_feed_now", "_selected_action": [s.pk for s in sources]},
        follow=True,
    )


def test_fetch_feed_now_imports_and_reports_the_summary(editor_client, serve_feed):
    source = make_source(slug="oldsite", feed_url=serve_feed("rss1.rdf"))

    response = _fetch_now(editor_client, source)

    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["oldsite: 2 new, 0 updated, 0 skipped, 0 failed, 0 blocked, "
                        "0 with a newer upstream version"]  # fmt: skip
    assert Article.objects.filter(source=source).count() == 2


def test_fetch_feed_now_reports_a_failure_and_the_list_shows_it(editor_client, feed_server):
    feed_server.expect_request("/gone").respond_with_data("", status=410)
    broken = make_source(slug="broken", feed_url=feed_server.url_for("/gone"))
    working = make_source(slug="fine", feed_url="")

    response = _fetch_now(editor_client, broken, working)

    html = response.content.decode()
    # The admin capitalises the first letter of each message.
    assert "Broken: failed: The server answered HTTP 410 GONE." in html
    assert "was not fetched: it is inactive or has no feed URL" in html
    assert "1 failure: The server answered HTTP 410 GONE." in html


def test_failing_filter_lists_only_failing_sources(editor_client):
    make_source(name="Healthy", feed_url="https://healthy.example.org/feed")
    make_source(name="Sickly", feed_url="https://sickly.example.org/feed", consecutive_failures=3)

    response = editor_client.get(CHANGELIST, {"feed_health": "failing"})

    names = [s.name for s in response.context["cl"].result_list]
    assert names == ["Sickly"]


def test_source_page_shows_the_last_error(editor_client):
    source = make_source(
        feed_url="https://sickly.example.org/feed",
        last_error="Timed out: read",
        consecutive_failures=1,
    )

    response = editor_client.get(reverse("admin:syndication_source_change", args=[source.pk]))

    assert "Timed out: read" in response.content.decode()


def test_fetch_feed_now_stops_when_its_time_is_up_and_names_the_rest(
    editor_client, feed_server, held_answers, settings
):
    settings.FEED_ADMIN_TIMEOUT = 2
    settings.FEED_READ_TIMEOUT = 10  # only the action's own limit applies
    feed_server.expect_request("/slow").respond_with_handler(
        held_answers(lambda: Response(feed_bytes("rss1.rdf")), seconds=3)
    )
    slow_source = make_source(slug="slowpoke", feed_url=feed_server.url_for("/slow"))
    waiting = [
        make_source(name=f"Waiting {n}", feed_url=feed_server.url_for(f"/feed-{n}.xml"))
        for n in range(2)
    ]

    started = time.monotonic()
    response = _fetch_now(editor_client, slow_source, *waiting)

    assert time.monotonic() - started < 2.9
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("slowpoke: failed: Timed out") for m in messages)
    assert "Not fetched, out of time: Waiting 0, Waiting 1. Fetch them again." in messages
    for source in waiting:
        source.refresh_from_db()
        assert source.last_fetched_at is None


def test_fetch_feed_now_runs_in_the_request_when_no_worker_answers(
    editor_client, serve_feed, settings
):
    use_broker(settings)  # a broker, but no worker takes this test run's queue
    source = make_source(slug="inline", feed_url=serve_feed("rss1.rdf"))

    response = _fetch_now(editor_client, source)

    messages = [str(m) for m in response.context["messages"]]
    assert messages[0].startswith("inline: 2 new")
    assert not FeedFetch.objects.exists()


def test_fetch_feed_now_in_the_request_keeps_to_the_polling_rules(
    editor_client, serve_feed, settings
):
    # No worker: the fetch runs here, but a source another poll holds is left to it.
    from syndication.ingest.polling import claim_source, release_source

    use_broker(settings)
    source = make_source(slug="held", feed_url=serve_feed("rss1.rdf"))
    assert claim_source(source.pk)
    try:
        response = _fetch_now(editor_client, source)
    finally:
        release_source(source.pk)

    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["held: not fetched now (source busy). Try again in a moment."]
    assert not Article.objects.filter(source=source).exists()
