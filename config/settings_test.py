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
