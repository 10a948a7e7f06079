"""For migrations that change PostgreSQL-only parts of the schema (the search column).

Not a migration itself: the loader skips modules whose names start with "_".
"""

from django.db import migrations


def run_sql_on_postgresql(forward: str, backward: str) -> migrations.RunPython:
    """An operation running `forward` (and `backward` when unapplied) on PostgreSQL only."""

    def runner(sql):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return run

    return migrations.RunPython(runner(forward), runner(backward))
