"""`field__any=values` finds what `field__in=values` finds, whatever the values hold."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from syndication.models import Article, ArticleSketch, SketchKey
from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db

# Characters an array literal must quote or escape, and words it reads specially.
AWKWARD = [
    'a "quoted" word',
    "back\\slash",
    "comma, and {braces}",
    "NULL",
    "",
    "  spaced  ",
    "ünïcödé ✓",
    "semi;colon 'single'",
]


def test_text_values_match_exactly_as_with_in():
    source = make_source()
    for n, guid in enumerate(AWKWARD):
        make_article(source=source, slug=f"a-{n}", feed_guid=guid)
    make_article(source=source, slug="other", feed_guid="other")
    wanted = [*AWKWARD[:5], "not there", None]

    found = set(Article.objects.filter(feed_guid__any=wanted).values_list("feed_guid", flat=True))

    assert found == set(
        Article.objects.filter(feed_guid__in=wanted).values_list("feed_guid", flat=True)
    )
    assert found == set(AWKWARD[:5])


def test_numbers_and_primary_keys_match_as_with_in():
    sketch = ArticleSketch.objects.create(article=make_article(), hashes="1 2 3")
    big = 2**62 + 1
    SketchKey.objects.bulk_create(SketchKey(sketch=sketch, key=k) for k in (1, big, -5))

    assert sorted(
        SketchKey.objects.filter(key__any={big, -5, 7}).values_list("key", flat=True)
    ) == [
        -5,
        big,
    ]
    assert list(ArticleSketch.objects.filter(pk__any=[sketch.pk])) == [sketch]


def test_no_values_match_nothing():
    make_article()

    assert not Article.objects.filter(pk__any=[]).exists()
    assert not Article.objects.filter(pk__any=[None]).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array form is PostgreSQL's")
def test_on_postgresql_the_values_go_as_one_array():
    with CaptureQueriesContext(connection) as queries:
        list(Article.objects.filter(feed_guid__any=["a", "b", "c"]))

    (query,) = queries.captured_queries
    assert "= ANY(" in query["sql"] and " IN (" not in query["sql"]
