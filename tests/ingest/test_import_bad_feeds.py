"""Bad feeds and bad entries are recorded on the source; they never stop the rest."""

import pytest

from syndication.ingest import import_due_sources, import_source
from syndication.models import Article
from tests.conftest import make_article, make_source

from .conftest import FEEDS, feed_bytes

pytestmark = pytest.mark.django_db


def test_malformed_xml_still_imports_what_it_can_and_notes_it(serve_feed):
    source = make_source(feed_url=serve_feed("malformed.xml"))

    result = import_source(source)

    assert result.ok and result.new == 2
    source.refresh_from_db()
    assert "not well-formed" in source.last_error
    assert source.last_success_at is not None
    assert source.consecutive_failures == 0


def test_html_page_instead_of_a_feed_is_a_recorded_failure(serve_feed):
    source = make_source(feed_url=serve_feed("not_a_feed.html", content_type="text/html"))

    first = import_source(source)
    import_source(source)

    assert not first.ok
    assert "not an RSS or Atom feed" in str(first)
    source.refresh_from_db()
    assert "not an RSS or Atom feed" in source.last_error
    assert source.consecutive_failures == 2
    assert source.last_success_at is None
    assert not Article.objects.exists()


def test_empty_feed_is_a_success_with_nothing_new(serve_feed):
    source = make_source(feed_url=serve_feed("empty.xml"))

    result = import_source(source)

    assert result.ok and result.new == 0
    source.refresh_from_db()
    assert source.last_error == ""
    assert source.last_success_at is not None


def test_entries_without_link_fail_alone_and_without_title_borrow_their_text():
    result = import_source(make_source(), content=feed_bytes("missing_fields.xml"))

    assert (result.new, result.failed) == (2, 1)
    assert "no link" in result.entry_errors[0]
    untitled = Article.objects.get(original_url="https://sloppy.example.org/untitled")
    assert untitled.title.startswith("An entry without a title still has words")


def test_gigantic_entry_is_refused_and_the_others_kept(settings):
    settings.FEED_MAX_ENTRY_CHARS = 10_000
    huge = "<p>" + "word " * 5_000 + "</p>"
    feed = feed_bytes("rss2_content_encoded.xml").replace(
        b"<p>More than 40,000 visitors", huge.encode() + b"<p>More than 40,000 visitors"
    )

    result = import_source(make_source(), content=feed)

    assert (result.new, result.failed) == (2, 1)
    assert "larger than the limit" in result.entry_errors[0]


def test_an_entry_failing_in_the_database_loses_none_of_the_others():
    source = make_source()
    import_source(source, content=feed_bytes("rss2_content_encoded.xml"))
    make_article(source, original_url="https://courier.example.org/taken")
    # courier-1001 now points at a URL another article holds: its update must fail alone.
    feed = (
        feed_bytes("rss2_content_encoded.xml")
        .replace(b"2026/11/ferry-timetable?utm_source=rss&amp;utm_medium=feed", b"taken")
        .replace(b"More than 40,000", b"More than 41,000")
    )

    result = import_source(source, content=feed)

    assert result.failed == 1
    assert result.updated == 1  # the festival entry, after the failed one in the same run
    assert "41,000" in Article.objects.get(feed_guid="courier-1002").body
    assert Article.objects.get(feed_guid="courier-1001").original_url.endswith("ferry-timetable")


def test_one_failing_source_does_not_stop_the_others(serve_feed, feed_server):
    broken = make_source(name="A broken", feed_url=feed_server.url_for("/missing"))
    working = make_source(name="B working", feed_url=serve_feed("rss1.rdf"))

    results = import_due_sources()

    assert [(r.source, r.ok) for r in results] == [(broken, False), (working, True)]
    assert Article.objects.filter(source=working).count() == 2


def test_feed_body_naming_a_local_file_is_not_read_as_that_file(feed_server):
    # Given bytes, feedparser would first try them as a file name.
    local_file = str(FEEDS / "rss1.rdf").encode()
    feed_server.expect_request("/feed.xml").respond_with_data(local_file)
    source = make_source(feed_url=feed_server.url_for("/feed.xml"))

    result = import_source(source)

    assert "not an RSS or Atom feed" in result.error
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        "<link>http://[::1/bad</link><guid>bad-1</guid>",
        '<guid isPermaLink="true">http://[zz]/a</guid>',
    ],
)
def test_an_entry_with_a_malformed_link_fails_alone(bad):
    source = make_source()
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>First</title><link>https://example.org/1</link></item>"
        f"<item><title>Broken</title>{bad}</item>"
        "<item><title>Third</title><link>https://example.org/3</link></item>"
        "</channel></rss>"
    ).encode()

    result = import_source(source, content=feed)

    assert (result.new, result.failed) == (2, 1)
    assert sorted(source.articles.values_list("title", flat=True)) == ["First", "Third"]
