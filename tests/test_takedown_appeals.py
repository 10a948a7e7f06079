"""Appeals: the claimant appeals a rejection; a different Legal user upholds or reverses it."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from syndication.models import Appeal, Article, TakedownEmail, TakedownRequest
from tests.appeal_factories import rejection, removal
from tests.takedown_factories import REASONS

S = TakedownRequest.Status
STATUS = "/takedown/status/"


def ids(takedown):
    return {"reference": takedown.reference, "email": takedown.email}


def test_the_claimant_appeals_a_rejection_online(
    client, legal_user, django_capture_on_commit_callbacks
):
    takedown, _article = rejection(legal_user)
    page = client.post(STATUS, ids(takedown)).content.decode()
    assert "Appeal the decision" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            STATUS, {**ids(takedown), "intent": "appeal", "information": "It is my essay."}
        )
    assert response.status_code == 200
    assert "Your appeal is received" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.APPEALED
    [appeal] = takedown.appeals.all()
    assert appeal.kind == Appeal.Kind.CLAIMANT
    assert appeal.original_decided_by == legal_user
    assert "It is my essay." in takedown.events.last().note
    subjects = [m.subject for m in mail.outbox]
    assert any("Your appeal" in s for s in subjects)  # the claimant
    assert any("update from the claimant" in s for s in subjects)  # Legal


def test_an_appeal_needs_a_reason(client, legal_user):
    takedown, _article = rejection(legal_user)
    response = client.post(STATUS, {**ids(takedown), "intent": "appeal", "information": " "})
    assert response.status_code == 400
    takedown.refresh_from_db()
    assert takedown.status == S.REJECTED


def test_appeals_are_open_for_six_months_after_the_decision(client, legal_user, settings):
    assert settings.TAKEDOWN_APPEAL_DAYS >= 183
    takedown, _article = rejection(legal_user)
    later = takedown.decided_at + timedelta(days=settings.TAKEDOWN_APPEAL_DAYS, hours=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert not takedown.can_be_appealed
        with pytest.raises(ValidationError) as exc:
            takedown.appeal("Too late?")
    assert exc.value.code == "appeal_too_late"
    takedown.refresh_from_db()
    assert takedown.status == S.REJECTED
    in_time = takedown.decided_at + timedelta(days=settings.TAKEDOWN_APPEAL_DAYS - 1)
    with mock.patch("django.utils.timezone.now", return_value=in_time):
        takedown.appeal("Still in time.")
    takedown.refresh_from_db()
    assert takedown.status == S.APPEALED


def test_only_a_rejection_can_be_appealed(legal_user):
    takedown, _article = removal(legal_user)
    with pytest.raises(ValidationError):
        takedown.appeal("Why?")


def test_the_first_decider_cannot_decide_the_appeal(legal_user):
    takedown, _article = rejection(legal_user)
    takedown.appeal("It is my essay.")
    with pytest.raises(ValidationError) as exc:
        takedown.decide_appeal(legal_user, REASONS, reverse=True)
    assert exc.value.code == "same_decider"
    takedown.refresh_from_db()
    assert takedown.status == S.APPEALED


def test_a_different_user_reverses_the_rejection_and_the_article_is_removed(
    legal_user, second_legal_user
):
    takedown, article = rejection(legal_user)
    takedown.appeal("It is my essay.")
    appeal = takedown.decide_appeal(second_legal_user, REASONS, reverse=True)
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.ACCEPTED
    assert takedown.decided_by == second_legal_user
    assert article.status == Article.Status.REMOVED
    assert appeal.outcome == Appeal.Outcome.REVERSED and appeal.decided_by == second_legal_user
    decided = takedown.events.filter(note__startswith="Appeal decided:").get()
    assert "Decision reversed" in decided.note
    assert takedown.open_records.filter(kind="dsa").exists()  # a removal: a statement


def test_a_different_user_upholds_the_rejection(legal_user, second_legal_user):
    takedown, article = rejection(legal_user)
    takedown.appeal("It is my essay.")
    takedown.decide_appeal(second_legal_user, REASONS, reverse=False)
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.REJECTED
    assert article.is_public
    assert takedown.appeals.get().outcome == Appeal.Outcome.UPHELD
    assert not takedown.can_be_appealed or takedown.appeals.count() == 1


def test_the_appeal_decision_is_emailed_to_the_claimant(
    legal_user, second_legal_user, django_capture_on_commit_callbacks
):
    takedown, _article = rejection(legal_user)
    takedown.appeal("It is my essay.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        takedown.decide_appeal(second_legal_user, REASONS, reverse=False)
    assert [m.to for m in mail.outbox] == [[takedown.email]]
    assert "Decision uph" in mail.outbox[0].body or "Rejected" in mail.outbox[0].body
    assert TakedownEmail.objects.filter(request=takedown, kind="decision").count() == 2


def test_the_admin_decides_an_appeal_as_another_user(client, legal_user, second_legal_user):
    takedown, article = rejection(legal_user)
    takedown.appeal("It is my essay.")
    url = f"/admin/syndication/takedownrequest/{takedown.pk}/decide/decide_appeal/"
    data = {"apply": "1", "outcome": "reverse", **{f"reasons_{k}": v for k, v in REASONS.items()}}

    client.force_login(legal_user)
    page = client.get(f"/admin/syndication/takedownrequest/{takedown.pk}/change/")
    assert "Decide appeal…" in page.content.decode()
    assert "It is my essay." in client.get(url).content.decode()
    refused = client.post(url, data, follow=True)
    assert "someone other than" in refused.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.APPEALED

    client.force_login(second_legal_user)
    client.post(url, data)
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.ACCEPTED
    assert article.status == Article.Status.REMOVED


def test_an_appeal_decision_needs_an_outcome(client, legal_user, second_legal_user):
    takedown, _article = rejection(legal_user)
    takedown.appeal("It is my essay.")
    client.force_login(second_legal_user)
    url = f"/admin/syndication/takedownrequest/{takedown.pk}/decide/decide_appeal/"
    response = client.post(url, {"apply": "1", **{f"reasons_{k}": v for k, v in REASONS.items()}})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.APPEALED
    assert timezone.now()  # nothing else changed
