"""Settings for the test suite: the real settings, read with test-only environment defaults.

The environment still decides the database, so the same suite runs on SQLite
and, with DATABASE_URL set, on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-key-not-a-secret")
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("HTTPS", "False")
os.environ["CACHE_URL"] = os.environ.get("TEST_CACHE_URL", "locmemcache://tests")

from config.settings import *  # noqa: E402, F403

# Tests never depend on collectstatic's manifest.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Saving a source resolves its feed's host only where a test asks: no DNS server is asked.
FEED_RESOLVE_ON_SAVE = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than memory: the feed-polling tests share the test
    # database with their own threads and with a Celery worker process
    # (tests/ingest/celery_worker.py). One file per test run.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }
