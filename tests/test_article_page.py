from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from syndication.models import Article, ArticleQuerySet, Disclaimer, published_article
from syndication.models import articles as articles_module
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


# The article page finds its article with SQL compiled once per thread from
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
    assert _loaded(found) == _loaded(expected)


def _loaded(article):
    """Every stored value of an article as loaded, and where it was loaded from."""
    if article is None:
        return None
    fields = {f.attname: getattr(article, f.attname) for f in Article._meta.concrete_fields}
    return fields, article._state.db, article._state.adding


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


@pytest.fixture
def fresh_lookup():
    """The look-up compiled anew in this test, and again after it."""
    vars(articles_module._compiled_lookups).clear()
    yield
    vars(articles_module._compiled_lookups).clear()


def test_article_page_lookup_uses_the_time_wherever_published_does(db, fresh_lookup, monkeypatch):
    published = ArticleQuerySet.published

    def published_with_a_second_time_rule(self, now=None):
        now = now or timezone.now()
        return published(self, now).filter(created_at__lte=now)

    monkeypatch.setattr(ArticleQuerySet, "published", published_with_a_second_time_rule)
    article = make_article()

    assert published_article(article.slug) == article


@pytest.mark.django_db(transaction=True)
def test_article_page_lookup_works_in_every_thread_and_after_a_reconnect():
    articles = [make_article() for _ in range(4)]

    def look_up_all():
        try:
            return [published_article(article.slug) for article in articles]
        finally:
            connection.close()  # each thread has its own

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: look_up_all(), range(8)))
    connection.close()

    assert answers == [articles] * 8
    assert [published_article(article.slug) for article in articles] == articles


@pytest.mark.parametrize("slug", ["a" * 1000, "0", "-_-", "UPPER-case_1"])
def test_odd_article_addresses_answer_404(client, db, slug):
    make_article()

    assert client.get(f"/articles/{slug}/").status_code == 404
