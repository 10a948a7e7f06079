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


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        # The statements live in syndication/fts.py, which also puts the
        # triggers back after any later migration rebuilds the article table.
        from syndication import fts

        fts.create_index(schema_editor.connection)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from syndication import fts

        fts.drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("syndication", "0017_rights_ledger_data")]

    operations = [migrations.RunPython(forward, backward)]
