"""Takedown emails: sent after the request is committed; a failure never loses the request."""

import socket

import psycopg
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from syndication.models import TakedownEmail, TakedownRequest
from tests.takedown_factories import REASONS, make_takedown, notice_data


@pytest.fixture
def broken_mail_server(settings):
    """SMTP pointed at a port on 127.0.0.1 where nothing listens: every send fails for real."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    return settings


def test_submission_sends_acknowledgement_and_legal_notice(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.LEGAL_TEAM_EMAILS = ["legal@site.example.org", "counsel@site.example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/takedown/", notice_data(article))

    takedown = TakedownRequest.objects.get()
    acknowledgement, notice = mail.outbox
    assert acknowledgement.to == ["rosa@rights.example.org"]
    assert takedown.reference in acknowledgement.subject
    assert takedown.reference in acknowledgement.body
    assert notice.to == ["legal@site.example.org", "counsel@site.example.org"]
    assert notice.reply_to == ["rosa@rights.example.org"]
    assert takedown.reference in notice.subject
    assert TakedownEmail.objects.pending().count() == 0


def test_no_email_is_attempted_before_the_request_is_committed(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/takedown/", notice_data(article))
    assert mail.outbox == []
    assert len(callbacks) == 2  # both emails wait for the commit


def test_mail_failure_keeps_the_request_and_shows_the_claimant_no_error(
    client, article, broken_mail_server, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/takedown/", notice_data(article))

    takedown = TakedownRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/takedown/submitted/{takedown.reference}/"
    pending = TakedownEmail.objects.pending()
    assert pending.count() == 2
    assert all(e.attempts == 1 and "ConnectionRefused" in e.last_error for e in pending)
    assert "failed" in caplog.text
    assert client.get(response["Location"]).status_code == 200


def test_retry_command_sends_what_failed_and_only_once(
    client, article, broken_mail_server, django_capture_on_commit_callbacks, capsys
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/takedown/", notice_data(article))

    with pytest.raises(SystemExit):
        call_command("send_takedown_emails")  # the server is still down
    assert TakedownEmail.objects.get(kind="acknowledgement").attempts == 2

    broken_mail_server.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_takedown_emails")
    call_command("send_takedown_emails")

    assert "Sent 2 takedown emails; 0 still failing." in capsys.readouterr().out
    assert len(mail.outbox) == 2
    assert TakedownEmail.objects.pending().count() == 0


def test_decision_email_carries_the_statement_of_reasons(
    article, legal_user, django_capture_on_commit_callbacks
):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    with django_capture_on_commit_callbacks(execute=True):
        takedown.accept(legal_user, REASONS)

    # The claimant's decision, and the publisher's notice: a letter for Legal to post,
    # since the test source has no email contact.
    (decision,) = [m for m in mail.outbox if m.to == ["rosa@rights.example.org"]]
    assert len(mail.outbox) == 2
    assert "To post" in next(m for m in mail.outbox if m is not decision).subject
    assert takedown.reference in decision.subject
    for part in REASONS.values():
        assert part in decision.body


def test_decision_email_failure_does_not_undo_the_decision(
    article, legal_user, broken_mail_server, django_capture_on_commit_callbacks
):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    with django_capture_on_commit_callbacks(execute=True):
        takedown.accept(legal_user, REASONS)

    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.ACCEPTED
    assert TakedownEmail.objects.pending().filter(kind="decision").count() == 1


def test_an_email_already_sent_is_not_sent_again(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/takedown/", notice_data(article))
    acknowledgement = TakedownEmail.objects.get(kind="acknowledgement")

    assert acknowledgement.send() is None
    assert len(mail.outbox) == 2
    acknowledgement.refresh_from_db()
    assert acknowledgement.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_an_email_another_sender_holds_is_left_to_it(article, broken_mail_server):
    # Two retry runs at once: the one that finds the row locked sends nothing.
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks; runs with DATABASE_URL=postgres://…")
    make_takedown(article)  # both emails fail and wait in the outbox
    broken_mail_server.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    email = TakedownEmail.objects.get(kind="acknowledgement")
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=False) as other_sender:
        other_sender.execute(
            "SELECT id FROM syndication_takedownemail WHERE id = %s FOR UPDATE", [email.pk]
        )

        with connection.cursor() as cursor:  # a sender that waited would fail, not hang
            cursor.execute("SET lock_timeout = '5s'")
        try:
            assert email.send() is None
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
        assert mail.outbox == []

    assert email.send() is True  # the other sender let go without sending
    assert [message.subject for message in mail.outbox] == [email.subject]
    email.refresh_from_db()
    assert (email.attempts, email.sent_at is not None) == (2, True)
