"""`seed_demo` loads demo data in every state, and running it again changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from syndication.ledger import withdraw_unpermitted
from syndication.models import Article, Permission, Source

pytestmark = pytest.mark.django_db


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return sorted(Article.objects.values_list("slug", "status", "publish_at", "body"))


def test_demo_data_covers_every_state():
    seed()
    assert Source.objects.count() >= 3
    assert Article.objects.count() >= 30
    assert Article.objects.published().count() >= 20
    assert Article.objects.scheduled().exists()
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.filter(status=Article.Status.WITHDRAWN).exists()
    article = Article.objects.published().first()
    assert article.original_authors and article.original_url and article.original_published_at


def test_seed_demo_is_idempotent():
    seed()
    first = snapshot()
    sources = Source.objects.count()
    output = seed()
    assert snapshot() == first
    assert Source.objects.count() == sources
    assert "0 new articles" in output


def test_print_logins_gives_working_random_passwords():
    output = seed("--print-logins")
    lines = [line.split() for line in output.splitlines() if line.strip().startswith("demo-")]
    assert [line[0] for line in lines] == ["demo-editor", "demo-legal"]
    user = get_user_model().objects.get(username="demo-editor")
    assert user.check_password(lines[0][2])
    assert user.groups.filter(name="Editors").exists()
    second = seed("--print-logins")
    assert lines[0][2] not in second  # a new password each run, none fixed in the code


def test_demo_shows_every_kind_of_permission_and_withdraws_nothing():
    seed()
    permissions = Permission.objects.count()

    assert set(Permission.objects.values_list("kind", flat=True)) == set(Permission.Kind.values)
    assert Permission.objects.ending_soon(days=30).exists()
    excerpt = Article.objects.published().get(permission__scope="excerpt")
    assert excerpt.public_body == ""
    assert not Article.objects.published().filter(permission__isnull=True).exists()
    assert withdraw_unpermitted() == []
    seed()
    assert Permission.objects.count() == permissions
