"""Checksums stored by the earlier importer, over feedparser's rewriting of each body, are
recognised: an unchanged entry is not news to editors, and a changed one still is."""

import io

import feedparser
import pytest

from syndication.ingest import import_source
from syndication.ingest.entries import map_entry
from syndication.models import Article
from tests.conftest import make_source

pytestmark = pytest.mark.django_db

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour News</title><link>https://harbour.example.org/</link>
<item>
  <title>New ferry timetable</title>
  <link>https://harbour.example.org/news/ferry</link>
  <guid isPermaLink="false">ferry-1</guid>
  <description>The new timetable starts on Monday.</description>
  <content:encoded><![CDATA[<p>See <a href=timetable.pdf>the timetable</a>.<br>
  Boats leave every {minutes} minutes.</p>]]></content:encoded>
</item>
</channel></rss>"""


def _feed(minutes=20) -> bytes:
    return FEED.replace("{minutes}", str(minutes)).encode()


def _earlier_checksum(document: bytes) -> str:
    """The checksum as the earlier importer stored it: over the body feedparser rewrote."""
    parsed = feedparser.parse(io.BytesIO(document), sanitize_html=False)
    data = map_entry(parsed.entries[0], parsed.feed.link)
    return data._digest(data.raw_body)


def _imported(editor, publish=True) -> Article:
    source = make_source()
    import_source(source, content=_feed())
    article = Article.objects.get(feed_guid="ferry-1")
    if publish:
        article.publish(by=editor)
    Article.objects.filter(pk=article.pk).update(upstream_checksum=_earlier_checksum(_feed()))
    article.refresh_from_db()
    return article


def test_the_fixture_is_one_feedparser_rewrote():
    parsed = feedparser.parse(io.BytesIO(_feed()), sanitize_html=False)
    untouched = feedparser.parse(
        io.BytesIO(_feed()), sanitize_html=False, resolve_relative_uris=False
    )
    assert parsed.entries[0].content[0].value != untouched.entries[0].content[0].value


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

    result = import_source(article.source, content=_feed(minutes=30))

    assert result.flagged == 1
    assert Article.objects.get(pk=article.pk).upstream_changed is True
