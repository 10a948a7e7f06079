"""Fixtures for front-door tests: the app as production runs it, behind the project's Varnish.

The stacks are started once for this package (starting gunicorn and compiling
the VCL takes seconds); each test makes its own sources and articles, with
titles no other test uses, so tests do not depend on each other's data.
"""

import os

import pytest

from .stack import VARNISHD, Database, Stack, new_word


@pytest.fixture(scope="package")
def varnishd():
    """Skips (before any database is made) where Varnish is not installed; CI installs it."""
    if VARNISHD is None:
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")
    return VARNISHD


@pytest.fixture(scope="package")
def frontdoor_database(tmp_path_factory):
    """A fresh database (SQLite, or PostgreSQL when DATABASE_URL names it), migrated once."""
    database = Database(tmp_path_factory.mktemp("frontdoor-db"), os.environ.get("DATABASE_URL"))
    try:
        Stack(tmp_path_factory.mktemp("frontdoor-migrate"), database).prepare_database()
        yield database
    finally:
        database.drop()


@pytest.fixture(scope="package")
def stack(varnishd, frontdoor_database, tmp_path_factory):
    """gunicorn (2 sync workers) behind Varnish with deploy/varnish/default.vcl."""
    running = Stack(tmp_path_factory.mktemp("frontdoor-stack"), frontdoor_database).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="package")
def direct_stack(frontdoor_database, tmp_path_factory):
    """The embedded set-up: gunicorn with 3 workers, no front cache, no Redis."""
    running = Stack(
        tmp_path_factory.mktemp("frontdoor-direct"),
        frontdoor_database,
        front_cache=False,
        workers=3,
    ).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def word():
    return new_word


def source_with_one_article(stack) -> dict:
    """A source with one published article whose title is made of words found nowhere else."""
    tag = new_word()
    title = f"Harbour {new_word()} {tag}"
    source = stack.call(
        "source_with_articles", slug=f"src-{tag}", articles=[{"slug": f"art-{tag}", "title": title}]
    )
    return {"source": source, "article": source["articles"][0], "title": title, "tag": tag}


@pytest.fixture
def published(stack):
    """An article of this test's own, for tests that change it (a takedown)."""
    return source_with_one_article(stack)


@pytest.fixture(scope="package")
def shared_article(stack):
    """An article that no test changes, for tests that only read through the cache."""
    return source_with_one_article(stack)
