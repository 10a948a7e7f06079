from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from syndication.models import Article
from syndication.search import HEADLINE_SOURCE_CHARS
from tests.conftest import make_article


def _search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_words_in_title_summary_body_and_author(client, db):
    make_article(title="Lighthouse keepers retire")
    make_article(summary="A story about glaciers.")
    make_article(body="<p>The orchestra tuned its instruments.</p>")
    make_article(original_authors="Mirabel Quince")

    assert "Lighthouse keepers retire" in _search(client, "lighthouse")
    assert "glaciers" in _search(client, "glaciers")
    assert "orchestra" in _search(client, "orchestra")
    assert "Mirabel Quince" in _search(client, "Quince")


def test_search_shows_only_published_articles(client, db):
    make_article(title="Visible volcano")
    make_article(title="Draft volcano", status=Article.Status.DRAFT)
    make_article(title="Withdrawn volcano", status=Article.Status.WITHDRAWN)
    make_article(title="Removed volcano", status=Article.Status.REMOVED)
    make_article(title="Scheduled volcano", publish_at=timezone.now() + timedelta(hours=1))

    html = _search(client, "volcano")

    assert "Visible volcano" in html
    for hidden in ("Draft", "Withdrawn", "Removed", "Scheduled"):
        assert f"{hidden} volcano" not in html
    assert "1 result for" in html


def test_a_snippet_cut_inside_a_tag_shows_no_markup(client, db):
    # On PostgreSQL the snippet's source text ends in the middle of the link's tag.
    opening = "<p>Albatross "
    filler = "f" * (HEADLINE_SOURCE_CHARS - len(opening) - 10)
    make_article(body=f'{opening}{filler}<a href="https://example.org/">x</a></p>')

    html = _search(client, "albatross")

    assert "<mark>Albatross</mark>" in html
    assert "&lt;a" not in html


def test_snippets_keep_the_space_between_paragraphs_and_headings(client, db):
    make_article(summary="", body="<p>Kept apart.</p><h2>Narwhal heading</h2><p>Next</p>")

    html = _search(client, "narwhal")

    assert "apart. <mark>Narwhal</mark> heading Next" in html


def test_search_highlights_the_words_found_and_escapes_the_rest(client, db):
    make_article(body="<p>Cats &amp; dogs: the <b>walrus</b> sleeps &lt;script&gt; here.</p>")

    html = _search(client, "walrus")

    assert "<mark>walrus</mark>" in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_empty_search_shows_the_form_without_results(client, article):
    html = _search(client, "")

    assert 'name="q"' in html
    assert '<label for="search-q">' in html
    assert article.title not in html


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "a & | ! ( ) : * <->",
        "-",
        "OR OR AND",
        "'; DROP TABLE syndication_article; --",
        "the of and",
        "ünïcödé 日本語 🚀",
        "null\x00byte",
        "\\",
        "%_%",
        "x" * 5000,
        "word " * 500,
    ],
)
def test_odd_queries_never_fail(client, article, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200


def test_a_very_long_query_is_shortened_and_says_so(client, article):
    html = _search(client, "gardens " * 100)

    assert "shortened to its first 200 characters" in html


def test_search_results_are_paginated_and_keep_the_query(client, db):
    for n in range(23):
        make_article(title=f"Meadow {n}", publish_at=timezone.now() - timedelta(hours=n + 1))

    first = _search(client, "meadow")
    third = _search(client, "meadow", page=3)

    assert "23 results for" in first
    assert 'href="?q=meadow&amp;page=2"' in first
    assert third.count('class="summary result"') == 3
    assert client.get("/search/", {"q": "meadow", "page": 4}).status_code == 404


def test_unicode_words_are_found(client, db):
    make_article(title="Café society in Zürich")

    assert "Café society in Zürich" in _search(client, "Zürich")


def test_title_matches_rank_above_body_matches(client, db):
    make_article(title="Weather report", body="<p>Sunny with a chance of pelicans.</p>")
    make_article(title="Pelicans return to the bay", body="<p>Birds everywhere.</p>")

    html = _search(client, "pelicans")

    assert html.index("Pelicans return to the bay") < html.index("Weather report")


def test_search_matches_word_forms_and_phrases(client, db):
    make_article(title="Running shoes reviewed")
    make_article(title="Shoes for running reviewed", body="<p>nothing</p>")

    assert "Running shoes reviewed" in _search(client, "runs")
    phrase = _search(client, '"running shoes"')
    assert "Running shoes reviewed" in phrase
    assert "Shoes for running reviewed" not in phrase
    excluded = _search(client, "shoes -running")
    assert "reviewed" not in excluded


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index exists on PostgreSQL")
def test_search_uses_the_gin_index_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_vector'")
        (indexdef,) = cursor.fetchone()
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM syndication_article "
            "WHERE search_vector @@ websearch_to_tsquery('english', 'pelican')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")

    assert "USING gin (search_vector)" in indexdef
    assert "article_search_vector" in plan


