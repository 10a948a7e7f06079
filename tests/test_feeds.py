from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from syndication.models import Article, Disclaimer
from tests.conftest import make_article, make_source

FEEDS = ["/feeds/rss/", "/feeds/atom/"]


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.mark.parametrize("url", FEEDS)
def test_feed_items_carry_attribution_and_disclaimer(client, db, url):
    Disclaimer.objects.create(text="Republished with permission; rights stay with the author.")
    source = make_source(
        name="Coast Gazette",
        homepage="https://coast.example.org/",
        extra_disclaimer="Coast Gazette asks that you link to the original.",
    )
    article = make_article(
        source,
        title="Tides explained",
        original_url="https://coast.example.org/tides",
        original_authors="Tom Tidewater",
    )

    _, feed = _parse(client, url)

    (entry,) = feed.entries
    assert entry.title == "Tides explained"
    assert entry.link.endswith(article.get_absolute_url())
    assert entry.author == "Tom Tidewater"
    content = entry.summary
    assert "Coast Gazette" in content
    assert 'href="https://coast.example.org/tides"' in content
    assert "Read the original at Coast Gazette" in content
    assert "Republished with permission; rights stay with the author." in content
    assert "Coast Gazette asks that you link to the original." in content
    assert article.body in content


@pytest.mark.parametrize("url", FEEDS)
def test_feed_lists_only_public_articles_newest_first(client, db, url):
    source = make_source()
    older = make_article(source, title="Older", publish_at=timezone.now() - timedelta(days=1))
    newer = make_article(source, title="Newer")
    make_article(source, title="Draft", status=Article.Status.DRAFT)
    make_article(source, title="Withdrawn", status=Article.Status.WITHDRAWN)
    make_article(source, title="Removed", status=Article.Status.REMOVED)
    make_article(source, title="Scheduled", publish_at=timezone.now() + timedelta(hours=1))

    _, feed = _parse(client, url)

    assert [e.title for e in feed.entries] == [newer.title, older.title]


def test_feeds_are_served_as_xml_that_browsers_style_and_readers_read(client, db):
    # application/rss+xml and application/atom+xml are shown as source text by browsers.
    assert client.get("/feeds/rss/")["Content-Type"] == "application/xml; charset=utf-8"
    assert client.get("/feeds/atom/")["Content-Type"] == "application/xml; charset=utf-8"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_source_feed_has_only_that_sources_articles(client, db, kind):
    source = make_source(name="Only Me")
    mine = make_article(source, title="Mine")
    make_article(title="Not mine")

    _, feed = _parse(client, f"/sources/{source.slug}/feeds/{kind}/")

    assert [e.title for e in feed.entries] == [mine.title]
    assert "Only Me" in feed.feed.title


def test_feed_of_an_unknown_source_is_404(client, db):
    assert client.get("/sources/nobody/feeds/rss/").status_code == 404


def test_pages_advertise_the_feeds(client, article):
    home = client.get("/").content.decode()
    source_page = client.get(article.source.get_absolute_url()).content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in home
    assert 'href="/feeds/atom/"' in home
    assert f'href="/sources/{article.source.slug}/feeds/rss/"' in source_page
    assert f'href="/sources/{article.source.slug}/feeds/atom/"' in source_page
