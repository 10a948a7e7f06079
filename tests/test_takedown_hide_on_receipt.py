from syndication.models import Article, TakedownRequest
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown, notice_data


def test_by_default_a_received_request_leaves_the_article_online(article):
    make_takedown(article)
    article.refresh_from_db()
    assert article.is_public


def test_hide_on_receipt_removes_the_article_at_once(settings, client, article):
    settings.TAKEDOWN_HIDE_ON_RECEIPT = True
    assert client.post("/takedown/", notice_data(article)).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED
    assert client.get(article.get_absolute_url()).status_code == 451


def test_hide_on_receipt_leaves_drafts_alone(settings, source):
    settings.TAKEDOWN_HIDE_ON_RECEIPT = True
    draft = make_article(source, status=Article.Status.DRAFT, publish_at=None)
    make_takedown(draft)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_rejecting_restores_an_article_hidden_on_receipt(settings, legal_user, article):
    settings.TAKEDOWN_HIDE_ON_RECEIPT = True
    takedown = make_takedown(article)
    takedown.start_review(legal_user)

    takedown.reject(legal_user, REASONS)

    article.refresh_from_db()
    assert article.is_public


def test_withdrawing_restores_an_article_hidden_on_receipt(settings, article):
    settings.TAKEDOWN_HIDE_ON_RECEIPT = True
    takedown = make_takedown(article)
    takedown.withdraw()
    article.refresh_from_db()
    assert article.is_public


def test_rejecting_one_request_keeps_the_article_hidden_for_another_open_one(
    settings, legal_user, article
):
    settings.TAKEDOWN_HIDE_ON_RECEIPT = True
    first = make_takedown(article)
    make_takedown(article)
    first.start_review(legal_user)

    first.reject(legal_user, REASONS)

    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED
    assert TakedownRequest.objects.filter(status="received").count() == 1
