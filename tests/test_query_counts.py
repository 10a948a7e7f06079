"""Each public view runs a small, fixed number of queries, whatever the data size."""

import pytest
from django.core.cache import cache

from syndication.models import SeoPolicy
from tests.conftest import make_article, make_source


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
        ("/search/?q=harbour", 7),
        ("/search/?q=harbour&page=3", 7),
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
