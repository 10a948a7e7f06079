"""For full-text sources a story is compared by its whole text, once it is in; and an article page
whose own rel=canonical names an article we hold is that article again."""

import pytest

from syndication.ingest import import_source
from syndication.models import Article, NearDuplicate
from tests.conftest import make_article, make_source

from .test_full_text import page, summary_feed

pytestmark = pytest.mark.django_db


def _full_text_source(**fields):
    return make_source(fetch_full_text=True, auto_publish=True, **fields)


def _serve(feed_server, path):
    feed_server.expect_request(path).respond_with_data(
        page("news_article.html"), content_type="text/html; charset=utf-8"
    )
    return feed_server.url_for(path)


def test_two_summary_feeds_whose_pages_carry_one_story_are_flagged_by_the_full_text(feed_server):
    first = import_source(_full_text_source(), content=summary_feed(_serve(feed_server, "/a")))
    # The feeds hold one short line each: too little to compare. Their pages hold the story.
    second = import_source(_full_text_source(), content=summary_feed(_serve(feed_server, "/b")))

    assert first.new == second.new == 1
    original, copy = Article.objects.order_by("pk")
    assert "Rail services between the port and the capital" in copy.body
    assert original.status == Article.Status.PUBLISHED
    assert copy.status == Article.Status.DRAFT  # never published automatically
    pair = NearDuplicate.objects.get()
    assert (pair.article, pair.original) == (copy, original)
    assert pair.similarity >= 0.9


def test_a_page_whose_canonical_is_an_article_we_hold_is_flagged_as_that_article(feed_server):
    # news_article.html names https://coast.example.org/2026/12/storm-power-cuts as canonical.
    held = make_article(original_url="https://coast.example.org/2026/12/storm-power-cuts")

    result = import_source(_full_text_source(), content=summary_feed(_serve(feed_server, "/c")))

    assert result.new == 1
    copy = Article.objects.exclude(pk=held.pk).get()
    assert copy.status == Article.Status.DRAFT
    pair = NearDuplicate.objects.get()
    assert (pair.article, pair.original, pair.similarity) == (copy, held, 1.0)
