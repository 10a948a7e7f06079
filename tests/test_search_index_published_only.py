"""The search index holds published articles only: drafts and removed text are never in it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from syndication.models import Article
from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db


def _indexed() -> set[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT id FROM syndication_article WHERE search_vector IS NOT NULL")
        else:
            cursor.execute("SELECT rowid FROM syndication_article_fts")
        return {pk for (pk,) in cursor.fetchall()}


def test_a_draft_is_indexed_once_published_and_leaves_when_withdrawn(editor, client):
    article = make_article(
        make_source(permission="full"), title="Kingfisher nests found", status="draft"
    )
    assert article.pk not in _indexed()

    article.publish(by=editor)
    assert article.pk in _indexed()
    assert "Kingfisher nests found" in client.get("/search/", {"q": "kingfisher"}).text

    article.withdraw(by=editor)
    assert article.pk not in _indexed()


def test_a_scheduled_article_is_indexed_and_a_removed_one_is_not():
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))
    removed = make_article()
    assert {scheduled.pk, removed.pk} <= _indexed()

    Article.objects.filter(pk=removed.pk).update(status=Article.Status.REMOVED)

    assert removed.pk not in _indexed()
    assert scheduled.pk in _indexed()


def test_an_edit_to_a_published_article_is_indexed_again():
    article = make_article(title="Old headline")
    Article.objects.filter(pk=article.pk).update(title="Heron colony grows")

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT search_vector @@ to_tsquery('english', 'heron') "
                "FROM syndication_article WHERE id = %s",
                [article.pk],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM syndication_article_fts "
                "WHERE syndication_article_fts MATCH 'heron' AND rowid = %s",
                [article.pk],
            )
        assert cursor.fetchone()[0]
