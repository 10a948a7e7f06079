"""Appeals and counter-notices have a target time of their own, with a filter, a count and a
reminder, as first decisions do."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from syndication.models import Appeal
from syndication.reminders import send_overdue_reminder
from tests.appeal_factories import file_counter_notice, rejection, removal


def later(days):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days))


@pytest.fixture
def waiting_appeal(legal_user):
    takedown, _article = rejection(legal_user)
    return takedown.appeal("It is my essay.")


def test_an_appeal_is_due_after_the_target_time(settings, waiting_appeal):
    settings.TAKEDOWN_APPEAL_TARGET_DAYS = 5
    assert waiting_appeal.due_at == waiting_appeal.filed_at + timedelta(days=5)
    assert not waiting_appeal.is_overdue
    with later(6):
        assert waiting_appeal.is_overdue
        assert list(Appeal.objects.overdue()) == [waiting_appeal]


def test_a_decided_appeal_is_never_overdue(waiting_appeal, second_legal_user):
    from tests.takedown_factories import REASONS

    waiting_appeal.request.decide_appeal(second_legal_user, REASONS, reverse=False)
    with later(60):
        assert not Appeal.objects.overdue().exists()


def test_the_list_filters_overdue_appeals_and_the_index_counts_them(
    legal_client, legal_user, waiting_appeal
):
    takedown, _article = removal(legal_user)
    file_counter_notice(takedown)
    with later(8):
        listing = legal_client.get("/admin/syndication/takedownrequest/?deadline=appeals_overdue")
        index = legal_client.get("/admin/").content.decode()
    page = listing.content.decode()
    assert waiting_appeal.request.reference in page and takedown.reference in page
    assert "2 appeals overdue" in index
    listing = legal_client.get("/admin/syndication/takedownrequest/?deadline=appeals_overdue")
    assert waiting_appeal.request.reference not in listing.content.decode()


def test_the_reminder_lists_overdue_appeals_once_a_day(settings, waiting_appeal):
    settings.LEGAL_TEAM_EMAILS = ["legal@example.org"]
    mail.outbox.clear()
    assert send_overdue_reminder() == 0
    with later(8):
        assert send_overdue_reminder() == 1
        assert send_overdue_reminder() == 0  # listed already within TAKEDOWN_REMINDER_HOURS
    [email] = mail.outbox
    assert "1 appeal overdue" in email.subject
    assert waiting_appeal.request.reference in email.body
    assert "deadline=appeals_overdue" in email.body
    with later(9.5):
        assert send_overdue_reminder() == 1
