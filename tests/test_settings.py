"""Production settings fail loudly when incomplete and pass Django's deployment check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "x" * 60 + "-a-long-random-production-key-for-this-test-only",
    "ALLOWED_HOSTS": "syndicate.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://syndicate.example.org",
    "DATABASE_URL": "sqlite:////tmp/settings-test.sqlite3",
}


def manage(*args, **env):
    # The test settings' CACHE_URL and the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE
    # must not leak into "production".
    dropped = {*PRODUCTION, "HTTPS", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    # ENV_FILE=/dev/null keeps a developer's own .env out of the picture.
    clean.update(DJANGO_SETTINGS_MODULE="config.settings", ENV_FILE=os.devnull, **env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", SECRET_KEY="", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_turns_https_hardening_on():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.DEBUG)"
    )
    result = manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == ["True", "True", "True", "31536000", "False"]


def test_postgres_url_uses_persistent_checked_connections():
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    env = {**PRODUCTION, "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/x"}
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["django.db.backends.postgresql", "60", "True"]


def test_redis_cache_url_selects_djangos_redis_backend():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = manage("shell", "-c", code, CACHE_URL="redis://127.0.0.1:6379/1", **PRODUCTION)
    assert result.stdout.split()[-1] == "django.core.cache.backends.redis.RedisCache"


def test_without_cache_url_every_process_shares_the_database_cache():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = manage("shell", "-c", code, **PRODUCTION)
    assert result.stdout.split()[-1] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.parametrize("name", ["HTTPS", "DEBUG", "TAKEDOWN_HIDE_ON_RECEIPT"])
def test_a_misspelt_boolean_stops_start_up_naming_the_variable(name):
    result = manage("check", **{**PRODUCTION, name: "flase"})

    assert result.returncode != 0
    assert f"{name} must be true or false" in result.stderr
    assert "'flase'" in result.stderr


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [("true", "True"), ("YES", "True"), ("1", "True"), ("off", "False"), ("False", "False")],
)
def test_clear_boolean_spellings_are_accepted(spelling, expected):
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE)"
    result = manage("shell", "-c", code, **{**PRODUCTION, "HTTPS": spelling})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == expected


def test_the_served_app_keeps_its_loaded_code_out_of_full_garbage_collections():
    # A full collection over everything Django loads stalled a request for ~100 ms.
    code = "import gc, config.wsgi; print(gc.get_freeze_count())"
    result = manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 10_000


def test_migrate_alone_makes_the_embedded_cache_table(tmp_path):
    database = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    assert (
        manage("migrate", "--noinput", **{**PRODUCTION, "DATABASE_URL": database}).returncode == 0
    )

    code = (
        "from django.db import connection;"
        "print('syndication_cache' in connection.introspection.table_names())"
    )
    result = manage("shell", "-c", code, **{**PRODUCTION, "DATABASE_URL": database})
    assert result.stdout.split()[-1] == "True", result.stderr


def test_a_redis_cache_that_hangs_cannot_hang_a_page():
    code = "from django.conf import settings as s; o = s.CACHES['default']['OPTIONS'];"
    code += "print(o['socket_connect_timeout'], o['socket_timeout'])"
    result = manage("shell", "-c", code, CACHE_URL="redis://127.0.0.1:6379/1", **PRODUCTION)
    assert result.stdout.split()[-2:] == ["0.5", "0.5"]
