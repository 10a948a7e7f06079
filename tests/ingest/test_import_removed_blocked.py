"""An article removed after a takedown is never re-created or re-published by an import."""

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db


def _import_and_remove(source, guid):
    import_source(source, content=feed_bytes("duplicates_tracking.xml"))
    article = Article.objects.get(feed_guid=guid)
    article.remove()
    return article


def test_removed_article_stays_removed_and_is_counted_as_blocked():
    source = make_source(auto_publish=True)
    article = _import_and_remove(source, "bridge-7")

    result = import_source(source, content=feed_bytes("duplicates_tracking.xml"))

    assert result.blocked == 3  # the entry, its duplicate and its http:// variant
    assert result.new == 0
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED
    assert Article.objects.filter(title__startswith="Bridge").count() == 1


def test_removed_article_is_blocked_under_a_new_guid_and_url_variant():
    source = make_source()
    _import_and_remove(source, "bridge-7")
    variant = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        b"<title>Bridge reopens (again)</title><guid>brand-new-guid</guid>"
        b"<link>http://REPEAT.example.org/news/bridge/?id=7&amp;utm_source=newsletter</link>"
        b"</item></channel></rss>"
    )

    result = import_source(source, content=variant)

    assert (result.blocked, result.new) == (1, 0)


def test_removed_article_is_blocked_by_guid_when_its_url_changed():
    source = make_source()
    _import_and_remove(source, "market-8")
    moved = feed_bytes("duplicates_tracking.xml").replace(b"news/market", b"archive/market")

    result = import_source(source, content=moved)

    assert result.blocked == 1
    assert not Article.objects.filter(original_url__contains="archive").exists()


def _feed_with_link(link: str, guid: str = "fresh-guid") -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        f"<title>Story</title><guid>{guid}</guid><link>{link}</link>"
        "</item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("typed_by_editor", "in_feed"),
    [
        ("https://Example.org/story", "https://example.org/story"),
        ("https://example.org/story?utm_source=tw", "https://example.org/story"),
        ("https://example.org/story?b=2&a=1", "https://example.org/story?a=1&amp;b=2"),
        ("https://example.org:443/story#top", "https://example.org/story"),
        ("https://example.org/caf%C3%A9", "https://example.org/café"),
    ],
)
def test_article_an_editor_typed_in_any_spelling_stays_blocked(typed_by_editor, in_feed):
    from tests.conftest import make_article

    source = make_source(auto_publish=True)
    article = make_article(source, original_url=typed_by_editor, feed_guid="")
    article.remove()

    result = import_source(source, content=_feed_with_link(in_feed))

    assert (result.blocked, result.new) == (1, 0)
    assert Article.objects.filter(source=source).count() == 1


def test_a_takedown_accepted_while_the_batch_was_read_wins():
    """The import read the article as an untouched draft; the takedown came before its write."""
    from django.utils import timezone

    from syndication.ingest.entries import map_entry
    from syndication.ingest.importer import BLOCKED, _Known, _store, parse_feed

    source = make_source()
    import_source(source, content=_feed_with_link("https://example.org/race", "race-1"))
    article = Article.objects.get(feed_guid="race-1")
    changed = _feed_with_link("https://example.org/race", "race-1").replace(b"Story", b"Story v2")
    data = map_entry(parse_feed(changed).entries[0])
    known = _Known(source)
    known.load([data])  # the batch sees a draft nobody touched

    article.remove()  # the takedown commits in between
    outcome = _store(source, data, timezone.now(), known)

    assert outcome == BLOCKED
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED
    assert article.title == "Story"
