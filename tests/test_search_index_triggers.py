"""SQLite's search index stays current after a migration rebuilds the article table."""

import pytest
from django.core.cache import cache
from django.db import connection

from syndication import fts
from tests.conftest import make_article

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL alters the table in place"
)


def test_every_trigger_is_in_place_after_migrate(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {name for (name,) in cursor.fetchall()}
    assert set(fts.TRIGGERS) <= names


def test_triggers_lost_to_a_table_rebuild_are_put_back_with_the_rows_they_missed(client, db):
    with connection.cursor() as cursor:
        for name in fts.TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")  # as a rebuild of the table does
    missed = make_article(title="Albatross sighted")
    assert "Albatross sighted" not in client.get("/search/", {"q": "albatross"}).content.decode()

    assert fts.ensure_triggers() is True
    cache.clear()  # the page cache kept the search that found nothing

    assert "Albatross sighted" in client.get("/search/", {"q": "albatross"}).content.decode()
    later = make_article(title="Albatross returns")
    cache.clear()
    assert later.title in client.get("/search/", {"q": "albatross"}).content.decode()
    assert fts.ensure_triggers() is False
    assert missed.pk
