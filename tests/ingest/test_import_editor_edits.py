"""An article an editor edited or published is never overwritten by an import."""

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db

CHANGED = (b"More than 40,000 visitors", b"More than 45,000 visitors")


def _import_then_change(source):
    import_source(source, content=feed_bytes("rss2_content_encoded.xml"))
    return feed_bytes("rss2_content_encoded.xml").replace(*CHANGED)


def test_edited_draft_keeps_the_editors_text_and_is_flagged(editor):
    source = make_source()
    changed = _import_then_change(source)
    article = Article.objects.get(feed_guid="courier-1002")
    article.body = "<p>The editor's own introduction.</p>"
    article.curated_by = editor
    article.save()

    result = import_source(source, content=changed)

    assert result.flagged == 1 and result.updated == 0
    article.refresh_from_db()
    assert article.body == "<p>The editor's own introduction.</p>"
    assert article.upstream_changed is True


def test_published_article_is_not_overwritten(editor):
    source = make_source()
    changed = _import_then_change(source)
    article = Article.objects.get(feed_guid="courier-1002")
    article.publish(by=editor)

    import_source(source, content=changed)

    article.refresh_from_db()
    assert "40,000" in article.body
    assert article.status == Article.Status.PUBLISHED
    assert article.upstream_changed is True


def test_unchanged_entry_does_not_flag_an_edited_article(editor):
    source = make_source()
    import_source(source, content=feed_bytes("rss2_content_encoded.xml"))
    Article.objects.filter(feed_guid="courier-1002").update(curated_by=editor)

    result = import_source(source, content=feed_bytes("rss2_content_encoded.xml"))

    assert result.flagged == 0
    assert Article.objects.get(feed_guid="courier-1002").upstream_changed is False
