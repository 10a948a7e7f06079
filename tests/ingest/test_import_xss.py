"""Nothing in a feed can put script into a reader's browser: titles, summaries, bodies, links."""

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db

DANGERS = ["<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "<svg", "<style"]


def test_xss_payloads_are_removed_from_every_stored_field():
    result = import_source(make_source(), content=feed_bytes("xss.xml"))

    article = Article.objects.get(feed_guid="evil-1")
    assert result.new == 1
    for field in (article.title, article.summary, article.body, article.original_url):
        for danger in DANGERS:
            assert danger not in field.lower()
    assert article.title == "Innocent headline"
    assert article.summary == "A summary"


def test_entry_with_a_javascript_link_is_refused_and_the_others_kept():
    result = import_source(make_source(), content=feed_bytes("xss.xml"))

    assert result.failed == 1
    assert "javascript:alert(7)" in result.entry_errors[0]
    assert not Article.objects.filter(feed_guid="evil-2").exists()


def test_imported_xss_article_page_carries_no_script(client):
    source = make_source(auto_publish=True)
    import_source(source, content=feed_bytes("xss.xml"))
    article = Article.objects.get(feed_guid="evil-1")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "alert(" not in html
    assert "javascript:" not in html
