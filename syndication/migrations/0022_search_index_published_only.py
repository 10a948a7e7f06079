"""Search indexes hold published articles only, on PostgreSQL and on SQLite.

Search shows readers nothing else. A draft's or a removed article's text no
longer sits in the index, and an import stores its new drafts without
indexing them (on PostgreSQL that was a third of the time spent inserting
them: bench/import_bench.py). An article is indexed when it is published,
and leaves the index when it is withdrawn or removed.
"""

from django.db import migrations

from ._postgresql import run_sql_on_postgresql

VECTOR = """
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.original_authors, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C')
"""

FORWARD = f"""
CREATE OR REPLACE FUNCTION syndication_article_search_vector() RETURNS trigger AS $$
BEGIN
    IF NEW.status = 'published' THEN
        NEW.search_vector := {VECTOR};
    ELSE
        NEW.search_vector := NULL;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER syndication_article_search_vector ON syndication_article;
CREATE TRIGGER syndication_article_search_vector
    BEFORE INSERT OR UPDATE OF title, original_authors, summary, body, status
    ON syndication_article
    FOR EACH ROW EXECUTE FUNCTION syndication_article_search_vector();
UPDATE syndication_article SET search_vector = NULL WHERE status <> 'published';
"""

BACKWARD = f"""
CREATE OR REPLACE FUNCTION syndication_article_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := {VECTOR};
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER syndication_article_search_vector ON syndication_article;
CREATE TRIGGER syndication_article_search_vector
    BEFORE INSERT OR UPDATE OF title, original_authors, summary, body
    ON syndication_article
    FOR EACH ROW EXECUTE FUNCTION syndication_article_search_vector();
UPDATE syndication_article SET title = title WHERE status <> 'published';
"""


def sqlite_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from syndication import fts

        fts.recreate_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("syndication", "0021_article_held_for_import")]

    operations = [
        run_sql_on_postgresql(FORWARD, BACKWARD),
        # Backwards, the narrower triggers stay: every published article is indexed either way.
        migrations.RunPython(sqlite_forward, migrations.RunPython.noop),
    ]
