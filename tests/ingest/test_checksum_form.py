"""Checksums stored by the earlier importer, over feedparser's rewriting of each body, are
recognised: an unchanged entry is not news to editors, and a changed one still is."""

import io

import feedparser
import pytest

from syndication.ingest import import_source
from syndication.ingest.entries import map_entry
from syndication.ingest.importer import parse_feed
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db

CHANGE = (b"the pier map", b"the new pier map")


def _feed(changed=False) -> bytes:
    feed = feed_bytes("relative_links.xml")
    return feed.replace(*CHANGE) if changed else feed


def _earlier_checksum(document: bytes) -> str:
    """The checksum as the earlier importer stored it: over the body as feedparser rewrote it."""
    digests = []
    for resolve in (True, False):
        parsed = feedparser.parse(
            io.BytesIO(document), sanitize_html=False, resolve_relative_uris=resolve
        )
        data = map_entry(parsed.entries[0], parsed.feed.link)
        digests.append(data._digest(data.raw_body))
    rewritten, as_written = digests
    assert rewritten != as_written  # so these tests are about a body feedparser rewrote
    return rewritten


def _imported(editor, publish=True) -> Article:
    source = make_source()
    import_source(source, content=_feed())
    article = Article.objects.get(feed_guid="ferry-1")
    if publish:
        article.publish(by=editor)
    Article.objects.filter(pk=article.pk).update(upstream_checksum=_earlier_checksum(_feed()))
    article.refresh_from_db()
    return article


def test_a_published_article_with_the_earlier_checksum_is_not_flagged(editor):
    article = _imported(editor)

    result = import_source(article.source, content=_feed())

    stored = Article.objects.get(pk=article.pk)
    assert result.flagged == 0 and result.skipped == 1
    assert stored.upstream_changed is False
    assert stored.upstream_checksum.startswith("2:")
    assert stored.updated_at == article.updated_at  # nothing readers see changed


def test_a_draft_with_the_earlier_checksum_keeps_its_text(editor):
    article = _imported(editor, publish=False)
    full_text = "<p>The whole story, as fetched from its page.</p>"
    Article.objects.filter(pk=article.pk).update(body=full_text)

    result = import_source(article.source, content=_feed())

    assert result.updated == 0
    assert Article.objects.get(pk=article.pk).body == full_text


def test_an_entry_changed_since_the_earlier_checksum_is_still_news(editor):
    article = _imported(editor)

    result = import_source(article.source, content=_feed(changed=True))

    assert result.flagged == 1
    assert Article.objects.get(pk=article.pk).upstream_changed is True


def test_a_json_feed_item_with_the_earlier_checksum_is_not_flagged(editor):
    # feedparser never rewrote JSON Feed bodies: the earlier checksum is of the body as it is.
    source = make_source()
    import_source(source, content=feed_bytes("jsonfeed.json"))
    article = Article.objects.filter(source=source).order_by("pk").first()
    article.publish(by=editor)
    parsed = parse_feed(feed_bytes("jsonfeed.json"))
    entry = next(e for e in parsed.entries if e["id"] == article.feed_guid)
    data = map_entry(entry, parsed.feed.get("link", ""))
    Article.objects.filter(pk=article.pk).update(upstream_checksum=data._digest(data.raw_body))

    result = import_source(source, content=feed_bytes("jsonfeed.json"))

    stored = Article.objects.get(pk=article.pk)
    assert result.flagged == 0 and stored.upstream_changed is False
    assert stored.upstream_checksum == data.checksum
