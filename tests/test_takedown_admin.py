"""The Legal team's admin for takedown requests, and what Editors cannot see."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from syndication.models import Article, TakedownRequest
from tests.conftest import make_article, make_source
from tests.takedown_factories import REASONS, make_takedown

CHANGELIST = "/admin/syndication/takedownrequest/"


@pytest.fixture
def takedown(article):
    return make_takedown(article)


def reasons_post(takedown, action, **reasons):
    return {
        "action": action,
        ACTION_CHECKBOX_NAME: [takedown.pk],
        "apply": "1",
        **{f"reasons_{key}": reasons.get(key, value) for key, value in REASONS.items()},
    }


def test_legal_sees_the_change_list_with_age_and_articles(legal_client, takedown, article):
    response = legal_client.get(CHANGELIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert takedown.reference in page
    assert article.title in page
    assert "age" in page.lower()


@pytest.mark.parametrize("term", ["rosa@rights", "Rosa", "/articles/"])
def test_legal_can_search_by_claimant_email_and_url(legal_client, takedown, term):
    response = legal_client.get(CHANGELIST, {"q": term})
    assert takedown.reference in response.content.decode()


def test_legal_can_filter_by_status_and_article_source(legal_client, takedown, article):
    other = make_takedown(make_article(make_source()))
    by_status = legal_client.get(CHANGELIST, {"status__exact": "received"}).content.decode()
    by_source = legal_client.get(CHANGELIST, {"source": article.source_id}).content.decode()
    assert takedown.reference in by_status and other.reference in by_status
    assert takedown.reference in by_source and other.reference not in by_source


@pytest.mark.parametrize("value", ["abc", "%00", "1.5", "\u0661"])
def test_a_bad_source_filter_value_is_ignored_not_an_error(legal_client, takedown, value):
    response = legal_client.get("/admin/syndication/takedownrequest/", {"source": value})
    assert response.status_code in (200, 302)


def test_claimant_data_is_shown_read_only(legal_client, takedown):
    response = legal_client.get(f"{CHANGELIST}{takedown.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    assert takedown.email in page
    assert 'name="claimant_name"' not in page
    assert 'name="email"' not in page
    assert 'name="_save"' not in page


def test_nobody_adds_requests_in_the_admin(legal_client, admin_client, db):
    assert legal_client.get(f"{CHANGELIST}add/").status_code == 403
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403


def test_editors_cannot_see_takedown_requests(editor_client, takedown):
    assert editor_client.get(CHANGELIST).status_code == 403
    assert editor_client.get(f"{CHANGELIST}{takedown.pk}/change/").status_code == 403
    assert editor_client.get("/admin/syndication/takedownevent/").status_code in (403, 404)
    index = editor_client.get("/admin/").content.decode()
    assert "akedown" not in index


def test_start_review_action(legal_client, takedown):
    response = legal_client.post(
        CHANGELIST, {"action": "start_review", ACTION_CHECKBOX_NAME: [takedown.pk]}, follow=True
    )
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.UNDER_REVIEW
    assert "Review started on 1 request." in response.content.decode()


def test_accept_asks_for_the_statement_of_reasons_first(legal_client, takedown, legal_user):
    takedown.start_review(legal_user)
    response = legal_client.post(
        CHANGELIST, {"action": "accept", ACTION_CHECKBOX_NAME: [takedown.pk]}
    )
    page = response.content.decode()
    assert response.status_code == 200
    for label in ["Action taken", "Facts and circumstances", "Ground relied on", "Redress"]:
        assert label in page
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.UNDER_REVIEW


def test_accept_with_reasons_removes_the_article(legal_client, takedown, legal_user, article):
    takedown.start_review(legal_user)
    response = legal_client.post(CHANGELIST, reasons_post(takedown, "accept"), follow=True)

    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.ACCEPTED
    assert takedown.decided_by == legal_user
    assert takedown.reasons_facts == REASONS["facts"]
    assert article.status == Article.Status.REMOVED
    assert "Accepted 1 request" in response.content.decode()


@pytest.mark.parametrize("action", ["accept", "reject"])
def test_decision_without_complete_reasons_changes_nothing(
    legal_client, takedown, legal_user, article, action
):
    takedown.start_review(legal_user)
    response = legal_client.post(CHANGELIST, reasons_post(takedown, action, ground=""))
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.UNDER_REVIEW
    article.refresh_from_db()
    assert article.is_public


def test_reinstate_action_puts_the_article_back(legal_client, takedown, legal_user, article):
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    legal_client.post(CHANGELIST, reasons_post(takedown, "reinstate"))
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.REINSTATED
    assert article.is_public


def test_illegal_action_becomes_a_warning_not_an_error(legal_client, takedown):
    response = legal_client.post(CHANGELIST, reasons_post(takedown, "reject"), follow=True)
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.RECEIVED


def test_record_withdrawal_action(legal_client, takedown):
    legal_client.post(
        CHANGELIST, {"action": "record_withdrawal", ACTION_CHECKBOX_NAME: [takedown.pk]}
    )
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.WITHDRAWN
