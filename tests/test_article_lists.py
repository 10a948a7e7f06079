from datetime import timedelta

import pytest
from django.utils import timezone

from syndication.models import Article
from tests.conftest import make_article, make_source


def test_home_lists_newest_first_with_source_author_and_summary(client, db):
    source = make_source(name="Harbour News")
    older = make_article(source, title="Older one", publish_at=timezone.now() - timedelta(days=2))
    newer = make_article(source, title="Newer one", summary="Fresh summary.")

    html = client.get("/").content.decode()

    assert html.index(newer.title) < html.index(older.title)
    assert "Harbour News" in html
    assert "Jane Writer" in html
    assert "Fresh summary." in html


def test_home_paginates_twenty_per_page(client, db):
    source = make_source()
    for n in range(25):
        make_article(
            source, title=f"Paged {n:02d}", publish_at=timezone.now() - timedelta(hours=n + 1)
        )

    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()

    assert "Paged 00" in first and "Paged 19" in first and "Paged 20" not in first
    assert "Paged 20" in second and "Paged 24" in second and "Paged 19" not in second
    assert 'rel="next"' in first and 'rel="prev"' in second


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "1.5", "9" * 40])
def test_bad_or_out_of_range_page_is_404(client, article, page):
    response = client.get("/", {"page": page})

    assert response.status_code == 404


def test_sources_page_counts_only_public_articles(client, db):
    source = make_source(name="Counted Source")
    make_article(source)
    make_article(source)
    make_article(source, status=Article.Status.DRAFT)
    make_article(source, publish_at=timezone.now() + timedelta(days=1))

    html = client.get("/sources/").content.decode()

    assert "Counted Source" in html
    assert "(2 articles)" in html


def test_source_page_lists_only_that_sources_public_articles(client, db):
    source = make_source(name="Own Source")
    mine = make_article(source, title="Mine")
    hidden = make_article(source, title="Hidden draft", status=Article.Status.DRAFT)
    other = make_article(title="Someone else's")

    response = client.get(source.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert mine.title in html
    assert hidden.title not in html
    assert other.title not in html
    assert f'href="/sources/{source.slug}/feeds/rss/"' in html


def test_unknown_source_is_404(client, db):
    assert client.get("/sources/nobody/").status_code == 404
    assert client.get("/sources/nobody/?page=2").status_code == 404
