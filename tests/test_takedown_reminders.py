"""`manage.py send_takedown_reminders`: one email to Legal listing the overdue, safe from cron."""

from datetime import timedelta
from unittest import mock

import pytest
import yaml
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from syndication.reminders import send_overdue_reminder
from tests.conftest import make_article
from tests.takedown_factories import make_takedown


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def overdue(db):
    return make_takedown(make_article(), received_at=days_ago(8))


def reminders():
    return [m for m in mail.outbox if "overdue" in m.subject]


def test_legal_gets_one_email_listing_the_overdue_notices(settings, overdue, capsys):
    settings.LEGAL_TEAM_EMAILS = ["legal@example.org"]
    other = make_takedown(make_article(), received_at=days_ago(10))
    fresh = make_takedown(make_article(), received_at=days_ago(1))
    mail.outbox.clear()

    call_command("send_takedown_reminders")

    [email] = reminders()
    assert email.to == ["legal@example.org"]
    assert "2 takedown notices overdue" in email.subject
    assert overdue.reference in email.body and other.reference in email.body
    assert fresh.reference not in email.body
    assert f"/admin/syndication/takedownrequest/{overdue.pk}/change/" in email.body
    assert "2 overdue" in capsys.readouterr().out


def test_a_second_run_soon_after_sends_nothing(overdue):
    mail.outbox.clear()
    assert send_overdue_reminder() == 1
    assert send_overdue_reminder() == 0
    assert len(reminders()) == 1


def test_an_overdue_notice_is_listed_again_after_the_interval(settings, overdue):
    settings.TAKEDOWN_REMINDER_HOURS = 24
    mail.outbox.clear()
    send_overdue_reminder()
    assert send_overdue_reminder(now=timezone.now() + timedelta(hours=23)) == 0
    assert send_overdue_reminder(now=timezone.now() + timedelta(hours=25)) == 1
    assert len(reminders()) == 2


def test_nothing_overdue_sends_nothing(db):
    mail.outbox.clear()
    make_takedown(make_article())
    call_command("send_takedown_reminders")
    assert reminders() == []


def test_a_failed_email_leaves_the_notices_for_the_next_run(overdue):
    mail.outbox.clear()
    failing = mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("mail down"))
    with failing, pytest.raises(OSError):
        call_command("send_takedown_reminders")
    overdue.refresh_from_db()
    assert overdue.reminded_at is None
    assert send_overdue_reminder() == 1


def test_compose_runs_the_reminder():
    compose = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())
    assert "send_takedown_reminders" in " ".join(compose["services"]["mailer"]["command"].split())
