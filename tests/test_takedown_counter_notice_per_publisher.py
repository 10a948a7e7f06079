"""A notice claiming articles of several publishers: each publisher contests only its own.

Each source's rights contact gets its own private link; its counter-notice
restores its articles alone, and the request's state sums up its sources.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from syndication.models import Appeal, Article, TakedownRequest
from tests.appeal_factories import COUNTER_NOTICE, contest_link, contest_url, file_counter_notice
from tests.conftest import make_article, make_source
from tests.takedown_factories import REASONS, make_takedown

S = TakedownRequest.Status
OTHER_PUBLISHER = {
    **COUNTER_NOTICE,
    "name": "Olga Other",
    "email": "rights@tidewater.example.org",
    "signature": "Olga Other",
}


def post_data(**overrides):
    data = {**COUNTER_NOTICE, **overrides}
    return {k: ("on" if v is True else v) for k, v in data.items() if v is not False}


@pytest.fixture
def two_publishers(legal_user, django_capture_on_commit_callbacks):
    """An accepted notice claiming one article of each of two sources."""
    harbour = make_source(name="Harbour Times", rights_contact="rights@harbour-times.example.org")
    tidewater = make_source(name="Tidewater", rights_contact="rights@tidewater.example.org")
    on_harbours = make_article(harbour, title="On Harbours")
    on_tides = make_article(tidewater, title="On Tides")
    takedown = make_takedown(on_harbours, on_tides)
    takedown.start_review(legal_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        takedown.accept(legal_user, REASONS)
    takedown.refresh_from_db()
    return takedown, harbour, tidewater, on_harbours, on_tides


def test_each_publisher_is_sent_its_own_link_to_its_own_articles(two_publishers):
    takedown, harbour, tidewater, on_harbours, on_tides = two_publishers
    [to_harbour] = [m for m in mail.outbox if m.to == [harbour.rights_contact]]
    [to_tidewater] = [m for m in mail.outbox if m.to == [tidewater.rights_contact]]
    harbour_url = contest_url(takedown, harbour)
    tidewater_url = contest_url(takedown, tidewater)
    assert harbour_url != tidewater_url
    assert harbour_url in to_harbour.body and tidewater_url not in to_harbour.body
    assert on_harbours.title in to_harbour.body and on_tides.title not in to_harbour.body
    assert tidewater_url in to_tidewater.body and on_tides.title in to_tidewater.body


def test_a_publishers_page_shows_only_its_articles(client, two_publishers):
    takedown, harbour, _tidewater, on_harbours, on_tides = two_publishers
    page = client.get(contest_url(takedown, harbour)).content.decode()
    assert on_harbours.title in page and on_tides.title not in page
    assert "Harbour Times" in page


def test_one_publishers_counter_notice_restores_only_its_own_articles(client, two_publishers):
    takedown, harbour, tidewater, on_harbours, on_tides = two_publishers
    response = client.post(contest_url(takedown, harbour), post_data())
    assert response.status_code == 200
    appeal = takedown.appeals.get()
    assert appeal.source == harbour
    takedown.refresh_from_db()
    assert takedown.status == S.COUNTER_NOTICED

    assert TakedownRequest.objects.restore_due(now=appeal.restore_due_at + timedelta(minutes=1))
    takedown.refresh_from_db()
    on_harbours.refresh_from_db()
    on_tides.refresh_from_db()
    assert on_harbours.is_public
    assert on_tides.status == Article.Status.REMOVED
    assert client.get(on_tides.get_absolute_url()).status_code == 451
    # Tidewater's articles are still removed by this notice.
    assert takedown.status == S.ACCEPTED


def test_the_other_publisher_can_still_contest_and_then_all_is_restored(client, two_publishers):
    takedown, harbour, tidewater, on_harbours, on_tides = two_publishers
    first = file_counter_notice(takedown, harbour)
    assert TakedownRequest.objects.restore_due(now=first.restore_due_at + timedelta(minutes=1))

    page = client.get(contest_url(takedown, tidewater)).content.decode()
    assert "Send the counter-notice" in page
    response = client.post(
        contest_url(takedown, tidewater),
        {k: ("on" if v is True else v) for k, v in OTHER_PUBLISHER.items()},
    )
    assert response.status_code == 200
    takedown.refresh_from_db()
    assert takedown.status == S.COUNTER_NOTICED
    second = takedown.appeals.get(source=tidewater)
    assert TakedownRequest.objects.restore_due(now=second.restore_due_at + timedelta(minutes=1))
    takedown.refresh_from_db()
    on_tides.refresh_from_db()
    assert on_tides.is_public
    assert takedown.status == S.REINSTATED


def test_a_publisher_contests_once_and_its_link_cannot_file_for_another(two_publishers):
    takedown, harbour, tidewater, _on_harbours, _on_tides = two_publishers
    file_counter_notice(takedown, harbour)
    with pytest.raises(ValidationError) as exc:
        file_counter_notice(takedown, harbour)
    assert exc.value.code == "duplicate"
    assert contest_link(takedown, tidewater).counter_notice is None


def test_two_counter_notices_are_decided_one_at_a_time(
    legal_client, two_publishers, second_legal_user
):
    takedown, harbour, tidewater, on_harbours, on_tides = two_publishers
    file_counter_notice(takedown, harbour)
    file_counter_notice(takedown, tidewater, **OTHER_PUBLISHER)
    tidewater_notice = takedown.appeals.get(source=tidewater)

    takedown.decide_appeal(second_legal_user, REASONS, reverse=True, appeal=tidewater_notice)
    takedown.refresh_from_db()
    on_harbours.refresh_from_db()
    on_tides.refresh_from_db()
    assert on_tides.is_public and on_harbours.status == Article.Status.REMOVED
    assert takedown.status == S.COUNTER_NOTICED  # Harbour Times' still waits
    assert takedown.appeals.get(source=harbour).outcome == Appeal.Outcome.PENDING


def test_the_request_page_asks_which_counter_notice_to_decide(
    client, two_publishers, second_legal_user
):
    takedown, harbour, tidewater, _on_harbours, on_tides = two_publishers
    file_counter_notice(takedown, harbour)
    file_counter_notice(takedown, tidewater, **OTHER_PUBLISHER)
    tidewater_notice = takedown.appeals.get(source=tidewater)
    client.force_login(second_legal_user)
    url = f"/admin/syndication/takedownrequest/{takedown.pk}/decide/decide_appeal/"
    page = client.get(url).content.decode()
    assert "Harbour Times" in page and "Tidewater" in page
    fields = {f"reasons_{key}": value for key, value in REASONS.items()}
    response = client.post(
        url, {"apply": "1", "appeal": tidewater_notice.pk, "outcome": "reverse", **fields}
    )
    assert response.status_code == 302
    tidewater_notice.refresh_from_db()
    on_tides.refresh_from_db()
    assert tidewater_notice.outcome == Appeal.Outcome.REVERSED
    assert on_tides.is_public
    assert takedown.appeals.get(source=harbour).outcome == Appeal.Outcome.PENDING
