"""The disclaimer's history in the admin marks the version in force, request by request."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from syndication.models import Disclaimer

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/syndication/disclaimer/"


def in_force_column(response):
    model_admin = admin.site._registry[Disclaimer]
    return {row.text: model_admin.is_current(row) for row in response.context["cl"].result_list}


def test_only_the_newest_version_is_marked_in_force(editor_client):
    Disclaimer.objects.create(text="Second text.")
    Disclaimer.objects.create(text="Newest text.")

    response = editor_client.get(CHANGELIST)

    marks = in_force_column(response)
    assert marks["Newest text."] is True
    assert list(marks.values()).count(True) == 1
    assert response.content.decode().count('alt="True"') == 1


def test_the_in_force_column_sorts(editor_client):
    Disclaimer.objects.create(text="Newest text.")
    model_admin = admin.site._registry[Disclaimer]
    column = model_admin.get_list_display(None).index("is_current") + 1

    response = editor_client.get(CHANGELIST, {"o": f"-{column}"})

    assert response.status_code == 200
    assert response.context["cl"].result_list[0].text == "Newest text."


def test_two_requests_at_once_each_mark_their_own_version(editor):
    """One ModelAdmin serves every request: a list keeps its answer while another is made."""
    model_admin = admin.site._registry[Disclaimer]
    request = RequestFactory().get(CHANGELIST)
    request.user = editor
    first_list = list(model_admin.get_queryset(request))

    Disclaimer.objects.create(text="Saved meanwhile.")  # another editor saves a new version
    second_list = list(model_admin.get_queryset(request))  # and their list is shown

    # The first list, rendered now, still has the version it found in force.
    in_force_then = first_list[0]  # newest first: the version in force then
    assert model_admin.is_current(in_force_then)
    assert [d.text for d in second_list if model_admin.is_current(d)] == ["Saved meanwhile."]
