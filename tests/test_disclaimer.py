"""The site-wide disclaimer: versioned, never empty, never deleted."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from syndication.models import Disclaimer

pytestmark = pytest.mark.django_db


def test_initial_disclaimer_says_what_readers_need_to_know():
    text = Disclaimer.current_text()
    assert "reposted from a public source" in text
    assert "information only" in text
    assert "views" in text
    assert "rights remain" in text.lower()
    assert "takedown page" not in text  # every rendering adds it, linked


def test_editing_adds_a_version_and_keeps_the_old_one(editor):
    before = Disclaimer.objects.count()
    first = Disclaimer.objects.latest()
    first.text = "New wording."
    first.created_by = editor
    first.save()
    assert Disclaimer.objects.count() == before + 1
    assert Disclaimer.current_text() == "New wording."
    assert Disclaimer.objects.filter(text__startswith="This article is reposted").exists()


def test_current_text_cache_follows_a_new_version():
    assert Disclaimer.current_text().startswith("This article")
    Disclaimer.objects.create(text="Second version.")
    assert Disclaimer.current_text() == "Second version."


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_disclaimer_can_never_be_empty(text):
    with pytest.raises(ValidationError):
        Disclaimer(text=text).full_clean()
    with pytest.raises(ValidationError):
        Disclaimer.objects.create(text=text)


def test_database_refuses_an_empty_disclaimer_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        Disclaimer.objects.bulk_create([Disclaimer(text="")])


def test_admin_change_saves_a_new_version_with_who(editor_client, editor):
    current = Disclaimer.objects.latest()
    url = f"/admin/syndication/disclaimer/{current.pk}/change/"
    response = editor_client.post(url, {"text": "Edited in the admin."})
    assert response.status_code == 302
    latest = Disclaimer.objects.latest()
    assert latest.pk != current.pk
    assert latest.text == "Edited in the admin."
    assert latest.created_by == editor
    assert Disclaimer.objects.filter(pk=current.pk).exists()


def test_admin_refuses_an_empty_disclaimer_with_a_message(editor_client):
    current = Disclaimer.objects.latest()
    count = Disclaimer.objects.count()
    response = editor_client.post(
        f"/admin/syndication/disclaimer/{current.pk}/change/", {"text": "   "}
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode() or "never be empty" in (
        response.content.decode()
    )
    assert Disclaimer.objects.count() == count


def test_nobody_can_delete_a_disclaimer_version(admin_client):
    current = Disclaimer.objects.latest()
    response = admin_client.post(
        f"/admin/syndication/disclaimer/{current.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert Disclaimer.objects.filter(pk=current.pk).exists()


def test_history_is_listed_with_the_version_in_force(editor_client):
    Disclaimer.objects.create(text="Newest text.")
    response = editor_client.get("/admin/syndication/disclaimer/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Newest text." in body
    assert "This article is reposted" in body
