"""Full-text search on PostgreSQL: a trigger-maintained tsvector column and its GIN index.

Nothing happens on other databases: search there falls back to substring
matching (see syndication/search.py). A trigger rather than a generated
column, so later migrations may still change the type of the text columns.
"""

from django.db import migrations

from ._postgresql import run_sql_on_postgresql

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


class Migration(migrations.Migration):
    dependencies = [("syndication", "0003_takedowns")]

    operations = [run_sql_on_postgresql(FORWARD, BACKWARD)]
