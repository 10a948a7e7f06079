"""Full text from the article's own page, for sources that opt in and whose permission allows it;
tested on saved article pages kept as test data."""

from pathlib import Path

import pytest

from syndication.ingest import import_source
from syndication.ingest.fulltext import extract
from syndication.models import Article
from tests.conftest import make_source

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SUMMARY = "The storm brought strong winds to the coast."


def page(name) -> bytes:
    return (PAGES / name).read_bytes()


def summary_feed(link) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Coast News</title>
<link>https://coast.example.org/</link><description>d</description>
<item><title>Storm leaves 85,000 homes without power</title><link>{link}</link>
<guid>storm-1</guid><description>{SUMMARY}</description></item></channel></rss>""".encode()


@pytest.fixture
def serve_page(feed_server):
    def serve(name, path="/2026/12/storm", status=200):
        feed_server.expect_request(path).respond_with_data(
            page(name) if name else b"", status=status, content_type="text/html; charset=utf-8"
        )
        return feed_server.url_for(path)

    return serve


def _source(**flags):
    return make_source(**{"fetch_full_text": True, **flags})


def test_the_main_text_of_a_saved_article_page_is_extracted_without_the_page_around_it():
    body = extract(page("news_article.html"), "https://coast.example.org/2026/12/storm")

    assert "About 85,000 homes were still without electricity" in body
    assert "Insurers said it was too early" in body
    for chrome in ("Subscribe", "cookies", "Related stories", "All rights reserved", "umbrella"):
        assert chrome not in body


def test_the_extracted_text_is_sanitised_like_every_body():
    body = extract(page("news_article.html"), "https://coast.example.org/2026/12/storm")

    assert "<script" not in body and "onerror" not in body and "alert" not in body
    assert "trackPageView" not in body and "dataLayer" not in body


def test_an_opted_in_source_gets_the_full_text_through_the_fetcher(serve_page):
    url = serve_page("news_article.html")
    source = _source()

    result = import_source(source, content=summary_feed(url))

    article = Article.objects.get()
    assert result.new == 1 and result.ok
    assert "Rail services between the port and the capital" in article.body
    assert article.summary == SUMMARY  # the feed's summary stays the summary
    assert article.full_text_error == ""


def test_a_source_that_has_not_opted_in_keeps_the_feeds_text(serve_page, feed_server):
    url = serve_page("news_article.html")

    import_source(make_source(), content=summary_feed(url))

    assert Article.objects.get().body == f"<p>{SUMMARY}</p>"
    assert not feed_server.log  # the page was not even requested


@pytest.mark.parametrize("scope", ["excerpt", None])
def test_without_permission_for_the_full_text_the_page_is_not_fetched(
    serve_page, feed_server, scope
):
    url = serve_page("news_article.html")

    import_source(_source(permission=scope), content=summary_feed(url))

    article = Article.objects.get()
    assert article.body == f"<p>{SUMMARY}</p>"
    assert "no permission in the rights ledger covers it" in article.full_text_error
    assert not feed_server.log


@pytest.mark.parametrize(
    ("name", "status", "reason"),
    [
        ("paywall.html", 200, "too short to be the article"),
        (None, 404, "The server answered HTTP 404"),
    ],
)
def test_a_failure_keeps_the_summary_and_says_why(serve_page, name, status, reason):
    url = serve_page(name, status=status)
    source = _source()

    result = import_source(source, content=summary_feed(url))

    article = Article.objects.get()
    assert article.body == f"<p>{SUMMARY}</p>"
    assert article.full_text_error.startswith("Full text not fetched: ")
    assert reason in article.full_text_error
    assert result.ok  # the feed itself was fine
    assert "Full text not fetched for 1 articles" in result.notes()


def test_the_page_goes_through_the_address_guard(serve_page, settings):
    url = serve_page("news_article.html")
    settings.FEED_ALLOW_PRIVATE_ADDRESSES = False

    import_source(_source(), content=summary_feed(url))

    article = Article.objects.get()
    assert "non-public address 127.0.0.1" in article.full_text_error
    assert article.body == f"<p>{SUMMARY}</p>"


def test_an_editors_text_is_never_replaced(serve_page, editor):
    url = serve_page("news_article.html")
    source = _source()
    import_source(source, content=summary_feed("https://coast.example.org/elsewhere"))
    Article.objects.update(curated_by=editor, body="<p>The editor's text.</p>", original_url=url)

    import_source(source, content=summary_feed(url).replace(b"strong winds", b"gales"))

    assert Article.objects.get().body == "<p>The editor's text.</p>"
