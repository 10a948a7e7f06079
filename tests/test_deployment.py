"""docker compose and the Dockerfile refer to things that exist in this project."""

import re
import shlex
from pathlib import Path

import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgres_redis_the_app_and_the_importer():
    services = compose()["services"]
    assert set(services) >= {"db", "redis", "web", "importer", "mailer"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert services["web"]["build"] == "."
    assert "postgres://" in services["web"]["environment"]["DATABASE_URL"]
    assert services["web"]["environment"]["CACHE_URL"].startswith("redis://")


def test_compose_polls_feeds_on_a_celery_worker_and_one_beat_with_redis_as_broker():
    services = compose()["services"]
    worker, beat = services["importer"], services["beat"]
    assert worker["command"][:4] == ["celery", "-A", "config", "worker"]
    assert beat["command"][:4] == ["celery", "-A", "config", "beat"]
    assert "replicas" not in beat.get("deploy", {})  # one beat, or every poll is queued twice
    for service in (worker, beat, services["web"]):
        assert service["environment"]["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
    assert (ROOT / "config" / "celery.py").exists()


def test_web_migrates_then_serves_with_gunicorn_and_checks_healthz():
    web = compose()["services"]["web"]
    command = web["command"]
    assert command.index("manage.py migrate") < command.index("gunicorn config.wsgi")
    assert (ROOT / "config" / "wsgi.py").exists()
    assert "/healthz" in " ".join(web["healthcheck"]["test"])


def test_every_manage_py_command_in_compose_exists():
    known = get_commands()
    text = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"manage\.py\"?,?\s*\"?([a-z_]+)", text))
    assert used >= {"migrate", "send_takedown_emails"}
    assert used <= set(known), used - set(known)


def test_no_secret_is_written_in_compose():
    db_env = compose()["services"]["db"]["environment"]
    assert db_env["POSTGRES_PASSWORD"].startswith("${")


def test_dockerfile_serves_gunicorn_and_collects_static():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.1[1-9]", dockerfile, re.M)
    cmd = re.search(r"^CMD (.+)$", dockerfile, re.M).group(1)
    assert "gunicorn" in cmd and "config.wsgi" in cmd
    assert "collectstatic" in dockerfile
    for copied in re.findall(r"^COPY (\S+) ", dockerfile, re.M):
        for name in shlex.split(copied):
            assert name == "." or (ROOT / name).exists(), name


def test_env_example_documents_every_production_variable():
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert documented >= {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "CACHE_URL",
                          "EMAIL_URL", "CSRF_TRUSTED_ORIGINS", "SITE_URL"}  # fmt: skip
