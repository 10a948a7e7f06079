from datetime import timedelta

import pytest
from django.utils import timezone

from syndication.models import Article, Disclaimer, published_article
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


# The article page finds its article with SQL compiled once per process from
# `published()`; it must answer as `published()` does for every state, and
# the slug and the time must be each call's own, not those it was compiled with.


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.WITHDRAWN},
        {"status": Article.Status.REMOVED},
        {"status": Article.Status.PUBLISHED, "publish_at": None},
        {"publish_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["published", "draft", "withdrawn", "removed", "published-without-time", "scheduled"],
)
def test_article_page_lookup_agrees_with_published(db, fields):
    article = make_article(**fields)

    found = published_article(article.slug)

    expected = Article.objects.published().filter(slug=article.slug).first()
    assert found == expected
    if found is not None:
        assert (found.title, found.body, found.publish_at) == (
            article.title,
            article.body,
            article.publish_at,
        )


def test_article_page_lookup_uses_each_calls_slug(db):
    first, second = make_article(title="First"), make_article(title="Second")

    assert published_article(first.slug).title == "First"
    assert published_article(second.slug).title == "Second"
    assert published_article("no-such-article") is None


def test_article_page_lookup_uses_the_time_of_each_call(client, db):
    assert published_article("compiles-the-lookup-first") is None
    # Published after that first call: a time kept from it would hide this.
    article = make_article(publish_at=timezone.now())
    later = make_article(publish_at=timezone.now() + timedelta(hours=1))

    assert published_article(article.slug) == article
    assert published_article(later.slug) is None
    assert client.get(article.get_absolute_url()).status_code == 200
