"""Each feed format and encoding maps to articles with their attribution filled in."""

from datetime import UTC, datetime

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db


def test_rss2_entry_becomes_a_draft_with_content_encoded_as_body():
    source = make_source()
    result = import_source(source, content=feed_bytes("rss2_content_encoded.xml"))

    assert (result.new, result.failed) == (3, 0)
    article = Article.objects.get(feed_guid="courier-1001")
    assert article.status == Article.Status.DRAFT
    assert article.source == source
    assert article.title == "Council approves new ferry timetable"
    assert article.original_url == "https://courier.example.org/2026/11/ferry-timetable"
    assert article.original_authors == "Maria Olsen"
    assert article.original_published_at == datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
    assert article.summary == "The ferry will run every 20 minutes from December."
    assert "the council decided on Monday" in article.body  # content:encoded, not description
    assert "<strong>1,200</strong>" in article.body
    assert article.retrieved_at is not None
    assert article.curated_by is None


def test_entry_without_a_date_falls_back_to_the_retrieval_time():
    import_source(make_source(), content=feed_bytes("rss2_content_encoded.xml"))

    article = Article.objects.get(feed_guid="courier-1003")
    assert article.original_published_at == article.retrieved_at
    assert article.body == "<p>The town library will open until 21:00 on weekdays.</p>"


def test_atom_entries_keep_every_author_and_plain_text_titles():
    result = import_source(make_source(), content=feed_bytes("atom.xml"))

    assert (result.new, result.failed) == (2, 0)
    moss = Article.objects.get(feed_guid="tag:fieldnotes.example.net,2026:moss")
    assert moss.title == "Why moss grows on the north side"
    assert moss.original_authors == "Ana Lindqvist, Joe Park"
    assert moss.original_published_at == datetime(2026, 11, 19, 7, 15, tzinfo=UTC)
    assert moss.body.startswith("<p>A short answer: <em>shade and moisture</em>.</p>")


def test_atom_relative_link_resolves_against_the_feed_site():
    import_source(make_source(), content=feed_bytes("atom.xml"))

    birds = Article.objects.get(feed_guid="tag:fieldnotes.example.net,2026:winter-birds")
    assert birds.original_url == "https://fieldnotes.example.net/posts/winter-birds"
    assert "<strong>212</strong>" in birds.body


def test_rss1_items_are_imported():
    result = import_source(make_source(), content=feed_bytes("rss1.rdf"))

    assert result.new == 2
    walls = Article.objects.get(original_url="https://oldsite.example.com/articles/42")
    assert walls.original_authors == "Hamish Reid"
    assert walls.original_published_at == datetime(2026, 11, 1, 10, 0, tzinfo=UTC)


def test_latin1_feed_is_decoded():
    import_source(make_source(), content=feed_bytes("latin1.xml"))

    article = Article.objects.get(feed_guid="journal-55")
    assert article.title == "Café crème : les prix grimpent à Noël"
    assert article.original_authors == "Amélie Dupré"


def test_feed_in_another_encoding_than_declared_is_read_and_noted():
    source = make_source(feed_url="https://journal.example.fr/rss")
    result = import_source(source, content=feed_bytes("mislabelled_encoding.xml"))

    assert result.new == 1
    assert Article.objects.get(feed_guid="journal-56").title.startswith("Café crème")
    assert "declared as utf-8" in result.warning


def test_auto_publish_source_publishes_new_entries_at_once():
    source = make_source(auto_publish=True)
    import_source(source, content=feed_bytes("rss1.rdf"))

    assert Article.objects.published().filter(source=source).count() == 2
