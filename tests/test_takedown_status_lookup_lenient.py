"""The status look-up forgives how a reference is typed; its 429 page speaks of look-ups."""

import pytest

from syndication.forms import normalise_reference
from tests.takedown_factories import make_takedown


@pytest.mark.parametrize(
    ("typed", "exact"),
    [
        ("TD-7K3M9Q2XA", "TD-7K3M9Q2XA"),
        ("td-7k3m9q2xa", "TD-7K3M9Q2XA"),
        ("7K3M9Q2XA", "TD-7K3M9Q2XA"),
        ("7k3m9q2xa", "TD-7K3M9Q2XA"),
        ("TD7K3M9Q2XA", "TD-7K3M9Q2XA"),
        (" td - 7k3 m9q 2xa ", "TD-7K3M9Q2XA"),
        ("TD-1O0AB2C3D", "TD-100AB2C3D"),
        ("TD-I1L00XYZW", "TD-11100XYZW"),
        ("TDTDTDTDT", "TD-TDTDTDTDT"),  # a code that itself starts with TD keeps it
    ],
)
def test_reference_spellings(typed, exact):
    assert normalise_reference(typed) == exact


@pytest.fixture
def takedown(article):
    takedown = make_takedown(article)
    takedown.reference = "TD-70K3M0Q2X"
    takedown.save(update_fields=["reference"])
    return takedown


@pytest.mark.parametrize("typed", ["70K3M0Q2X", "td-70k3m0q2x", "TD-7OK3MOQ2X", "7ok3moq2x"])
def test_the_status_page_finds_a_reference_typed_loosely(client, takedown, typed):
    response = client.post("/takedown/status/", {"reference": typed, "email": takedown.email})
    assert response.status_code == 200
    assert takedown.reference in response.content.decode()


def test_the_status_429_page_speaks_of_look_ups(client, settings, takedown):
    settings.TAKEDOWN_STATUS_RATE_LIMIT = (1, 600)
    client.post("/takedown/status/", {"reference": "x", "email": "a@example.org"})
    response = client.post("/takedown/status/", {"reference": "x", "email": "a@example.org"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "look-ups" in page
    assert "notice for which you saw a reference" not in page
    assert "reply to" not in page
