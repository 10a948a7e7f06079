"""PostgreSQL: keep each article's search vector in its row rather than in TOAST storage.

A search that lists the newest matches walks articles newest first and tests
each one's vector; a vector stored out of line (a few kilobytes each) costs a
TOAST look-up per article tested, which made searches for moderately common
words several times slower than the rest. Rows up to a full page now stay in
the table itself.

Existing rows move into the table as they are next rewritten;
`VACUUM FULL syndication_article` moves them all at once (it locks the table
while it runs). Nothing happens on other databases.
"""

from django.db import migrations

from ._postgresql import run_sql_on_postgresql

FORWARD = """
ALTER TABLE syndication_article ALTER COLUMN search_vector SET STORAGE MAIN;
ALTER TABLE syndication_article SET (toast_tuple_target = 8160);
"""

BACKWARD = """
ALTER TABLE syndication_article RESET (toast_tuple_target);
ALTER TABLE syndication_article ALTER COLUMN search_vector SET STORAGE EXTENDED;
"""


class Migration(migrations.Migration):
    dependencies = [("syndication", "0004_article_search")]

    operations = [run_sql_on_postgresql(FORWARD, BACKWARD)]
