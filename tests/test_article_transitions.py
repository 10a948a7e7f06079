"""Article states follow DESIGN.md's diagram; illegal moves are refused, not half-done."""

from datetime import timedelta

import pytest
from django.utils import timezone

from syndication.models import Article
from syndication.models.articles import IllegalTransition
from tests.conftest import make_article, make_permission, make_source

S = Article.Status

pytestmark = pytest.mark.django_db


def draft(**kw):
    return make_article(status=S.DRAFT, publish_at=None, **kw)


def test_publish_makes_a_draft_public_now(editor):
    article = draft()
    article.publish(by=editor)
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert article.is_public
    assert article.curated_by == editor
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_in_the_future_schedules_without_showing_it():
    article = draft()
    article.publish(at=timezone.now() + timedelta(days=1))
    article.refresh_from_db()
    assert article.is_scheduled
    assert not article.is_public
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.scheduled().filter(pk=article.pk).exists()


def test_scheduled_article_becomes_public_when_its_time_passes():
    article = draft()
    article.publish(at=timezone.now() + timedelta(hours=1))
    later = timezone.now() + timedelta(hours=2)
    assert Article.objects.published(now=later).filter(pk=article.pk).exists()


def test_withdraw_takes_a_published_article_off_the_site():
    article = make_article()
    article.withdraw()
    article.refresh_from_db()
    assert article.status == S.WITHDRAWN
    assert not article.is_public


def test_withdrawn_article_can_be_published_again():
    article = make_article(status=S.WITHDRAWN)
    article.publish()
    article.refresh_from_db()
    assert article.is_public


def test_back_to_draft_from_published_and_withdrawn():
    for status in (S.PUBLISHED, S.WITHDRAWN):
        article = make_article(status=status)
        article.to_draft()
        article.refresh_from_db()
        assert article.status == S.DRAFT


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        (S.DRAFT, "withdraw"),
        (S.WITHDRAWN, "withdraw"),
        (S.DRAFT, "to_draft"),
        (S.REMOVED, "publish"),
        (S.REMOVED, "withdraw"),
        (S.REMOVED, "to_draft"),
        (S.REMOVED, "remove"),
        (S.PUBLISHED, "reinstate"),
        (S.DRAFT, "reinstate"),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(status, transition):
    article = make_article(status=status)
    before = Article.objects.values().get(pk=article.pk)
    with pytest.raises(IllegalTransition) as excinfo:
        getattr(article, transition)()
    assert excinfo.value.code == "illegal_transition"
    assert Article.objects.values().get(pk=article.pk) == before


def test_transition_checks_the_stored_state_not_a_stale_copy():
    article = make_article()
    stale = Article.objects.get(pk=article.pk)
    article.withdraw()
    # The stale copy still thinks it is published; withdrawing again must fail.
    with pytest.raises(IllegalTransition):
        stale.withdraw()


def test_remove_and_reinstate_round_trip():
    article = make_article()
    article.remove()
    article.refresh_from_db()
    assert article.status == S.REMOVED
    assert not Article.objects.published().filter(pk=article.pk).exists()
    article.reinstate()
    article.refresh_from_db()
    assert article.is_public


def test_transition_keeps_concurrent_edits_of_other_fields():
    article = make_article()
    Article.objects.filter(pk=article.pk).update(title="Edited meanwhile")
    article.withdraw()
    article.refresh_from_db()
    assert article.title == "Edited meanwhile"
    assert article.status == S.WITHDRAWN


def test_seo_policy_and_licence_fall_back_to_the_source(db):
    source = make_source(permission=None, seo_policy="canonical")
    make_permission(source, name="CC BY 4.0")
    article = make_article(source)
    assert article.effective_seo_policy == "canonical"
    assert article.effective_license == "CC BY 4.0"
    article.seo_policy = "index"
    make_permission(source, article=article, name="Licensed for this article only")
    article.publish()
    assert article.effective_seo_policy == "index"
    assert article.effective_license == "Licensed for this article only"


def test_body_is_sanitised_whichever_way_the_article_is_saved():
    article = make_article(body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"
    article.body = '<a href="javascript:alert(1)">x</a>'
    article.save()
    article.refresh_from_db()
    assert "javascript" not in article.body


def test_original_url_is_unique(source):
    from django.db import IntegrityError, transaction

    make_article(source, original_url="https://example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(source, original_url="https://example.org/a")