def test_an_edited_article_is_found_by_its_new_words_and_not_its_old(client, db):
    article = make_article(title="Before the edit", body="<p>Dirigible</p>")
    article.title = "Zeppelin sighted"
    article.body = "<p>Airship</p>"
    article.save()

    assert "Zeppelin sighted" in _search(client, "zeppelin")
    assert "Zeppelin sighted" in _search(client, "airship")
    assert "Zeppelin sighted" not in _search(client, "dirigible")
    assert "Zeppelin sighted" not in _search(client, "before")


def test_search_ranks_only_the_newest_matches_and_says_so(client, db, monkeypatch):
    monkeypatch.setattr("syndication.search.MAX_RESULTS", 3)
    for n in range(5):
        make_article(title=f"Puffin {n}", publish_at=timezone.now() - timedelta(hours=n + 1))

    html = _search(client, "puffin")

    assert "More than 3 results for “puffin”; the newest 3, best first" in html
    assert "Puffin 0" in html and "Puffin 2" in html
    assert "Puffin 3" not in html and "Puffin 4" not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.django_db(transaction=True)  # as in production: no test transaction around it
def test_each_search_is_planned_for_its_own_words_on_postgresql(client, settings):
    # A prepared statement would settle on one plan for all searches, which is
    # slow for words found in most articles or in none: none is prepared.
    settings.PAGE_CACHE_SECONDS = 0  # every search reaches the database
    words = ["otter", "heron", "badger", "marten", "stoat", "vole", "shrew", "mole"]
    for word in words:
        make_article(title=f"{word.title()} sightings")

    for word in words:  # more often than psycopg's default threshold for preparing
        assert f"{word.title()} sightings" in _search(client, word)

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TOAST storage is PostgreSQL's")
def test_search_vectors_stay_in_the_article_rows_on_postgresql(db):
    # Searches test the vectors of many articles; one stored out of line
    # costs a TOAST look-up per article tested.
    words = " ".join(f"word{n}x{n * 7919 % 10007}" for n in range(200))
    make_article(body=f"<p>{words}</p>")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(search_vector) FROM syndication_article ORDER BY id DESC LIMIT 1"
        )
        assert cursor.fetchone()[0] > 2500  # above the 2 kB at which vectors went out of line
        cursor.execute(
            "SELECT reltoastrelid::regclass FROM pg_class WHERE relname = 'syndication_article'"
        )
        toast_table = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {toast_table}")  # noqa: S608 - a catalog name
        assert cursor.fetchone()[0] == 0


def test_a_result_shows_the_same_attribution_as_the_lists(client, db):
    source = make_article().source
    make_article(
        source,
        title="Kestrel census",
        summary="Counting every kestrel in the valley.",
        original_authors="Rhea Fenwick",
        original_published_at=timezone.now() - timedelta(days=400),
    )

    html = _search(client, "kestrel")

    assert f'<a href="{source.get_absolute_url()}">{source.name}</a>' in html
    assert "Rhea Fenwick" in html
    assert "first published" in html
    assert "republished" in html
    assert "<mark>kestrel</mark>" in html
