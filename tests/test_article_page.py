from datetime import timedelta

import pytest
from django.utils import timezone

from syndication.models import Article, ArticleQuerySet, Disclaimer
from tests.conftest import make_article, make_source


@pytest.fixture
def disclaimer(db):
    Disclaimer.objects.create(
        text="We republish this article with permission; views are the author's."
    )
    return Disclaimer.current_text()


def test_article_page_shows_title_body_attribution_and_report_link(client, disclaimer):
    source = make_source(name="The Daily Example", homepage="https://daily.example.org/")
    article = make_article(
        source,
        title="Rivers in spring",
        body="<p>The rivers rose.</p>",
        original_url="https://daily.example.org/rivers",
        original_authors="Ann Author, Bob Byline",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<h1>Rivers in spring</h1>" in html
    assert "<p>The rivers rose.</p>" in html
    assert 'href="https://daily.example.org/"' in html
    assert "The Daily Example" in html
    assert "Ann Author, Bob Byline" in html
    assert 'href="https://daily.example.org/rivers"' in html
    assert "Read the original at The Daily Example" in html
    assert f'href="/takedown/?article={article.slug}"' in html


def test_article_page_shows_the_disclaimer_and_the_sources_extra_text(client, disclaimer):
    source = make_source(extra_disclaimer="Syndicated under our agreement with the publisher.")
    article = make_article(source)

    html = client.get(article.get_absolute_url()).content.decode()

    assert disclaimer in html
    assert "Syndicated under our agreement with the publisher." in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.WITHDRAWN},
        {"status": Article.Status.PUBLISHED, "publish_at": None},
        {"publish_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "withdrawn", "published-without-time", "scheduled"],
)
def test_article_that_is_not_public_answers_404(client, db, fields):
    article = make_article(**fields)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert article.title not in response.content.decode()


def test_unknown_article_answers_404(client, db):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_article_page_follows_published_and_nothing_else(client, db, monkeypatch):
    """Visibility has one definition: a stricter published() hides the page too."""
    published = ArticleQuerySet.published
    old = make_article(original_published_at=timezone.now() - timedelta(days=4000))
    recent = make_article()

    def published_within_ten_years(self, now=None):
        return published(self, now).filter(
            original_published_at__gte=timezone.now() - timedelta(days=3650)
        )

    monkeypatch.setattr(ArticleQuerySet, "published", published_within_ten_years)

    assert client.get(old.get_absolute_url()).status_code == 404
    assert client.get(recent.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("slug", ["a" * 1000, "0", "-_-", "UPPER-case_1"])
def test_odd_article_addresses_answer_404(client, db, slug):
    make_article()

    assert client.get(f"/articles/{slug}/").status_code == 404
