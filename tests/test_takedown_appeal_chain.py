"""One claimant appeal per rejection, and nobody who decided a step decides a later appeal."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from syndication.models import Appeal, TakedownRequest
from tests.appeal_factories import file_counter_notice, rejection
from tests.conftest import _staff
from tests.takedown_factories import REASONS

S = TakedownRequest.Status
STATUS = "/takedown/status/"


@pytest.fixture
def third_legal_user(db, django_user_model):
    return _staff(django_user_model, "legal-three", "Legal")


def upheld(legal_user, second_legal_user):
    """A rejects; the claimant appeals; B upholds the rejection."""
    takedown, article = rejection(legal_user)
    takedown.appeal("It is my essay.")
    takedown.decide_appeal(second_legal_user, REASONS, reverse=False)
    takedown.refresh_from_db()
    return takedown, article


def test_an_upheld_rejection_cannot_be_appealed_again(client, legal_user, second_legal_user):
    takedown, _article = upheld(legal_user, second_legal_user)
    assert takedown.status == S.REJECTED
    assert not takedown.can_be_appealed
    with pytest.raises(ValidationError) as exc:
        takedown.appeal("Once more.")
    assert exc.value.code == "appealed_already"
    page = client.post(STATUS, {"reference": takedown.reference, "email": takedown.email})
    assert "Appeal the decision" not in page.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.REJECTED
    assert takedown.appeals.count() == 1


def test_the_time_to_appeal_runs_from_the_first_rejection(legal_user, settings):
    takedown, _article = rejection(legal_user)
    first = takedown.decided_at
    later = first + timedelta(days=100)
    # The decision moves (as an upheld appeal moves it); the deadline does not.
    TakedownRequest.objects.filter(pk=takedown.pk).update(decided_at=later)
    takedown.refresh_from_db()
    deadline = takedown.appeal_deadline()
    assert abs(deadline - (first + timedelta(days=settings.TAKEDOWN_APPEAL_DAYS))) < timedelta(
        seconds=1
    )
    with mock.patch("django.utils.timezone.now", return_value=deadline + timedelta(hours=1)):
        assert not takedown.can_be_appealed


def test_the_first_decider_cannot_decide_an_appeal_after_an_upheld_one(
    legal_user, second_legal_user, third_legal_user
):
    takedown, _article = upheld(legal_user, second_legal_user)
    # An appeal that got in anyway (as the bug let it), naming B as the decision appealed.
    Appeal.objects.create(
        request=takedown,
        kind=Appeal.Kind.CLAIMANT,
        explanation="Again.",
        original_decided_by=second_legal_user,
    )
    TakedownRequest.objects.filter(pk=takedown.pk).update(status=S.APPEALED)
    takedown.refresh_from_db()
    for earlier in [legal_user, second_legal_user]:
        with pytest.raises(ValidationError) as exc:
            takedown.decide_appeal(earlier, REASONS, reverse=True)
        assert exc.value.code == "same_decider"
    takedown.decide_appeal(third_legal_user, REASONS, reverse=False)
    takedown.refresh_from_db()
    assert takedown.status == S.REJECTED


def test_a_counter_notice_after_a_reversed_appeal_goes_to_a_third_user(
    legal_user, second_legal_user, third_legal_user
):
    takedown, _article = rejection(legal_user)
    takedown.appeal("It is my essay.")
    takedown.decide_appeal(second_legal_user, REASONS, reverse=True)  # removed now
    takedown.refresh_from_db()
    file_counter_notice(takedown)
    for earlier in [legal_user, second_legal_user]:
        with pytest.raises(ValidationError) as exc:
            takedown.decide_appeal(earlier, REASONS, reverse=False)
        assert exc.value.code == "same_decider"
    takedown.decide_appeal(third_legal_user, REASONS, reverse=False)
    takedown.refresh_from_db()
    assert takedown.status == S.ACCEPTED


def test_an_appeal_naming_no_first_decider_is_refused_to_anyone_who_decided_a_step(
    legal_user, second_legal_user
):
    takedown, _article = rejection(legal_user)
    appeal = takedown.appeal("It is my essay.")
    Appeal.objects.filter(pk=appeal.pk).update(original_decided_by=None)
    takedown.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        takedown.decide_appeal(legal_user, REASONS, reverse=True)
    assert exc.value.code == "same_decider"
    takedown.decide_appeal(second_legal_user, REASONS, reverse=True)
    takedown.refresh_from_db()
    assert takedown.status == S.ACCEPTED
