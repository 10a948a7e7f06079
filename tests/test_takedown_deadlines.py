"""Deadlines: a target time to decision, the due-by column, the overdue filter, the index counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from syndication.models import TakedownRequest
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

CHANGELIST = "/admin/syndication/takedownrequest/"


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def notices(db):
    """One overdue, one open within target, one decided long ago."""
    overdue = make_takedown(make_article(), received_at=days_ago(9))
    fresh = make_takedown(make_article(), received_at=days_ago(1))
    decided = make_takedown(make_article(), received_at=days_ago(30))
    decided.withdraw()
    return overdue, fresh, decided


def test_the_target_is_seven_days_by_default(settings, article):
    takedown = make_takedown(article)
    assert settings.TAKEDOWN_TARGET_DAYS == 7
    assert takedown.due_at == takedown.received_at + timedelta(days=7)


def test_the_target_comes_from_the_setting(settings, article):
    settings.TAKEDOWN_TARGET_DAYS = 2
    takedown = make_takedown(article, received_at=days_ago(3))
    assert takedown.is_overdue
    assert list(TakedownRequest.objects.overdue()) == [takedown]


def test_only_open_requests_are_overdue(notices):
    overdue, fresh, decided = notices
    assert list(TakedownRequest.objects.overdue()) == [overdue]
    assert overdue.is_overdue and not fresh.is_overdue and not decided.is_overdue


def test_the_list_has_a_due_by_column_marking_overdue_rows(legal_client, notices):
    page = legal_client.get(CHANGELIST).content.decode()
    assert "Due by" in page
    assert page.count('class="takedown-overdue"') == 1
    assert "decided" in page


def test_the_overdue_filter(legal_client, notices):
    overdue, fresh, decided = notices
    response = legal_client.get(CHANGELIST, {"deadline": "overdue"})
    assert list(response.context["cl"].result_list) == [overdue]
    response = legal_client.get(CHANGELIST, {"deadline": "open"})
    assert set(response.context["cl"].result_list) == {overdue, fresh}


def test_the_admin_index_counts_open_and_overdue_notices_for_legal(legal_client, notices):
    page = legal_client.get("/admin/").content.decode()
    assert "Takedown notices waiting" in page
    assert "2 open notices" in page
    assert "1 overdue" in page
    assert f"{CHANGELIST}?deadline=overdue" in page


def test_the_admin_index_says_when_none_is_overdue(legal_client, legal_user, article):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.reject(legal_user, REASONS)
    make_takedown(make_article())
    page = legal_client.get("/admin/").content.decode()
    assert "1 open notice" in page
    assert "none overdue" in page


def test_editors_see_no_takedown_counts(editor_client, notices):
    page = editor_client.get("/admin/").content.decode()
    assert "Takedown notices waiting" not in page


def test_the_admin_index_counts_appeals_waiting(legal_client, legal_user):
    takedown = make_takedown(make_article())
    takedown.start_review(legal_user)
    takedown.reject(legal_user, REASONS)
    takedown.appeal("Please look again.")
    page = legal_client.get("/admin/").content.decode()
    assert "1 appeal or counter-notice to decide" in page
    response = legal_client.get(CHANGELIST, {"deadline": "appeals"})
    assert list(response.context["cl"].result_list) == [takedown]
