"""JSON Feed 1.1 (and 1.0) is imported beside RSS and Atom, through the same importer."""

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db


def test_json_feed_items_become_drafts_with_their_attribution():
    source = make_source(homepage="https://gazette.example.org/")

    result = import_source(source, content=feed_bytes("jsonfeed.json"))

    assert (result.new, result.failed) == (3, 0), str(result)
    article = Article.objects.get(feed_guid="gazette-2026-11-30-lighthouse")
    assert article.title == "Lighthouse reopens after two years"
    assert article.original_url == "https://gazette.example.org/2026/11/lighthouse-reopens"
    assert article.original_authors == "Ana Pereira, Tom Berg"
    assert article.summary == "The old lighthouse on the point welcomes visitors again."
    assert article.original_published_at.isoformat() == "2026-11-30T07:15:00+00:00"
    assert article.status == Article.Status.DRAFT


def test_json_feed_html_is_sanitised_like_every_body():
    source = make_source()

    import_source(source, content=feed_bytes("jsonfeed.json"))

    body = Article.objects.get(feed_guid="gazette-2026-11-30-lighthouse").body
    assert "<strong>welcomes visitors</strong>" in body
    assert "<script" not in body and "alert" not in body


def test_plain_text_items_relative_links_and_the_feeds_authors(serve_feed):
    source = make_source()

    import_source(source, url=serve_feed("jsonfeed.json", content_type="application/feed+json"))

    market = Article.objects.get(feed_guid="gazette-2026-11-29-market")
    assert market.original_url.endswith("/2026/11/winter-market")
    assert market.original_url.startswith("http://127.0.0.1:")  # against the feed's address
    assert market.title.startswith("The winter market opens on Saturday")
    assert "<p>" in market.body and "forty stalls" in market.body
    assert market.original_authors == "Gazette Staff"  # the feed's, for an item without its own


def test_a_numeric_id_and_an_external_url_are_used():
    import_source(make_source(), content=feed_bytes("jsonfeed.json"))

    linked = Article.objects.get(feed_guid="12345")
    assert linked.original_url == "https://elsewhere.example.net/report"


def test_json_feed_1_0_with_one_author_and_the_id_as_link():
    import_source(make_source(), content=feed_bytes("jsonfeed_v1.json"))

    article = Article.objects.get()
    assert article.original_url == "https://old.example.org/posts/1"
    assert article.original_authors == "Feed Author"


def test_a_json_feed_imported_again_changes_nothing():
    source = make_source()
    import_source(source, content=feed_bytes("jsonfeed.json"))

    again = import_source(source, content=feed_bytes("jsonfeed.json"))

    assert (again.new, again.skipped) == (0, 3)


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": ', "not valid JSON"),
        (b'{"title": "no version", "items": []}', "no JSON Feed version"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "no list of items"),
        (b'["a list"]', "no JSON Feed version"),
    ],
)
def test_broken_json_feeds_fail_with_a_clear_message(document, reason):
    source = make_source()

    result = import_source(source, content=document)

    assert not result.ok
    assert result.error.startswith("This is not a JSON Feed: ")
    assert reason in result.error
    assert not Article.objects.exists()


def test_a_json_feed_served_as_json_over_http_is_read(serve_feed):
    source = make_source(feed_url=serve_feed("jsonfeed.json", content_type="application/json"))

    assert import_source(source).new == 3
