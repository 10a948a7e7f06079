"""Many rights holders submitting at once: every acknowledged notice is stored, all distinct.

Real HTTP against the live server, one thread per claimant, on PostgreSQL.
"""

import re
import threading

import httpx
import pytest
from django.db import connection

from syndication.models import TakedownEmail, TakedownRequest
from tests.conftest import make_article
from tests.takedown_factories import notice_data

SUBMITTERS = 24
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises all writers with a single database lock, so concurrent "
            "submissions test nothing there; this test runs with DATABASE_URL=postgres://…"
        )


def _send_at_once(live_server, article, notices) -> list[str]:
    """Posts each notice from its own client and thread, all at the same moment.

    Returns the confirmation addresses, in no particular order; every post must be accepted.
    """
    start = threading.Barrier(len(notices))
    locations, failures = [], []

    def send(i, data):
        try:
            with httpx.Client(base_url=live_server.url, timeout=30) as http:
                data = {
                    **data,
                    "claimed_urls": f"{live_server.url}{article.get_absolute_url()}",
                    "csrfmiddlewaretoken": TOKEN.search(http.get("/takedown/").text).group(1),
                }
                start.wait()
                response = http.post(
                    "/takedown/", data=data, headers={"Referer": f"{live_server.url}/takedown/"}
                )
            assert response.status_code == 302, response.text[:500]
            locations.append(response.headers["Location"])
        except Exception as exc:  # noqa: BLE001 - reported below, with the thread's number
            failures.append((i, repr(exc)))

    threads = [threading.Thread(target=send, args=item) for item in enumerate(notices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    return locations


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_are_all_stored_with_distinct_references(
    postgresql_only, live_server, settings
):
    # One address submits for everyone here.
    settings.TAKEDOWN_RATE_LIMIT = settings.TAKEDOWN_ATTEMPT_RATE_LIMIT = (1000, 600)
    article = make_article()
    notices = [
        notice_data(article, claimant_name=f"Claimant {i}", signature=f"Claimant {i}")
        for i in range(SUBMITTERS)
    ]

    locations = _send_at_once(live_server, article, notices)

    acknowledged = {location.rstrip("/").rsplit("/", 1)[-1] for location in locations}
    assert len(acknowledged) == SUBMITTERS
    assert set(TakedownRequest.objects.values_list("reference", flat=True)) == acknowledged
    assert TakedownEmail.objects.count() == 2 * SUBMITTERS
    assert TakedownEmail.objects.pending().count() == 0
    for takedown in TakedownRequest.objects.all():
        assert list(takedown.articles.all()) == [article]


@pytest.mark.django_db(transaction=True)
def test_one_form_sent_several_times_at_once_is_stored_once(postgresql_only, live_server, settings):
    # Repeats wait for the first send, and never count against the limit.
    settings.TAKEDOWN_RATE_LIMIT = (1, 600)
    settings.TAKEDOWN_ATTEMPT_RATE_LIMIT = (1000, 600)
    article = make_article()
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        submission_token = SUBMISSION_TOKEN.search(http.get("/takedown/").text).group(1)
    senders = 8

    locations = _send_at_once(
        live_server, article, [notice_data(article, submission_token=submission_token)] * senders
    )

    takedown = TakedownRequest.objects.get()
    assert locations == [takedown.get_absolute_url()] * senders
    assert TakedownEmail.objects.count() == 2
