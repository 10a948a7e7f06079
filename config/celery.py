"""The Celery app: feed polling on workers, with Redis as the broker (settings: CELERY_*).

    celery -A config worker --pool threads --concurrency 16   # polls feeds, a process a core
    celery -A config beat                                     # queues due sources each minute

Only production and docker compose run it; the embedded set-up has no
broker and polls with `manage.py import_feeds` under the same rules.
"""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("syndication")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def _close_old_connections(task=None, **kwargs):
    """Around each task, what Django does around each request: a connection is kept.

    It is closed when broken or older than CONN_MAX_AGE, else the next task
    of the thread reuses it. Celery's own fix-up would close it every time
    (CELERY_DB_REUSE_MAX in config/settings.py). An eager task runs inside
    its caller's transaction, whose connection is not ours to close.
    """
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
