"""SQLite's full-text index of the articles (FTS5), and the triggers that keep it current.

Created by migration 0018. SQLite's ALTER TABLE cannot change most columns,
so Django rebuilds the article table for such a migration (a new table, the
rows copied, the old one dropped), and the triggers go with the old table.
`ensure_triggers` runs after every `migrate` (apps.py) and puts back any that
are missing, rebuilding the index's rows from the articles, so no later
migration can leave search stale. PostgreSQL's index (migration 0004) needs
none of this: its table is altered in place.
"""

TABLE = "syndication_article_fts"

# Only published articles are indexed (scheduled ones included: they are
# published with a later publish time): search shows nothing else, a draft
# or a removed article's text has no business in the index, and an import's
# new drafts are stored without the cost of indexing them.
TRIGGERS = {
    "syndication_article_fts_insert": """
        CREATE TRIGGER IF NOT EXISTS syndication_article_fts_insert
        AFTER INSERT ON syndication_article WHEN new.status = 'published' BEGIN
            INSERT INTO syndication_article_fts (rowid, title, original_authors, summary, body)
            VALUES (new.id, new.title, new.original_authors,
                    syndication_plain_text(new.summary), syndication_plain_text(new.body));
        END
    """,
    "syndication_article_fts_update": """
        CREATE TRIGGER IF NOT EXISTS syndication_article_fts_update
        AFTER UPDATE OF title, original_authors, summary, body, status ON syndication_article
        BEGIN
            DELETE FROM syndication_article_fts WHERE rowid = old.id;
            INSERT INTO syndication_article_fts (rowid, title, original_authors, summary, body)
            SELECT new.id, new.title, new.original_authors,
                   syndication_plain_text(new.summary), syndication_plain_text(new.body)
            WHERE new.status = 'published';
        END
    """,
    "syndication_article_fts_delete": """
        CREATE TRIGGER IF NOT EXISTS syndication_article_fts_delete
        AFTER DELETE ON syndication_article BEGIN
            DELETE FROM syndication_article_fts WHERE rowid = old.id;
        END
    """,
}
CREATE_TABLE = """
    CREATE VIRTUAL TABLE IF NOT EXISTS syndication_article_fts USING fts5(
        title, original_authors, summary, body,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
"""
REBUILD = [
    "DELETE FROM syndication_article_fts",
    """
    INSERT INTO syndication_article_fts (rowid, title, original_authors, summary, body)
    SELECT id, title, original_authors,
           syndication_plain_text(summary), syndication_plain_text(body)
    FROM syndication_article WHERE status = 'published'
    """,
]
DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _existing(cursor, kind: str) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {name for (name,) in cursor.fetchall()}


def create_index(connection) -> None:
    """The index, its triggers and its rows (migration 0018)."""
    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)
        for statement in [*TRIGGERS.values(), *REBUILD]:
            cursor.execute(statement)


def recreate_triggers(connection) -> None:
    """The triggers as TRIGGERS has them now, and the index's rows rebuilt (migration 0022)."""
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in [*TRIGGERS.values(), *REBUILD]:
            cursor.execute(statement)


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        for statement in DROP:
            cursor.execute(statement)


def ensure_triggers(using="default", **kwargs) -> bool:
    """Puts back the triggers a table rebuild dropped, and the rows they missed.

    Returns whether anything was missing. Does nothing on other databases or
    before migration 0018 made the index.
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        if TABLE not in _existing(cursor, "table"):
            return False
        missing = set(TRIGGERS) - _existing(cursor, "trigger")
        if not missing:
            return False
        for name in sorted(missing):
            cursor.execute(TRIGGERS[name])
        for statement in REBUILD:
            cursor.execute(statement)
    return True
