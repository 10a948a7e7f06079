"""Counter-notices: the publisher contests a removal; the article returns after the period
unless Legal records court action. Time is moved by the test, never slept."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from syndication.models import Appeal, Article, TakedownRequest
from syndication.models.appeals import business_days_after
from tests.appeal_factories import COUNTER_NOTICE, contest_url, file_counter_notice, removal
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

S = TakedownRequest.Status


def at(moment):
    """Django's clock, moved to `moment` for the block."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def form_data(**overrides):
    data = {**COUNTER_NOTICE, **overrides}
    return {k: ("on" if v is True else v) for k, v in data.items() if v is not False}


def test_the_publisher_is_told_of_a_removal_with_reasons_and_a_private_link(
    legal_user, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        takedown, article = removal(legal_user)
    [email] = [m for m in mail.outbox if m.to == ["rights@harbour-times.example.org"]]
    assert contest_url(takedown) in email.body
    assert REASONS["ground"] in email.body and article.title in email.body
    for private in [takedown.email, takedown.phone, takedown.postal_address]:
        assert private not in email.body


def test_no_publisher_email_without_an_email_contact(legal_user):
    takedown, _article = removal(legal_user, contact="The Rights Desk, 1 Press Street")
    assert not takedown.emails.filter(kind="publisher_notice").exists()
    assert takedown.emails.filter(kind="publisher_letter").exists()


def test_the_contest_page_shows_the_removal_and_the_form(client, legal_user):
    takedown, article = removal(legal_user)
    page = client.get(contest_url(takedown)).content.decode()
    assert article.title in page and REASONS["facts"] in page
    assert "Send the counter-notice" in page
    assert takedown.claimant_name not in page and takedown.email not in page
    assert client.get("/takedown/contest/not-a-token/").status_code == 404


def test_a_valid_counter_notice_starts_the_timer_and_tells_both_sides(
    client, legal_user, django_capture_on_commit_callbacks
):
    takedown, article = removal(legal_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contest_url(takedown), form_data())
    assert response.status_code == 200
    assert "Your counter-notice is received" in response.content.decode()
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.COUNTER_NOTICED
    assert article.status == Article.Status.REMOVED  # not yet
    appeal = takedown.appeals.get()
    assert appeal.restore_due_at.date() == business_days_after(timezone.now(), 10).date()
    assert appeal.kind == Appeal.Kind.COUNTER_NOTICE and appeal.mistake_statement
    assert "Counter-notice from Paula Publisher" in takedown.events.last().note
    to_claimant = [m for m in mail.outbox if m.to == [takedown.email]]
    assert len(to_claimant) == 1 and "penalty of perjury" in to_claimant[0].body
    assert "Paula Publisher" in to_claimant[0].body  # § 512(g)(2)(B): a copy
    assert any(m.to == [COUNTER_NOTICE["email"]] for m in mail.outbox)


@pytest.mark.parametrize(
    "missing", ["mistake_statement", "jurisdiction_consent", "signature", "material", "phone"]
)
def test_a_counter_notice_needs_every_element(client, legal_user, missing):
    takedown, _article = removal(legal_user)
    response = client.post(contest_url(takedown), form_data(**{missing: False}))
    assert response.status_code == 400
    takedown.refresh_from_db()
    assert takedown.status == S.ACCEPTED


def test_the_signature_must_match_the_name(client, legal_user):
    takedown, _article = removal(legal_user)
    response = client.post(contest_url(takedown), form_data(signature="Someone Else"))
    assert response.status_code == 400


def test_one_counter_notice_per_removal(client, legal_user):
    takedown, _article = removal(legal_user)
    client.post(contest_url(takedown), form_data())
    takedown.refresh_from_db()
    with pytest.raises(ValidationError):
        file_counter_notice(takedown)
    page = client.get(contest_url(takedown)).content.decode()
    assert "Your counter-notice was received on" in page and "Send the counter-notice" not in page


def test_the_article_returns_when_the_period_ends(
    client, legal_user, django_capture_on_commit_callbacks
):
    takedown, article = removal(legal_user)
    due = file_counter_notice(takedown).restore_due_at

    with at(due - timedelta(minutes=1)):
        call_command("restore_after_counter_notices")
    takedown.refresh_from_db()
    assert takedown.status == S.COUNTER_NOTICED
    assert client.get(article.get_absolute_url()).status_code == 451

    mail.outbox.clear()
    with at(due + timedelta(minutes=1)), django_capture_on_commit_callbacks(execute=True):
        call_command("restore_after_counter_notices")
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.REINSTATED
    assert article.is_public
    assert client.get(article.get_absolute_url()).status_code == 200
    assert takedown.appeals.get().outcome == Appeal.Outcome.RESTORED
    assert {tuple(m.to) for m in mail.outbox if "restored" in m.subject} == {
        (takedown.email,),
        (COUNTER_NOTICE["email"],),
    }


def test_court_action_keeps_the_article_removed(legal_user, django_capture_on_commit_callbacks):
    takedown, article = removal(legal_user)
    file_counter_notice(takedown)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        takedown.record_court_action(legal_user, "Case 3:26-cv-0101, D. Or.; claimant's letter.")
    takedown.refresh_from_db()
    assert takedown.status == S.COURT_ACTION and takedown.appeals.get().restore_due_at is None
    with at(timezone.now() + timedelta(days=30)):
        assert TakedownRequest.objects.restore_due() == 0
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED
    assert {tuple(m.to) for m in mail.outbox} == {(takedown.email,), (COUNTER_NOTICE["email"],)}


def test_court_action_needs_a_note(legal_user):
    takedown, _article = removal(legal_user)
    file_counter_notice(takedown)
    with pytest.raises(ValidationError):
        takedown.record_court_action(legal_user, "  ")


def test_legal_records_court_action_from_the_request_page(legal_client, legal_user):
    takedown, _article = removal(legal_user)
    file_counter_notice(takedown)
    page = legal_client.get(f"/admin/syndication/takedownrequest/{takedown.pk}/change/")
    assert "Record court action…" in page.content.decode()
    url = f"/admin/syndication/takedownrequest/{takedown.pk}/decide/record_court_action/"
    legal_client.post(url, {"apply": "1", "note": "Filed in court, case 42."})
    takedown.refresh_from_db()
    assert takedown.status == S.COURT_ACTION


def test_a_different_user_may_reverse_the_removal_at_once(legal_user, second_legal_user):
    takedown, article = removal(legal_user)
    file_counter_notice(takedown)
    with pytest.raises(ValidationError):
        takedown.decide_appeal(legal_user, REASONS, reverse=True)
    takedown.decide_appeal(second_legal_user, REASONS, reverse=True)
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.REINSTATED and takedown.appeals.get().restore_due_at is None
    assert article.is_public


def test_upholding_the_removal_stops_the_timer(legal_user, second_legal_user):
    takedown, article = removal(legal_user)
    file_counter_notice(takedown)
    takedown.decide_appeal(second_legal_user, REASONS, reverse=False)
    takedown.refresh_from_db()
    assert takedown.status == S.ACCEPTED and takedown.appeals.get().restore_due_at is None
    assert TakedownRequest.objects.restore_due(now=timezone.now() + timedelta(days=60)) == 0
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED


def test_a_counter_noticed_removal_keeps_its_article_removed_when_another_is_reinstated(
    legal_user,
):
    takedown, article = removal(legal_user)
    other = make_takedown(article)
    other.start_review(legal_user)
    other.accept(legal_user, REASONS)
    file_counter_notice(takedown)
    other.reinstate(legal_user, REASONS)
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (datetime(2026, 12, 4, 10), 10, datetime(2026, 12, 18, 10)),  # a Friday: two weeks on
        (datetime(2026, 12, 5, 10), 10, datetime(2026, 12, 18, 10)),  # a Saturday
        (datetime(2026, 12, 7, 10), 14, datetime(2026, 12, 25, 10)),  # a Monday
    ],
)
def test_business_days(start, days, end):
    assert business_days_after(start, days) == end


def test_the_period_comes_from_the_setting(legal_user, settings):
    settings.TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS = 14
    takedown, _article = removal(legal_user)
    appeal = file_counter_notice(takedown)
    assert appeal.restore_due_at.date() == business_days_after(timezone.now(), 14).date()
    assert make_article()  # another article is unaffected


def test_listed_holidays_are_not_business_days(settings):
    settings.TAKEDOWN_HOLIDAYS = frozenset({datetime(2026, 12, 25).date()})
    # Monday 7 December + 14 business days would be Friday 25 December, a holiday.
    assert business_days_after(datetime(2026, 12, 7, 10), 14) == datetime(2026, 12, 28, 10)
