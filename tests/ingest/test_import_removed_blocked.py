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
