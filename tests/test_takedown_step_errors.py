"""A counter-notice or a claimant's step that cannot be taken says why on the page."""

import pytest
from django.core.exceptions import ValidationError

from syndication.models import Appeal, TakedownRequest
from tests.appeal_factories import COUNTER_NOTICE, contest_url, removal
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

S = TakedownRequest.Status
STATUS = "/takedown/status/"


def form_data(**overrides):
    data = {**COUNTER_NOTICE, **overrides}
    return {k: ("on" if v is True else v) for k, v in data.items() if v is not False}


def test_a_counter_notice_sent_twice_is_filed_once_and_says_so(client, legal_user):
    takedown, _article = removal(legal_user)
    first = client.post(contest_url(takedown), form_data())
    assert first.status_code == 200
    second = client.post(contest_url(takedown), form_data())
    assert second.status_code == 200
    page = second.content.decode()
    assert 'id="already-filed"' in page
    assert "already received" in page
    assert takedown.appeals.filter(kind=Appeal.Kind.COUNTER_NOTICE).count() == 1


def test_a_counter_notice_after_the_removal_was_reversed_says_why(client, legal_user):
    takedown, _article = removal(legal_user)
    url = contest_url(takedown)
    takedown.reinstate(legal_user, REASONS)
    response = client.post(url, form_data())
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="contest-error"' in page
    assert "Nothing was filed" in page and "Reinstated" in page
    assert not takedown.appeals.exists()


def test_a_counter_notice_refused_by_the_model_shows_its_reason(client, legal_user, monkeypatch):
    takedown, _article = removal(legal_user)

    def refuse(self, link, **fields):
        raise ValidationError("Refused for a reason the page must show.", code="other")

    monkeypatch.setattr(TakedownRequest, "file_counter_notice", refuse)
    response = client.post(contest_url(takedown), form_data())
    assert response.status_code == 400
    assert "Refused for a reason the page must show." in response.content.decode()


@pytest.fixture
def takedown(db):
    return make_takedown(make_article())


def ids(takedown):
    return {"reference": takedown.reference, "email": takedown.email}


def test_an_unknown_step_on_the_status_page_says_so(client, takedown):
    response = client.post(STATUS, {**ids(takedown), "intent": "delete-everything"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error"' in page
    assert "That step is not available" in page
    assert takedown.reference in page


def test_a_step_the_notice_no_longer_offers_shows_its_error(client, takedown, legal_user):
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    # An appeal form left open in another tab: accepted notices are not appealed.
    response = client.post(STATUS, {**ids(takedown), "intent": "appeal", "information": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error"' in page
    assert "Write what you want to add." in page
    takedown.refresh_from_db()
    assert takedown.status == S.ACCEPTED
