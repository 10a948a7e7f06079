"""The Celery app: feed polling on workers, with Redis as the broker (settings: CELERY_*).

    celery -A config worker --pool threads --concurrency 20   # polls feeds
    celery -A config beat                                     # queues due sources each minute

Only production and docker compose run it; the embedded set-up has no
broker and polls with `manage.py import_feeds` under the same rules.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("syndication")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
