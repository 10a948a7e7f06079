"""A real Celery worker for the tests: a subprocess on a real Redis, sharing the test database.

Its broker is a Redis database of the tests' own (TEST_CELERY_REDIS_DB) and a
queue named after this test run, so it takes no other run's tasks; it is
stopped by its pid, and its queue deleted, at teardown.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from config.celery import app

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_DB = int(os.environ.get("TEST_CELERY_REDIS_DB", "13"))
BROKER_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
# This test run's queue: another run's worker on the same Redis never takes its tasks.
QUEUE = f"syndication-tests-{os.getpid()}"
START_TIMEOUT = 60


def database_url() -> str:
    """The test database, as a DATABASE_URL another process can open."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(queue: str, **extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_QUEUE": queue,
        "FEED_ALLOW_PRIVATE_ADDRESSES": "true",
        "FEED_POLL_START_JITTER": "0",
        "FEED_CONNECT_TIMEOUT": "2",
        "FEED_READ_TIMEOUT": "5",
        "FEED_TOTAL_TIMEOUT": "10",
        "LOG_LEVEL": "WARNING",
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


class Worker:
    """One worker process; `stop()` ends it by its pid."""

    def __init__(self, queue: str, log_path: Path, concurrency: int = 6, **env):
        self.queue = queue
        self.log = log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "threads",
             "--concurrency", str(concurrency), "--queues", queue, "--without-heartbeat",
             "--without-gossip", "--without-mingle", "--loglevel", "WARNING",
             "--hostname", f"{queue}@%h"],
            cwd=ROOT,
            env=worker_env(queue, **env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The Celery worker exited: see {self.log.name}")
            replies = app.control.ping(destination=[self.hostname()], timeout=0.5)
            if replies:
                return
        raise RuntimeError(f"The Celery worker did not answer in {START_TIMEOUT} s")

    def hostname(self) -> str:
        return f"{self.queue}@{os.uname().nodename}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.log.close()
        # The queue and kombu's bindings of it: nothing of this run is left on the broker.
        redis.Redis.from_url(BROKER_URL).delete(
            self.queue, f"_kombu.binding.{self.queue}", f"_kombu.binding_permanent.{self.queue}"
        )


def use_broker(settings) -> None:
    """Points this (test) process's Django settings and Celery app at the tests' broker and queue.

    Set once per process, before anything is sent: the app keeps its broker
    connections and queues once it has used them.
    """
    settings.CELERY_BROKER_URL = BROKER_URL
    app.conf.update(broker_url=BROKER_URL, task_default_queue=QUEUE)


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A worker polling feeds from the test database, for a module of transactional tests."""
    app.conf.update(broker_url=BROKER_URL, task_default_queue=QUEUE)
    worker = Worker(
        QUEUE, tmp_path_factory.mktemp("celery") / "worker.log", FEED_PER_HOST_CONCURRENCY=2
    )
    try:
        worker.wait_until_ready()
        yield worker
    finally:
        worker.stop()
