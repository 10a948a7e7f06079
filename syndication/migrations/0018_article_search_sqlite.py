"""Full-text search on SQLite (the embedded set-up): an FTS5 index kept by triggers.

The counterpart of the PostgreSQL search column (migration 0004): the same
fields, kept current by triggers on every insert, update and delete, whoever
writes. It holds the articles' plain text (the triggers strip tags with
`syndication_plain_text`, which every Django connection to SQLite registers,
see syndication/plaintext.py), so snippets show what readers read. The
tokenizer folds case and diacritics (café finds Cafe) and stems English words
as PostgreSQL's `english` configuration does. Nothing happens on other
databases.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE VIRTUAL TABLE syndication_article_fts USING fts5(
        title, original_authors, summary, body,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER syndication_article_fts_insert AFTER INSERT ON syndication_article BEGIN
        INSERT INTO syndication_article_fts (rowid, title, original_authors, summary, body)
        VALUES (new.id, new.title, new.original_authors,
                syndication_plain_text(new.summary), syndication_plain_text(new.body));
    END
    """,
    """
    CREATE TRIGGER syndication_article_fts_update
    AFTER UPDATE OF title, original_authors, summary, body ON syndication_article BEGIN
        DELETE FROM syndication_article_fts WHERE rowid = old.id;
        INSERT INTO syndication_article_fts (rowid, title, original_authors, summary, body)
        VALUES (new.id, new.title, new.original_authors,
                syndication_plain_text(new.summary), syndication_plain_text(new.body));
    END
    """,
    """
    CREATE TRIGGER syndication_article_fts_delete AFTER DELETE ON syndication_article BEGIN
        DELETE FROM syndication_article_fts WHERE rowid = old.id;
    END
    """,
    """
    INSERT INTO syndication_article_fts (rowid, title, original_authors, summary, body)
    SELECT id, title, original_authors,
           syndication_plain_text(summary), syndication_plain_text(body)
    FROM syndication_article
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS syndication_article_fts_delete",
    "DROP TRIGGER IF EXISTS syndication_article_fts_update",
    "DROP TRIGGER IF EXISTS syndication_article_fts_insert",
    "DROP TABLE IF EXISTS syndication_article_fts",
]


def run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("syndication", "0017_rights_ledger_data")]

    operations = [migrations.RunPython(run_on_sqlite(FORWARD), run_on_sqlite(BACKWARD))]
