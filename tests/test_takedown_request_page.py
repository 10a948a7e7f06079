"""A Legal user decides from the request's own page: a button for each step its state allows."""

import pytest

from syndication.models import Article, TakedownRequest
from tests.takedown_factories import REASONS, make_takedown

S = TakedownRequest.Status


def change_url(takedown):
    return f"/admin/syndication/takedownrequest/{takedown.pk}/change/"


def decide_url(takedown, transition):
    return f"/admin/syndication/takedownrequest/{takedown.pk}/decide/{transition}/"


def reasons_data(**overrides):
    return {"apply": "1", **{f"reasons_{k}": overrides.get(k, v) for k, v in REASONS.items()}}


@pytest.fixture
def takedown(article):
    return make_takedown(article)


@pytest.mark.parametrize(
    ("steps", "buttons", "absent"),
    [
        ([], ["Start review", "Record withdrawal"], ["Accept…", "Reject…", "Reinstate…"]),
        (["start_review"], ["Accept…", "Reject…", "Record withdrawal"], ["Start review"]),
        (["start_review", "accept"], ["Reinstate…"], ["Accept…", "Reject…", "Start review"]),
        (["start_review", "reject"], [], ["Accept…", "Reinstate…", "Record withdrawal"]),
    ],
)
def test_the_request_page_shows_buttons_for_what_its_state_allows(
    legal_client, legal_user, takedown, steps, buttons, absent
):
    for step in steps:
        args = (legal_user, REASONS) if step in ("accept", "reject") else (legal_user,)
        getattr(takedown, step)(*args)
    page = legal_client.get(change_url(takedown)).content.decode()
    for label in buttons:
        assert label in page
    for label in absent:
        assert f">{label}<" not in page
    assert "Decisions are made with the actions on the request list" not in page


def test_start_review_button_posts_to_the_transition(legal_client, takedown):
    response = legal_client.post(decide_url(takedown, "start_review"), follow=True)
    takedown.refresh_from_db()
    assert takedown.status == S.UNDER_REVIEW
    assert response.redirect_chain[-1][0] == change_url(takedown)
    assert "Review started." in response.content.decode()


def test_a_one_click_step_is_not_taken_by_a_get(legal_client, takedown):
    assert legal_client.get(decide_url(takedown, "start_review")).status_code == 405
    takedown.refresh_from_db()
    assert takedown.status == S.RECEIVED


def test_record_withdrawal_button(legal_client, takedown):
    legal_client.post(decide_url(takedown, "withdraw"))
    takedown.refresh_from_db()
    assert takedown.status == S.WITHDRAWN


def test_the_reasons_page_shows_the_whole_notice(legal_client, legal_user, takedown, article):
    takedown.start_review(legal_user)
    response = legal_client.get(decide_url(takedown, "accept"))
    page = response.content.decode()
    assert response.status_code == 200
    for shown in [
        takedown.reference,
        takedown.claimant_name,
        takedown.email,
        takedown.phone,
        takedown.work_description,
        takedown.explanation,
        article.title,
        f'href="{article.get_absolute_url()}"',
        f'href="/admin/syndication/article/{article.pk}/change/"',
    ]:
        assert shown in page
    for label in ["Action taken", "Facts and circumstances", "Ground relied on", "Redress"]:
        assert label in page


def test_the_prefilled_redress_is_in_a_full_width_textarea(legal_client, legal_user, takedown):
    takedown.start_review(legal_user)
    page = legal_client.get(decide_url(takedown, "accept")).content.decode()
    assert "admin_takedowns.css" in page
    assert 'name="reasons_redress" cols="40" rows="6"' in page
    assert "/takedown/status/" in page  # the redress tells how to ask for a review
    assert "reply to this email" not in page.lower()


def test_accept_from_the_request_page_removes_the_article(
    legal_client, legal_user, takedown, article
):
    takedown.start_review(legal_user)
    response = legal_client.post(decide_url(takedown, "accept"), reasons_data(), follow=True)
    takedown.refresh_from_db()
    article.refresh_from_db()
    assert takedown.status == S.ACCEPTED
    assert takedown.decided_by == legal_user
    assert article.status == Article.Status.REMOVED
    assert response.redirect_chain[-1][0] == change_url(takedown)
    assert "Decision recorded" in response.content.decode()


def test_incomplete_reasons_on_the_request_page_change_nothing(
    legal_client, legal_user, takedown, article
):
    takedown.start_review(legal_user)
    response = legal_client.post(decide_url(takedown, "reject"), reasons_data(facts=" "))
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.UNDER_REVIEW


def test_a_step_the_state_refuses_becomes_a_warning(legal_client, takedown):
    response = legal_client.post(decide_url(takedown, "accept"), reasons_data(), follow=True)
    assert "cannot become" in response.content.decode()
    takedown.refresh_from_db()
    assert takedown.status == S.RECEIVED


def test_an_unknown_step_is_not_found(legal_client, takedown):
    assert legal_client.post(decide_url(takedown, "delete")).status_code == 404
    assert legal_client.post(decide_url(takedown, "_locked")).status_code == 404


def test_editors_cannot_decide(editor_client, takedown):
    assert editor_client.post(decide_url(takedown, "start_review")).status_code == 403
    takedown.refresh_from_db()
    assert takedown.status == S.RECEIVED
