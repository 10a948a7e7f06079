"""An article removed after an accepted takedown answers 451 and leaves every public surface."""

import pytest

from syndication import pagecache
from syndication.models import Article
from tests.takedown_factories import REASONS, make_takedown


@pytest.fixture
def removed(article, legal_user):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    article.refresh_from_db()
    return article


def test_removed_article_answers_451_with_blocked_by_link(client, removed, settings):
    response = client.get(removed.get_absolute_url())
    assert response.status_code == 451
    assert response["Link"] == '<http://testserver/takedown/>; rel="blocked-by"'


def test_451_page_names_the_article_and_shows_none_of_its_text(client, removed):
    page = client.get(removed.get_absolute_url()).content.decode()
    assert "removed following a request from a rights holder" in page
    assert removed.source.name in page
    assert f"“{removed.title}”" in page  # the reader knows what is gone
    assert removed.summary not in page
    assert "Body text" not in page
    assert "rosa@rights.example.org" not in page
    assert "Rosa Rights" not in page


def test_removed_article_is_gone_from_the_home_and_source_pages(client, removed):
    for path in ["/", removed.source.get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 200
        assert removed.title not in response.content.decode()


def test_cached_pages_are_invalidated_when_the_accept_commits(
    article, legal_user, django_capture_on_commit_callbacks
):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        takedown.accept(legal_user, REASONS)
    before_commit = pagecache.current_generation()
    for callback in callbacks:
        callback()
    assert pagecache.current_generation() != before_commit


def test_a_removed_article_cannot_be_published_again_by_an_editor_or_import(removed, editor):
    from syndication.models.articles import IllegalTransition

    with pytest.raises(IllegalTransition):
        removed.publish(by=editor)
    removed.refresh_from_db()
    assert removed.status == Article.Status.REMOVED


@pytest.mark.parametrize("path", ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml"])
def test_removed_article_is_gone_from_feeds_and_sitemap(client, removed, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert removed.title not in body
    assert removed.slug not in body


def test_removed_article_is_gone_from_search(client, removed):
    response = client.get("/search/", {"q": removed.title})
    assert response.status_code == 200
    assert removed.get_absolute_url() not in response.content.decode()


SURFACES = ["/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/sources/"]


def test_acceptance_takes_the_text_off_cached_pages_at_once(
    client, article, legal_user, django_capture_on_commit_callbacks
):
    """Pages cached while the article was public must not outlive the decision."""
    article.source.seo_policy = "index"  # so the sitemap lists it too
    article.source.save()
    source_page = article.source.get_absolute_url()
    search = f"/search/?q={article.title.split()[0]}"
    before = {path: client.get(path).content.decode() for path in [*SURFACES, source_page, search]}
    assert client.get(article.get_absolute_url()).status_code == 200
    for path in ["/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml", source_page, search]:
        assert article.get_absolute_url() in before[path], path

    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    with django_capture_on_commit_callbacks(execute=True):
        takedown.accept(legal_user, REASONS)

    assert client.get(article.get_absolute_url()).status_code == 451
    for path in [*SURFACES, source_page, search]:
        body = client.get(path).content.decode()
        assert article.get_absolute_url() not in body, path
        assert article.title not in body, path
