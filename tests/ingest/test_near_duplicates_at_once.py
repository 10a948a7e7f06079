"""Two workers importing the same wire story at the same moment publish it once: the check for
an earlier copy and the storing of this one are serialised (duplicates._serialise)."""

import threading

import pytest
from werkzeug import Response

from syndication.ingest import polling
from syndication.models import Article, NearDuplicate, Source
from tests.conftest import make_source

from .test_near_duplicates import feed

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_wire_story_imported_by_two_sources_at_once_is_published_once(feed_server):
    together = threading.Barrier(2, timeout=10)

    def answer(body):
        def handler(request):
            together.wait()  # both feeds go out at the same moment
            return Response(body, content_type="application/rss+xml")

        return handler

    for n, lede in enumerate(("wire_lede_a", "wire_lede_b")):
        url = f"https://paper{n}.example.org/wire-story"
        feed_server.expect_request(f"/feed-{n}.xml").respond_with_handler(
            answer(feed(url, lede, "wire_body"))
        )
        make_source(
            slug=f"paper-{n}", feed_url=feed_server.url_for(f"/feed-{n}.xml"), auto_publish=True
        )

    done = polling.poll_round(Source.objects.due_for_fetch(), workers=2, jitter=False)

    assert [r.new for r in done.results] == [1, 1]
    assert Article.objects.count() == 2
    assert Article.objects.filter(status=Article.Status.PUBLISHED).count() == 1
    copy = Article.objects.get(status=Article.Status.DRAFT)
    assert NearDuplicate.objects.get().article == copy
