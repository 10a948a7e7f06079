"""Full-text search on PostgreSQL: a trigger-maintained tsvector column and its GIN index.

Nothing happens on other databases: search there falls back to substring
matching (see syndication/search.py). A trigger rather than a generated
column, so later migrations may still change the type of the text columns.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE syndication_article ADD COLUMN search_vector tsvector;

CREATE FUNCTION syndication_article_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.original_authors, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER syndication_article_search_vector
    BEFORE INSERT OR UPDATE OF title, original_authors, summary, body
    ON syndication_article
    FOR EACH ROW EXECUTE FUNCTION syndication_article_search_vector();

UPDATE syndication_article SET title = title;

CREATE INDEX article_search_vector ON syndication_article USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS article_search_vector;
DROP TRIGGER IF EXISTS syndication_article_search_vector ON syndication_article;
DROP FUNCTION IF EXISTS syndication_article_search_vector();
ALTER TABLE syndication_article DROP COLUMN IF EXISTS search_vector;
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("syndication", "0003_takedowns")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
