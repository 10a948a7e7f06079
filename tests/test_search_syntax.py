"""One query syntax on both databases, as `websearch_to_tsquery` reads it: words, "phrases",
-exclusions and OR; on SQLite through its FTS5 index, kept by triggers."""

import pytest
from django.db import connection

from tests.conftest import make_article


def titles(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return {
        title
        for title in ["Soil microbes", "Soil erosion", "Harbour ferry", "Harbour walls", "Cafe"]
        if title in response.content.decode()
    }


@pytest.fixture
def stories(db):
    make_article(title="Soil microbes", body="<p>Microbes live in soil and feed plants.</p>")
    make_article(title="Soil erosion", body="<p>Rain carries soil to the sea.</p>")
    make_article(title="Harbour ferry", body="<p>The harbour ferry runs hourly.</p>")
    make_article(title="Harbour walls", body="<p>The harbour walls were repaired.</p>")
    make_article(title="Cafe", body="<p>A café by the harbour opened.</p>")


def test_a_minus_excludes_a_word(client, stories):
    assert titles(client, "soil -microbes") == {"Soil erosion"}
    assert titles(client, "harbour -ferry") == {"Harbour walls", "Cafe"}


def test_every_word_must_match(client, stories):
    assert titles(client, "harbour walls") == {"Harbour walls"}


def test_or_between_words_finds_either(client, stories):
    assert titles(client, "erosion OR ferry") == {"Soil erosion", "Harbour ferry"}
    assert titles(client, "erosion or ferry") == {"Soil erosion", "Harbour ferry"}


def test_a_quoted_phrase_matches_its_words_in_order(client, stories):
    assert titles(client, '"harbour ferry"') == {"Harbour ferry"}
    assert titles(client, '"ferry harbour"') == set()
    assert titles(client, 'harbour -"harbour walls"') == {"Harbour ferry", "Cafe"}


def test_a_query_of_exclusions_only_finds_everything_else(client, stories):
    assert titles(client, "-harbour") == {"Soil microbes", "Soil erosion"}


def test_markup_is_not_searched(client, db):
    make_article(title="Linked", body='<p><a href="https://example.org/">link</a></p>')
    assert "Linked" not in client.get("/search/", {"q": "href"}).content.decode()


def test_a_deleted_article_leaves_the_index(client, db):
    article = make_article(title="Ephemeral mayfly")
    article.delete()
    assert "Ephemeral mayfly" not in client.get("/search/", {"q": "mayfly"}).content.decode()


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="FTS5 folds diacritics; PostgreSQL's english configuration keeps them",
)
def test_case_and_diacritics_are_folded_on_sqlite(client, stories):
    assert titles(client, "CAFÉ") == {"Cafe"}
    make_article(title="Crème brûlée")
    assert "Crème brûlée" in client.get("/search/", {"q": "creme brulee"}).content.decode()


def test_snippets_begin_at_a_word(client, db):
    lead = " ".join(["Commuters"] + ["arrangements"] * 60)
    make_article(summary="", body=f"<p>{lead} and ferry crossings resume.</p>")
    html = client.get("/search/", {"q": "ferry"}).content.decode()
    snippet = html.split('class="snippet"', 1)[1].split("</p>", 1)[0]
    text = snippet.split(">", 1)[1].lstrip("… ").split()
    assert text[0] in {"Commuters", "arrangements", "and"}
