"""A source's polling interval is chosen from sensible values, not typed as a duration."""

from datetime import timedelta

import pytest

from syndication.models import Source
from tests.conftest import make_source

pytestmark = pytest.mark.django_db


def form_data(source, **changes):
    data = {
        "name": source.name,
        "slug": source.slug,
        "homepage": source.homepage,
        "is_active": "on",
        "seo_policy": source.seo_policy,
        "feed_url": "",
        "poll_interval": "01:00:00",
        # The rights ledger's inline on the source's page, with no permission added.
        "permissions-TOTAL_FORMS": "0",
        "permissions-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_the_form_offers_the_usual_intervals(editor_client):
    response = editor_client.get("/admin/syndication/source/add/")

    field = response.context["adminform"].form.fields["poll_interval"]
    assert [label for _value, label in field.choices] == [
        "Every 15 minutes",
        "Every 30 minutes",
        "Every hour",
        "Every 6 hours",
        "Once a day",
    ]
    html = response.content.decode()
    assert '<select name="poll_interval"' in html
    assert '<option value="01:00:00" selected>Every hour</option>' in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("00:15:00", timedelta(minutes=15)),
        ("06:00:00", timedelta(hours=6)),
        ("1 00:00:00", timedelta(days=1)),
    ],
)
def test_a_chosen_interval_is_stored(editor_client, value, expected):
    source = make_source()

    response = editor_client.post(
        f"/admin/syndication/source/{source.pk}/change/", form_data(source, poll_interval=value)
    )

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.poll_interval == expected


def test_an_interval_not_offered_is_refused_with_a_message(editor_client):
    source = make_source()

    response = editor_client.post(
        f"/admin/syndication/source/{source.pk}/change/",
        form_data(source, poll_interval="00:00:01"),
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    source.refresh_from_db()
    assert source.poll_interval == timedelta(hours=1)


def test_an_unusual_interval_set_elsewhere_is_kept_and_shown(editor_client):
    source = make_source(poll_interval=timedelta(hours=2))

    response = editor_client.get(f"/admin/syndication/source/{source.pk}/change/")
    assert "2:00:00 (as set before" in response.content.decode()

    editor_client.post(
        f"/admin/syndication/source/{source.pk}/change/",
        form_data(source, name="Renamed", poll_interval="02:00:00"),
    )
    source.refresh_from_db()
    assert source.name == "Renamed"
    assert source.poll_interval == timedelta(hours=2)


def test_a_new_source_polls_hourly_unless_chosen_otherwise(editor_client):
    editor_client.post(
        "/admin/syndication/source/add/",
        {
            "name": "Fresh Feed",
            "slug": "fresh-feed",
            "homepage": "https://fresh.example.org/",
            "is_active": "on",
            "seo_policy": "noindex",
            "poll_interval": "00:30:00",
            "permissions-TOTAL_FORMS": "0",
            "permissions-INITIAL_FORMS": "0",
        },
    )

    assert Source.objects.get(slug="fresh-feed").poll_interval == timedelta(minutes=30)
