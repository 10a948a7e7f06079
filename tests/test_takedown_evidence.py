"""Evidence: SHA-256 of title, body and URL when saved, claimed and decided; Legal sees changes."""

import pytest
from django.db.models import ProtectedError

from syndication.models import Article, ArticleFingerprint, TakedownRequest
from syndication.models.evidence import fingerprint
from syndication.models.kept import TakedownRecordsAreKept
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

M = ArticleFingerprint.Moment


def test_saving_a_change_records_a_fingerprint(article):
    assert list(article.fingerprints.values_list("moment", flat=True)) == [M.SAVED]
    article.body = "<p>New text.</p>"
    article.save()
    article.summary = "Only the summary."  # not title, body or URL: no new version
    article.save()
    article.publish()  # a transition: status only
    shas = list(article.fingerprints.values_list("sha256", flat=True))
    assert len(shas) == 2 and shas[-1] == fingerprint(article)


def test_an_imported_article_is_fingerprinted_as_imported(source):
    from django.utils import timezone

    article = make_article(source, retrieved_at=timezone.now())
    assert article.fingerprints.get().moment == M.IMPORTED


def test_notice_and_decision_are_fingerprinted_in_the_log(article, legal_user):
    takedown = make_takedown(article)
    received = takedown.events.get()
    assert fingerprint(article) in received.note
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    accepted = takedown.events.get(
        from_status=TakedownRequest.Status.UNDER_REVIEW, to_status=TakedownRequest.Status.ACCEPTED
    )
    assert fingerprint(article) in accepted.note
    assert "unchanged since the notice" in accepted.note
    moments = takedown.fingerprints.values_list("moment", flat=True)
    assert sorted(moments) == [M.DECISION, M.NOTICE]


def test_legal_sees_that_the_text_changed_between_notice_and_decision(
    legal_client, legal_user, article
):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    article.body = "<p>Edited after the notice.</p>"
    article.save()
    reasons_page = legal_client.get(
        f"/admin/syndication/takedownrequest/{takedown.pk}/decide/accept/"
    ).content.decode()
    assert "CHANGED since the notice" in reasons_page
    change_page = legal_client.get(
        f"/admin/syndication/takedownrequest/{takedown.pk}/change/"
    ).content.decode()
    assert "CHANGED since the notice" in change_page
    takedown.accept(legal_user, REASONS)
    decision = takedown.events.get(
        from_status=TakedownRequest.Status.UNDER_REVIEW, to_status=TakedownRequest.Status.ACCEPTED
    )
    assert "CHANGED since the notice" in decision.note


def test_an_unchanged_text_is_shown_as_such(legal_client, legal_user, article):
    takedown = make_takedown(article)
    page = legal_client.get(f"/admin/syndication/takedownrequest/{takedown.pk}/change/")
    assert "unchanged" in page.content.decode()


def test_a_removed_articles_text_is_kept(article, legal_user):
    body = article.body
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED
    assert article.body == body
    with pytest.raises(ProtectedError):
        article.delete()


def test_fingerprints_are_never_changed_or_deleted(article):
    row = article.fingerprints.get()
    row.sha256 = "0" * 64
    with pytest.raises(TakedownRecordsAreKept):
        row.save()
    with pytest.raises(TakedownRecordsAreKept):
        row.delete()


def test_an_unclaimed_draft_can_still_be_deleted(db):
    draft = make_article(status=Article.Status.DRAFT, publish_at=None)
    draft.delete()
    assert not ArticleFingerprint.objects.filter(article_id=draft.pk).exists()
