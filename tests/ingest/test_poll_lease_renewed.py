"""A poll keeps its source for as long as its import works: a long full-text import renews the
lease, so no other poll takes a source still being imported."""

import threading
import time

import pytest
from django.db import connection
from werkzeug import Response

from syndication.ingest import polling
from syndication.models import Article, Source
from tests.conftest import make_source

from .test_full_text import PAGES

pytestmark = pytest.mark.django_db(transaction=True)


def summaries(*links) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{link}</link><guid>story-{n}</guid>"
        "<description>A short summary.</description></item>"
        for n, link in enumerate(links)
    )
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Slow pages</title>
<link>https://slow.example.org/</link><description>d</description>{items}</channel>
</rss>""".encode()


def test_a_long_full_text_import_keeps_its_lease_past_the_lease_time(feed_server, settings):
    settings.FEED_POLL_LEASE = 1  # seconds; the import below takes about 2
    second_page_asked = threading.Event()

    def slow_page(request):
        if request.path.endswith("-1"):
            second_page_asked.set()
        time.sleep(0.9)
        return Response((PAGES / "news_article.html").read_bytes(), content_type="text/html")

    for n in range(2):
        feed_server.expect_request(f"/story-{n}").respond_with_handler(slow_page)
    links = [feed_server.url_for(f"/story-{n}") for n in range(2)]
    feed_server.expect_request("/feed.xml").respond_with_data(summaries(*links))
    source = make_source(feed_url=feed_server.url_for("/feed.xml"), fetch_full_text=True)
    results = []

    def poll_in_a_thread():
        try:
            results.append(polling.poll_source(source.pk))
        finally:
            connection.close()  # the thread's own, or it outlives the test database

    poll = threading.Thread(target=poll_in_a_thread)
    poll.start()
    try:
        assert second_page_asked.wait(10)
        time.sleep(0.5)  # over a second since the source was claimed
        # Another poller (the beat, a cron run) tries to take the source.
        taken = polling.claim_source(source.pk)
        leased = Source.objects.filter(pk=source.pk, poll_lease_until__isnull=False).exists()
    finally:
        poll.join(20)

    assert not taken
    assert leased
    assert results and results[0].new == 2
    assert Article.objects.filter(full_text_error="").count() == 2
