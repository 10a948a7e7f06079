"""The editor who curated a removed article hears of it by email, without the claimant's details."""

from django.core import mail

from syndication.models import TakedownEmail
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown


def accept(takedown, legal_user, capture):
    takedown.start_review(legal_user)
    with capture(execute=True):
        takedown.accept(legal_user, REASONS)


def test_the_curating_editor_is_told_of_the_removal(
    editor, legal_user, django_capture_on_commit_callbacks
):
    editor.email = "eddie@newsroom.example.org"
    editor.save()
    article = make_article(title="Harbour essay", curated_by=editor)
    takedown = make_takedown(article)
    mail.outbox.clear()
    accept(takedown, legal_user, django_capture_on_commit_callbacks)

    sent = [m for m in mail.outbox if m.to == ["eddie@newsroom.example.org"]]
    assert len(sent) == 1
    assert takedown.reference in sent[0].subject
    assert "Harbour essay" in sent[0].body
    assert REASONS["ground"] in sent[0].body
    assert f"/admin/syndication/article/{article.pk}/change/" in sent[0].body
    for private in [takedown.email, takedown.phone, takedown.claimant_name]:
        assert private not in sent[0].body
    assert TakedownEmail.objects.filter(kind=TakedownEmail.Kind.EDITOR_NOTICE).count() == 1


def test_one_email_per_editor_listing_each_of_their_articles(
    editor, legal_user, django_capture_on_commit_callbacks
):
    editor.email = "eddie@newsroom.example.org"
    editor.save()
    first = make_article(title="First essay", curated_by=editor)
    second = make_article(title="Second essay", curated_by=editor)
    takedown = make_takedown(first, second)
    mail.outbox.clear()
    accept(takedown, legal_user, django_capture_on_commit_callbacks)
    sent = [m for m in mail.outbox if m.to == ["eddie@newsroom.example.org"]]
    assert len(sent) == 1
    assert "First essay" in sent[0].body and "Second essay" in sent[0].body


def test_no_editor_email_for_an_untouched_import(legal_user, article):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    assert not TakedownEmail.objects.filter(kind=TakedownEmail.Kind.EDITOR_NOTICE).exists()


def test_the_claimants_decision_email_says_no_automated_means_were_used(
    legal_user, article, django_capture_on_commit_callbacks
):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        takedown.reject(legal_user, REASONS)
    [decision] = [m for m in mail.outbox if m.to == [takedown.email]]
    assert "no automated means" in decision.body
