"""Imported articles get unique slugs, whatever their titles."""

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db


def _feed(*titles):
    items = "".join(
        f"<item><title>{t}</title><link>https://same.example.org/{n}</link></item>"
        for n, t in enumerate(titles)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
    )


def test_same_titles_get_numbered_slugs():
    make_article(slug="weekly-roundup")

    result = import_source(
        make_source(), content=_feed("Weekly roundup", "Weekly roundup").encode()
    )

    assert result.new == 2
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "weekly-roundup",
        "weekly-roundup-2",
        "weekly-roundup-3",
    ]


def test_titles_without_latin_letters_still_get_a_slug():
    import_source(make_source(), content=_feed("日本語のニュース", "Ελληνικά").encode())

    assert sorted(Article.objects.values_list("slug", flat=True)) == ["article", "article-2"]


def test_many_entries_sharing_a_taken_title_look_up_existing_slugs_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(slug="update")
    with CaptureQueriesContext(connection) as queries:
        result = import_source(make_source(), content=_feed(*["Update"] * 6).encode())

    assert result.new == 6
    assert Article.objects.filter(slug__startswith="update").count() == 7
    prefix_look_ups = [q for q in queries if "LIKE" in q["sql"] and "update" in q["sql"]]
    assert len(prefix_look_ups) == 1
