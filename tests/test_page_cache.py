"""Public pages come from the shared cache, and any edit shows at once."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from syndication.models import Article, Disclaimer
from tests.conftest import make_article, make_source


def test_a_cached_page_is_served_without_touching_the_database(
    client, article, django_assert_num_queries
):
    client.get("/")

    with django_assert_num_queries(0):
        response = client.get("/")

    assert article.title in response.content.decode()


def test_editing_an_article_shows_at_once_on_every_page(client, article):
    urls = ["/", article.get_absolute_url(), article.source.get_absolute_url(), "/feeds/rss/"]
    for url in urls:
        client.get(url)

    article.title = "A corrected headline"
    article.save()

    for url in urls:
        assert "A corrected headline" in client.get(url).content.decode(), url


def test_withdrawing_an_article_takes_it_off_cached_pages_at_once(client, article):
    client.get("/")
    client.get(article.get_absolute_url())

    article.withdraw()

    assert article.title not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editing_a_source_shows_at_once_on_its_articles(client, article):
    client.get(article.get_absolute_url())
    client.get("/sources/")

    article.source.name = "Renamed Publisher"
    article.source.save()

    assert "Renamed Publisher" in client.get(article.get_absolute_url()).content.decode()
    assert "Renamed Publisher" in client.get("/sources/").content.decode()


def test_a_new_disclaimer_shows_at_once_on_pages_and_feeds(client, article):
    client.get(article.get_absolute_url())
    client.get("/feeds/atom/")

    Disclaimer.objects.create(text="A brand new disclaimer text.")

    assert "A brand new disclaimer text." in client.get(article.get_absolute_url()).content.decode()
    assert "A brand new disclaimer text." in client.get("/feeds/atom/").content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, db):
    source = make_source()
    make_article(source)
    scheduled = make_article(source, publish_at=timezone.now() + timedelta(seconds=1))

    assert scheduled.title not in client.get("/").content.decode()
    time.sleep(1.2)

    assert scheduled.title in client.get("/").content.decode()


def test_pages_that_differ_only_by_unknown_parameters_share_one_cache_entry(client, article):
    client.get("/")
    keys_before = len(cache._cache)  # locmem's store: the test settings use it

    client.get("/?utm_source=newsletter")
    client.get("/?anything=else")

    assert len(cache._cache) == keys_before


@pytest.mark.parametrize("status", [404])
def test_error_answers_are_not_cached(client, db, status):
    article = make_article(status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == status

    article.publish()

    assert client.get(article.get_absolute_url()).status_code == 200
