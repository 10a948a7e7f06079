from django.apps import AppConfig
from django.core.management import call_command
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def create_cache_table(using, **kwargs):
    """The database cache's table (the embedded default's), made by every `migrate`.

    Without it nothing is cached and every purge of the page cache fails, so
    a deployment must not depend on remembering `createcachetable`. Idempotent;
    does nothing for other cache backends.
    """
    call_command("createcachetable", database=using, verbosity=0)


class SyndicationConfig(AppConfig):
    name = "syndication"
    verbose_name = "Syndication"

    def ready(self):
        post_migrate.connect(create_cache_table, sender=self)
        from .fts import ensure_triggers

        # After every migrate: a migration that rebuilt the article table on
        # SQLite dropped the search index's triggers with the old table.
        post_migrate.connect(ensure_triggers, sender=self)
        from .plaintext import register_sqlite_function

        connection_created.connect(register_sqlite_function)
        from . import evidence, signals  # noqa: F401
