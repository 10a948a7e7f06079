"""The claimant on the status page: sees the article's title, withdraws or adds information."""

import pytest
from django.core import mail

from syndication.models import Article, TakedownEmail, TakedownEvent, TakedownRequest
from tests.takedown_factories import REASONS, make_takedown

S = TakedownRequest.Status
STATUS = "/takedown/status/"


@pytest.fixture
def takedown(article):
    return make_takedown(article)


def ids(takedown):
    return {"reference": takedown.reference, "email": takedown.email}


def test_the_status_page_shows_the_articles_title(client, takedown, article):
    page = client.post(STATUS, ids(takedown)).content.decode()
    assert article.title in page


def test_the_status_page_never_says_reply_to_this_email(client, takedown, legal_user):
    from syndication.admin.decisions import DEFAULT_REDRESS

    takedown.start_review(legal_user)
    takedown.reject(legal_user, {**REASONS, "redress": str(DEFAULT_REDRESS)})
    page = client.post(STATUS, ids(takedown)).content.decode()
    assert "reply to this email" not in page.lower()
    assert "add information to your request" in page


def test_the_claimant_withdraws_online(client, takedown, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            STATUS, {**ids(takedown), "intent": "withdraw", "confirm_withdrawal": "on"}
        )
    assert response.status_code == 200
    assert "Your notice is withdrawn" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.WITHDRAWN
    event = takedown.events.last()
    assert event.to_status == S.WITHDRAWN and event.by is None
    assert TakedownEmail.objects.filter(kind=TakedownEmail.Kind.CLAIMANT_UPDATE).count() == 1
    assert any("withdrew the notice online" in m.body for m in mail.outbox)


def test_withdrawal_needs_the_confirmation_box(client, takedown):
    response = client.post(STATUS, {**ids(takedown), "intent": "withdraw"})
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.RECEIVED


def test_a_notice_under_review_can_still_be_withdrawn(client, takedown, legal_user):
    takedown.start_review(legal_user)
    client.post(STATUS, {**ids(takedown), "intent": "withdraw", "confirm_withdrawal": "on"})
    takedown.refresh_from_db()
    assert takedown.status == S.WITHDRAWN


def test_a_decided_notice_offers_no_withdrawal_and_refuses_one(client, takedown, legal_user):
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    page = client.post(STATUS, ids(takedown)).content.decode()
    assert "Withdraw my notice" not in page
    response = client.post(
        STATUS, {**ids(takedown), "intent": "withdraw", "confirm_withdrawal": "on"}
    )
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.ACCEPTED


def test_withdrawal_restores_articles_hidden_on_receipt(client, settings, article):
    settings.TAKEDOWN_HIDE_ON_RECEIPT = True
    takedown = make_takedown(article)
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED
    client.post(STATUS, {**ids(takedown), "intent": "withdraw", "confirm_withdrawal": "on"})
    article.refresh_from_db()
    assert article.is_public


def test_the_claimant_adds_information_to_the_log(
    client, takedown, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            STATUS,
            {**ids(takedown), "intent": "add", "information": "My registration: TX-1-234."},
        )
    assert response.status_code == 200
    assert "your information is added" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.RECEIVED
    event = takedown.events.last()
    assert event.from_status == event.to_status == S.RECEIVED
    assert "My registration: TX-1-234." in event.note
    assert takedown.explanation == "Copied without a licence."  # the notice itself is unchanged
    [legal] = [m for m in mail.outbox if "update from the claimant" in m.subject]
    assert "TX-1-234" in legal.body
    assert legal.reply_to == [takedown.email]


def test_empty_information_is_refused(client, takedown):
    response = client.post(STATUS, {**ids(takedown), "intent": "add", "information": "  "})
    assert response.status_code == 400
    assert "Write what you want to add" in response.content.decode()
    assert TakedownEvent.objects.filter(request=takedown).count() == 1


def test_an_update_with_the_wrong_email_changes_nothing(client, takedown):
    response = client.post(
        STATUS,
        {"reference": takedown.reference, "email": "other@example.org", "intent": "withdraw",
         "confirm_withdrawal": "on"},
    )  # fmt: skip
    assert response.status_code == 404
    takedown.refresh_from_db()
    assert takedown.status == S.RECEIVED


def test_updates_count_against_the_look_up_limit(client, settings, takedown):
    settings.TAKEDOWN_STATUS_RATE_LIMIT = (2, 600)
    for _ in range(2):
        client.post(STATUS, {**ids(takedown), "intent": "add", "information": "More."})
    response = client.post(STATUS, {**ids(takedown), "intent": "add", "information": "More."})
    assert response.status_code == 429
    assert TakedownEvent.objects.filter(request=takedown).count() == 3


def test_an_online_withdrawal_sends_the_claimant_a_receipt(
    client, settings, takedown, article, django_capture_on_commit_callbacks
):
    settings.LEGAL_TEAM_EMAILS = ["legal@example.org"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(STATUS, {**ids(takedown), "intent": "withdraw", "confirm_withdrawal": "on"})
    [receipt] = [m for m in mail.outbox if m.to == [takedown.email]]
    assert takedown.reference in receipt.subject and "withdrew" in receipt.subject
    assert "We will take no further action on it" in receipt.body
    assert receipt.reply_to == ["legal@example.org"]
    assert TakedownEmail.objects.get(kind=TakedownEmail.Kind.CLAIMANT_RECEIPT).request == takedown


def test_a_withdrawal_recorded_by_legal_sends_no_receipt(takedown, legal_user):
    takedown.withdraw(by=legal_user)
    assert not TakedownEmail.objects.filter(kind=TakedownEmail.Kind.CLAIMANT_RECEIPT).exists()
