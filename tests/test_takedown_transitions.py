"""TakedownRequest's transitions: the states of DESIGN.md, their effects on articles, their log."""

import pytest
from django.core.exceptions import ValidationError

from syndication.models import Article, TakedownRequest
from syndication.models.takedowns import IllegalTakedownTransition
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

S = TakedownRequest.Status


def test_accept_removes_every_claimed_article(legal_user, source):
    first, second = make_article(source), make_article(source, status=Article.Status.DRAFT)
    takedown = make_takedown(first, second)
    takedown.start_review(legal_user)

    takedown.accept(legal_user, REASONS)

    takedown.refresh_from_db()
    assert takedown.status == S.ACCEPTED
    assert takedown.decided_by == legal_user
    assert takedown.decided_at is not None
    assert takedown.reasons_ground == REASONS["ground"]
    for article in (first, second):
        article.refresh_from_db()
        assert article.status == Article.Status.REMOVED


def test_every_transition_writes_an_event(legal_user, article):
    # A publisher with an email contact: one without gets a letter, which is logged too.
    article.source.rights_contact = "rights@publisher.example.org"
    article.source.save()
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    takedown.reinstate(legal_user, REASONS)

    steps = [(e.from_status, e.to_status, e.by) for e in takedown.events.all()]
    assert steps == [
        ("", S.RECEIVED, None),
        (S.RECEIVED, S.UNDER_REVIEW, legal_user),
        (S.UNDER_REVIEW, S.ACCEPTED, legal_user),
        (S.ACCEPTED, S.REINSTATED, legal_user),
    ]
    assert REASONS["facts"] in takedown.events.get(to_status=S.ACCEPTED).note


def test_reinstate_publishes_the_articles_again(legal_user, article):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)

    takedown.reinstate(legal_user, REASONS)

    article.refresh_from_db()
    assert takedown.status == S.REINSTATED
    assert article.status == Article.Status.PUBLISHED
    assert article.is_public


def test_reinstate_keeps_an_article_another_accepted_request_removed(legal_user, article):
    first, second = make_takedown(article), make_takedown(article)
    for takedown in (first, second):
        takedown.start_review(legal_user)
        takedown.accept(legal_user, REASONS)

    first.reinstate(legal_user, REASONS)

    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED


def test_reject_keeps_the_articles_online(legal_user, article):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)

    takedown.reject(legal_user, REASONS)

    article.refresh_from_db()
    assert takedown.status == S.REJECTED
    assert article.is_public


def test_claimant_can_withdraw_a_received_request(article):
    takedown = make_takedown(article)
    takedown.withdraw()
    takedown.refresh_from_db()
    assert takedown.status == S.WITHDRAWN


@pytest.mark.parametrize("transition", ["accept", "reject"])
def test_decisions_need_a_review_first(legal_user, article, transition):
    takedown = make_takedown(article)
    with pytest.raises(IllegalTakedownTransition):
        getattr(takedown, transition)(legal_user, REASONS)
    article.refresh_from_db()
    assert article.is_public
    assert TakedownRequest.objects.get().status == S.RECEIVED


def test_a_decided_request_cannot_be_decided_again(legal_user, article):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.reject(legal_user, REASONS)
    with pytest.raises(IllegalTakedownTransition):
        takedown.accept(legal_user, REASONS)
    with pytest.raises(IllegalTakedownTransition):
        takedown.withdraw()


def test_only_an_accepted_request_can_be_reinstated(legal_user, article):
    takedown = make_takedown(article)
    with pytest.raises(IllegalTakedownTransition):
        takedown.reinstate(legal_user, REASONS)


@pytest.mark.parametrize("missing", ["action", "facts", "ground", "redress"])
def test_decisions_need_all_four_parts_of_the_statement_of_reasons(legal_user, article, missing):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    with pytest.raises(ValidationError) as caught:
        takedown.accept(legal_user, {**REASONS, missing: "  "})
    assert caught.value.code == "reasons_missing"
    article.refresh_from_db()
    assert article.is_public
    assert TakedownRequest.objects.get().status == S.UNDER_REVIEW


def test_a_stale_copy_cannot_decide_twice(legal_user, article):
    """Two Legal users acting on the same request: the second one is refused."""
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    stale = TakedownRequest.objects.get(pk=takedown.pk)
    takedown.accept(legal_user, REASONS)
    with pytest.raises(IllegalTakedownTransition):
        stale.reject(legal_user, REASONS)


def test_reinstate_returns_each_article_to_the_state_it_was_removed_from(legal_user, source):
    draft = make_article(source, status=Article.Status.DRAFT, publish_at=None)
    withdrawn = make_article(source, status=Article.Status.WITHDRAWN)
    takedown = make_takedown(draft, withdrawn)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)

    takedown.reinstate(legal_user, REASONS)

    draft.refresh_from_db()
    withdrawn.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert withdrawn.status == Article.Status.WITHDRAWN
