"""A removed article's admin page shows its takedown, and its text can no longer be edited."""

from syndication.models import Article
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown


def removed_article(legal_user):
    article = make_article(title="Harbour essay", body="<p>The copied text.</p>")
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    article.refresh_from_db()
    return article, takedown


def test_a_removed_articles_page_shows_its_takedown(editor_client, legal_user):
    article, takedown = removed_article(legal_user)
    page = editor_client.get(f"/admin/syndication/article/{article.pk}/change/").content.decode()
    assert takedown.reference in page
    assert "Accepted: content removed" in page
    for part in REASONS.values():
        assert part in page
    assert takedown.email not in page  # editors never see the claimant's details
    assert takedown.phone not in page


def test_a_removed_articles_text_is_read_only(editor_client, legal_user):
    article, _takedown = removed_article(legal_user)
    page = editor_client.get(f"/admin/syndication/article/{article.pk}/change/").content.decode()
    for field in ["title", "summary", "body", "original_url", "slug", "original_authors"]:
        assert f'name="{field}"' not in page
    editor_client.post(
        f"/admin/syndication/article/{article.pk}/change/",
        {"title": "Renamed", "body": "<p>Rewritten</p>", "seo_policy": ""},
    )
    article.refresh_from_db()
    assert article.title == "Harbour essay"
    assert article.body == "<p>The copied text.</p>"
    assert article.status == Article.Status.REMOVED


def test_an_article_not_removed_stays_editable(editor_client, article):
    page = editor_client.get(f"/admin/syndication/article/{article.pk}/change/").content.decode()
    assert 'name="title"' in page and 'name="body"' in page
    assert "Removed after a takedown" not in page.split("<select")[0]
