"""Each public view runs a small, fixed number of queries, whatever the data size."""

import pytest
from django.core.cache import cache
from django.db import connection

from syndication.models import SeoPolicy
from tests.conftest import make_article, make_source

SEARCH_QUERIES = 7 if connection.vendor == "postgresql" else 4


@pytest.fixture
def many_articles(db):
    sources = [make_source(seo_policy=SeoPolicy.INDEX) for _ in range(6)]
    return [make_article(sources[n % len(sources)], title=f"Harbour story {n}") for n in range(60)]


@pytest.mark.parametrize(
    ("url", "max_queries"),
    [
        ("/", 4),
        ("/?page=2", 4),
        ("/sources/", 3),
        # On PostgreSQL a search also sets its planning mode in a transaction
        # (here a savepoint: SAVEPOINT, SET LOCAL, RELEASE).
        ("/search/?q=harbour", SEARCH_QUERIES),
        ("/search/?q=harbour&page=3", SEARCH_QUERIES),
        ("/feeds/rss/", 4),
        ("/feeds/atom/", 4),
        ("/sitemap.xml", 6),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    client, many_articles, django_assert_max_num_queries, url, max_queries
):
    cache.clear()  # measure the uncached rendering

    with django_assert_max_num_queries(max_queries):
        response = client.get(url)

    assert response.status_code == 200


def test_source_page_and_feed_run_a_fixed_number_of_queries(
    client, many_articles, django_assert_max_num_queries
):
    source = many_articles[0].source
    cache.clear()

    for url in (source.get_absolute_url(), f"/sources/{source.slug}/feeds/atom/"):
        with django_assert_max_num_queries(5):
            assert client.get(url).status_code == 200


def test_article_page_runs_a_fixed_number_of_queries(
    client, many_articles, django_assert_max_num_queries
):
    cache.clear()

    with django_assert_max_num_queries(4):
        assert client.get(many_articles[30].get_absolute_url()).status_code == 200


def test_a_feed_reads_the_disclaimer_once_when_the_cache_is_down(
    client, many_articles, cache_down, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get("/feeds/rss/")

    assert response.status_code == 200
    assert response.content.decode().count("This article") >= 30  # each item's disclaimer
