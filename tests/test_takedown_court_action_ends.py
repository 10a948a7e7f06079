"""Court action has an exit: Legal records how it ended, and the articles come back or stay."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from syndication.models import Appeal, Article, TakedownRequest
from tests.appeal_factories import COUNTER_NOTICE, file_counter_notice, removal
from tests.takedown_factories import REASONS

S = TakedownRequest.Status


@pytest.fixture
def in_court(legal_user):
    takedown, article = removal(legal_user)
    file_counter_notice(takedown)
    takedown.record_court_action(legal_user, "Case 3:26-cv-0101, D. Or.")
    takedown.refresh_from_db()
    assert takedown.status == S.COURT_ACTION
    return takedown, article


def test_the_court_finding_for_the_publisher_brings_the_article_back(
    client, in_court, legal_user, django_capture_on_commit_callbacks
):
    takedown, article = in_court
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        takedown.end_court_action(legal_user, REASONS, restore=True)
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.REINSTATED
    assert takedown.appeals.get().outcome == Appeal.Outcome.REVERSED
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Court action ended" in takedown.events.last().note
    recipients = {tuple(m.to) for m in mail.outbox}
    assert (takedown.email,) in recipients and (COUNTER_NOTICE["email"],) in recipients


def test_the_court_upholding_the_removal_keeps_it_for_good(client, in_court, legal_user):
    takedown, article = in_court
    takedown.end_court_action(legal_user, REASONS, restore=False)
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.ACCEPTED
    assert article.status == Article.Status.REMOVED
    assert client.get(article.get_absolute_url()).status_code == 451
    assert "end_court_action" not in takedown.allowed_transitions


def test_ending_court_action_needs_reasons_and_a_court_action(in_court, legal_user):
    takedown, _article = in_court
    with pytest.raises(ValidationError):
        takedown.end_court_action(legal_user, {**REASONS, "facts": " "}, restore=True)
    takedown.end_court_action(legal_user, REASONS, restore=False)
    with pytest.raises(ValidationError):
        takedown.end_court_action(legal_user, REASONS, restore=True)


def test_legal_records_the_end_from_the_request_page(legal_client, in_court):
    takedown, article = in_court
    page = legal_client.get(f"/admin/syndication/takedownrequest/{takedown.pk}/change/")
    assert "Court action ended…" in page.content.decode()
    url = f"/admin/syndication/takedownrequest/{takedown.pk}/decide/end_court_action/"
    assert "Record how the court action ended" in legal_client.get(url).content.decode()
    fields = {f"reasons_{key}": value for key, value in REASONS.items()}
    response = legal_client.post(url, {"apply": "1", "outcome": "restore", **fields})
    assert response.status_code == 302
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.REINSTATED and article.is_public
