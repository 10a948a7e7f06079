"""When a permission ends or is revoked, exactly the articles that depend on it are withdrawn.

Time is passed to `withdraw_unpermitted(now=…)`, never slept.
"""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from syndication.ledger import withdraw_unpermitted
from syndication.models import Article, Permission
from tests.conftest import ensure_roles, make_article, make_permission, make_source

S = Article.Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user(
        "desk", email="desk@example.org", password="unused", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def ending():
    """A source whose only permission ends in ten days, and its articles in several states."""
    end = timezone.now() + timedelta(days=10)
    source = make_source(name="Harbour Gazette", permission=None)
    permission = make_permission(source, name="Agreement 2026", valid_until=end)
    return {
        "end": end,
        "permission": permission,
        "live": make_article(source, title="Live story"),
        "scheduled": make_article(source, publish_at=end + timedelta(days=-5)),
        "draft": make_article(source, status=S.DRAFT, publish_at=None),
        "withdrawn": make_article(source, status=S.WITHDRAWN),
        "source": source,
    }


def test_nothing_is_withdrawn_while_the_permission_lasts(ending):
    assert withdraw_unpermitted(now=ending["end"] - timedelta(seconds=1)) == []
    assert Article.objects.filter(status=S.PUBLISHED).count() == 2


def test_expiry_withdraws_exactly_the_published_articles_that_depend_on_it(ending, editors):
    other = make_article(make_source())  # another source, another permission
    overridden = make_article(ending["source"], title="Own licence")
    own = make_permission(ending["source"], article=overridden, name="CC BY 4.0")
    Article.objects.filter(pk=overridden.pk).update(permission=own)

    withdrawn = withdraw_unpermitted(now=ending["end"])

    assert {a.pk for a in withdrawn} == {ending["live"].pk, ending["scheduled"].pk}
    for name in ("live", "scheduled"):
        article = Article.objects.get(pk=ending[name].pk)
        assert article.status == S.WITHDRAWN
        assert article.permission_lapsed_at == ending["end"]
        assert "“Agreement 2026” ended on" in article.permission_lapse_note
    assert Article.objects.get(pk=ending["draft"].pk).status == S.DRAFT
    assert Article.objects.get(pk=other.pk).is_public
    assert Article.objects.get(pk=overridden.pk).is_public
    assert set(Article.objects.withdrawn_for_lack_of_permission()) == set(withdrawn)


def test_a_scheduled_article_past_the_end_is_withdrawn_before_it_goes_live(ending):
    late = make_article(
        ending["source"],
        publish_at=ending["end"] + timedelta(days=1),
        permission=ending["permission"],  # as if the end had been moved forward since
    )

    withdrawn = withdraw_unpermitted(now=timezone.now())

    assert [a.pk for a in withdrawn] == [late.pk]


def test_editors_are_emailed_once_with_the_articles_and_why(ending, editors):
    withdraw_unpermitted(now=ending["end"])
    withdraw_unpermitted(now=ending["end"] + timedelta(minutes=1))  # cron runs again

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["desk@example.org"]
    assert "2 articles withdrawn for lack of permission" in message.subject
    assert "Live story (Harbour Gazette)" in message.body
    assert "Agreement 2026" in message.body


def test_a_renewed_permission_keeps_the_articles_published(ending, editors):
    renewal = make_permission(
        ending["source"], name="Agreement 2027", valid_from=ending["end"] - timedelta(days=1)
    )

    assert withdraw_unpermitted(now=ending["end"] + timedelta(days=1)) == []

    live = Article.objects.get(pk=ending["live"].pk)
    assert live.is_public
    assert live.permission == renewal
    assert mail.outbox == []


def test_revocation_withdraws_at_the_next_run(ending):
    Permission.objects.filter(pk=ending["permission"].pk).update(
        revoked_at=timezone.now(), revoked_reason="The publisher ended the agreement."
    )

    withdrawn = withdraw_unpermitted()

    assert len(withdrawn) == 2
    live = Article.objects.get(pk=ending["live"].pk)
    assert "was revoked on" in live.permission_lapse_note
    assert "The publisher ended the agreement." in live.permission_lapse_note


def test_publishing_again_clears_the_mark_once_a_permission_covers(ending):
    withdraw_unpermitted(now=ending["end"])
    article = Article.objects.get(pk=ending["live"].pk)
    Permission.objects.filter(pk=ending["permission"].pk).update(valid_until=None)

    article.publish()

    article.refresh_from_db()
    assert article.is_public
    assert article.permission_lapsed_at is None
    assert not Article.objects.withdrawn_for_lack_of_permission().filter(pk=article.pk).exists()


def test_the_command_is_what_cron_runs(ending):
    Permission.objects.filter(pk=ending["permission"].pk).update(
        valid_until=timezone.now() - timedelta(seconds=1)
    )
    out = StringIO()

    call_command("withdraw_unpermitted", stdout=out)

    assert out.getvalue().strip() == "Withdrew 2 articles for lack of permission."
    assert not Article.objects.published().filter(source=ending["source"]).exists()


def test_ending_soon_lists_permissions_in_force_that_end_within_the_days(ending):
    now = timezone.now()
    source = make_source(permission=None)
    later = make_permission(source, valid_until=now + timedelta(days=45))
    ended = make_permission(source, valid_until=now - timedelta(days=1))
    endless = make_permission(source)

    soon = list(Permission.objects.ending_soon(days=30))

    assert ending["permission"] in soon
    assert later not in soon and ended not in soon and endless not in soon
    assert later in Permission.objects.ending_soon(days=60)


def test_an_article_moved_to_a_source_without_permission_is_withdrawn(ending):
    article = make_article(make_source(), title="Moved story")
    article.source = ending["source"]
    article.save()
    Permission.objects.filter(pk=ending["permission"].pk).update(revoked_at=timezone.now())

    withdrawn = withdraw_unpermitted()

    assert article.pk in {a.pk for a in withdrawn}


def test_the_compose_stack_and_the_beat_run_it():
    compose = (Path(__file__).resolve().parent.parent / "docker-compose.yml").read_text()
    mailer = yaml.safe_load(compose)["services"]["mailer"]["command"]
    assert "python manage.py withdraw_unpermitted" in mailer
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "syndication.tasks.withdraw_unpermitted" in tasks
