"""Shared fixtures: plain factory functions for the domain, and users in each role."""

import importlib
import itertools
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone, translation

from syndication import frontcache
from syndication.models import Article, Permission, Source

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache and no purge left by an earlier test's changes."""
    cache.clear()
    frontcache.discard_pending()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request in German leaves German active
    in its thread, and a later test comparing English text must not depend on the order."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def make_source(permission="full", **fields) -> Source:
    """A source with a full-text permission in the ledger since a year ago.

    `permission` names another scope, or None for a source the ledger holds
    nothing for: tests of the gate say so where they test it.
    """
    n = next(_counter)
    defaults = {
        "name": f"Source {n}",
        "slug": f"source-{n}",
        "homepage": f"https://source-{n}.example.org/",
    }
    source = Source.objects.create(**{**defaults, **fields})
    if permission is not None:
        make_permission(source, scope=permission)
    return source


def make_permission(source, article=None, **fields) -> Permission:
    """A written agreement with the source, valid from a year ago and without end."""
    defaults = {
        "kind": Permission.Kind.AGREEMENT,
        "name": "Republished with the publisher's permission",
        "scope": Permission.Scope.FULL,
        "evidence_url": f"{source.homepage}syndication-terms",
        "valid_from": timezone.now() - timedelta(days=365),
    }
    return Permission.objects.create(source=source, article=article, **{**defaults, **fields})


def make_article(source=None, **fields) -> Article:
    """An article, published an hour ago unless `status`/`publish_at` say otherwise.

    A published one records the permission that covers it, as publish() does.
    """
    n = next(_counter)
    source = source or make_source()
    defaults = {
        "source": source,
        "title": f"Article number {n}",
        "slug": f"article-{n}",
        "summary": f"Summary of article {n}.",
        "body": f"<p>Body text of article {n}.</p>",
        "original_url": f"{source.homepage}posts/{n}",
        "original_authors": "Jane Writer",
        "original_published_at": timezone.now() - timedelta(days=2),
        "status": Article.Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(hours=1),
    }
    values = {**defaults, **fields}
    article = Article.objects.create(**values)
    if "permission" not in fields and article.status in (
        Article.Status.PUBLISHED,
        Article.Status.REMOVED,
    ):
        article.permission = article.covering_permission(article.publish_at)
        if article.permission is not None:
            Article.objects.filter(pk=article.pk).update(permission=article.permission)
    return article


@pytest.fixture
def source(db):
    return make_source()


@pytest.fixture
def article(db, source):
    return make_article(source)


def ensure_roles():
    """Puts back what the data migrations made (roles, first disclaimer).

    Browser tests run in flushed transactional databases, which drop rows
    that migrations created; this re-runs those migrations' own code.
    """
    if Group.objects.filter(name__in=["Editors", "Legal"]).count() == 2:
        return
    roles = importlib.import_module("syndication.migrations.0002_disclaimer_and_roles")
    takedowns = importlib.import_module("syndication.migrations.0003_takedowns")
    purges = importlib.import_module("syndication.migrations.0008_front_cache_purges")
    legal_desk = importlib.import_module("syndication.migrations.0009_legal_desk")
    roles.forwards(django_apps, None)
    takedowns.grant_legal(django_apps, None)
    purges.grant_view(django_apps, None)
    legal_desk.grant_legal(django_apps, None)
    importlib.import_module("syndication.migrations.0011_legal_records_and_appeals").grant_legal(
        django_apps, None
    )
    importlib.import_module("syndication.migrations.0017_rights_ledger_data").grant(django_apps)


def _staff(django_user_model, username, group_name=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="unused-in-tests", is_staff=True, **extra
    )
    if group_name:
        ensure_roles()
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _staff(django_user_model, "editor", "Editors")


@pytest.fixture
def legal_user(db, django_user_model):
    return _staff(django_user_model, "legal", "Legal")


@pytest.fixture
def second_legal_user(db, django_user_model):
    """Another Legal user: appeals must be decided by someone other than the first decider."""
    return _staff(django_user_model, "legal-two", "Legal")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def legal_client(client, legal_user):
    client.force_login(legal_user)
    return client


@pytest.fixture
def cache_down(settings):
    """The shared cache is unreachable: nothing listens where it should be."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
