"""Importing the same feed again never creates a second copy; changed drafts are updated."""

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["rss2_content_encoded.xml", "atom.xml", "rss1.rdf", "duplicates_tracking.xml"]
)
def test_reimport_creates_nothing_and_skips_every_entry(name):
    source = make_source()
    first = import_source(source, content=feed_bytes(name))
    count = Article.objects.count()

    again = import_source(source, content=feed_bytes(name))

    assert Article.objects.count() == count
    assert (again.new, again.updated, again.failed) == (0, 0, 0)
    assert again.skipped == first.new + first.skipped


def test_changed_entry_updates_an_untouched_draft():
    source = make_source()
    import_source(source, content=feed_bytes("rss2_content_encoded.xml"))
    slug = Article.objects.get(feed_guid="courier-1001").slug
    changed = feed_bytes("rss2_content_encoded.xml").replace(
        b"Council approves new ferry timetable", b"Council approves new ferry timetable (updated)"
    )

    result = import_source(source, content=changed)

    assert (result.new, result.updated, result.skipped) == (0, 1, 2)
    article = Article.objects.get(feed_guid="courier-1001")
    assert article.title == "Council approves new ferry timetable (updated)"
    assert article.slug == slug  # links never change under readers
    assert article.upstream_changed is False
