"""/takedown/status/: reference plus email shows the status; a wrong pair reveals nothing."""

import pytest

from tests.takedown_factories import REASONS, make_takedown

NOT_FOUND = "We found no request with this reference and email address."


@pytest.fixture
def takedown(article):
    return make_takedown(article)


def test_reference_and_email_show_the_status(client, takedown):
    response = client.post(
        "/takedown/status/", {"reference": takedown.reference, "email": takedown.email}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Received" in page
    assert "No decision has been made yet" in page


def test_lookup_forgives_case_and_spaces(client, takedown):
    response = client.post(
        "/takedown/status/",
        {"reference": f" {takedown.reference.lower()} ", "email": takedown.email.upper()},
    )
    assert response.status_code == 200


def test_decided_request_shows_the_statement_of_reasons(client, takedown, legal_user):
    takedown.start_review(legal_user)
    takedown.reject(legal_user, REASONS)
    response = client.post(
        "/takedown/status/", {"reference": takedown.reference, "email": takedown.email}
    )
    page = response.content.decode()
    assert "Rejected" in page
    for part in REASONS.values():
        assert part in page


def test_wrong_email_and_unknown_reference_get_the_same_answer(client, takedown):
    wrong_email = client.post(
        "/takedown/status/", {"reference": takedown.reference, "email": "other@example.org"}
    )
    unknown = client.post(
        "/takedown/status/", {"reference": "TD-ZZZZZZZZZ", "email": takedown.email}
    )
    assert wrong_email.status_code == unknown.status_code == 404
    assert NOT_FOUND in wrong_email.content.decode()
    assert NOT_FOUND in unknown.content.decode()
    assert takedown.claimant_name not in wrong_email.content.decode()
    strip = lambda r: r.content.decode().replace(takedown.reference, "TD-ZZZZZZZZZ")  # noqa: E731
    # Apart from the echoed input and the CSRF token, the two pages are the same.
    assert len(strip(wrong_email).split()) == len(strip(unknown).split())
