"""Takedown records are never deleted, by anyone, through any path."""

import pytest
from django.db.models import ProtectedError

from syndication.models import ClaimedArticle, TakedownEmail, TakedownEvent, TakedownRequest
from syndication.models.takedowns import TakedownRecordsAreKept
from tests.takedown_factories import make_takedown


def test_a_request_cannot_be_deleted(article):
    takedown = make_takedown(article)
    with pytest.raises(TakedownRecordsAreKept):
        takedown.delete()
    with pytest.raises(TakedownRecordsAreKept):
        TakedownRequest.objects.all().delete()
    assert TakedownRequest.objects.count() == 1


@pytest.mark.parametrize("model", [TakedownEvent, TakedownEmail, ClaimedArticle])
def test_its_events_emails_and_claims_cannot_be_deleted(article, model):
    make_takedown(article)
    before = model.objects.count()
    with pytest.raises(TakedownRecordsAreKept):
        model.objects.first().delete()
    with pytest.raises(TakedownRecordsAreKept):
        model.objects.all().delete()
    assert model.objects.count() == before > 0


def test_events_cannot_be_rewritten(article):
    event = make_takedown(article).events.get()
    event.note = "rewritten"
    with pytest.raises(TakedownRecordsAreKept):
        event.save()


def test_events_cannot_be_rewritten_in_bulk(article):
    make_takedown(article)
    with pytest.raises(TakedownRecordsAreKept):
        TakedownEvent.objects.update(note="rewritten")


def test_a_claimed_article_cannot_be_deleted(article):
    make_takedown(article)
    with pytest.raises(ProtectedError):
        article.delete()


def test_the_admin_offers_no_delete_even_to_a_superuser(admin_client, article):
    takedown = make_takedown(article)
    response = admin_client.get("/admin/syndication/takedownrequest/")
    assert "delete_selected" not in response.content.decode()
    delete_url = f"/admin/syndication/takedownrequest/{takedown.pk}/delete/"
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert TakedownRequest.objects.count() == 1
