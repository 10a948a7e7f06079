"""The site reads in German for a German reader: navigation, article page, dates, forms."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.conftest import make_article

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}


@pytest.fixture
def article(db):
    published = timezone.make_aware(datetime(2026, 11, 2, 9, 30))
    return make_article(
        title="Hafen-Nachrichten",
        publish_at=published,
        original_published_at=published,
        body="<p>Text.</p>",
    )


def test_the_article_page_reads_in_german_with_german_dates(client, article):
    html = client.get(article.get_absolute_url(), **GERMAN).content.decode()
    assert '<html lang="de">' in html
    assert "2. November 2026" in html
    assert "Zum Inhalt springen" in html or "Inhalt" in html  # the skip link
    assert "Report this article" not in html and "Skip to content" not in html


def test_the_takedown_form_reads_in_german(client, db):
    html = client.get("/takedown/", **GERMAN).content.decode()
    assert '<html lang="de">' in html
    assert "Your full name" not in html and "Send the notice" not in html


def test_the_feed_title_follows_the_language(client, article):
    feed = client.get("/feeds/rss/", **GERMAN).content.decode()
    assert "latest articles" not in feed
