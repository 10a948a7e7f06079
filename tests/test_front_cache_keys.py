"""Public responses name what they are built from, for the front cache to purge by."""

import time
from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path
from django.utils import timezone

from syndication.models import Article
from syndication.pagecache import public_page
from tests.conftest import make_article


def keys(response):
    return set(response["xkey"].split())


def test_an_article_page_carries_its_article_source_and_the_disclaimer(client, article):
    response = client.get(article.get_absolute_url())

    assert keys(response) == {f"article-{article.pk}", f"source-{article.source_id}", "disclaimer"}


@pytest.mark.parametrize("url", ["/", "/feeds/rss/", "/feeds/atom/", "/search/?q=body"])
def test_lists_carry_the_lists_key_and_each_article_shown(client, article, url):
    response = client.get(url)

    assert {"lists", f"article-{article.pk}", f"source-{article.source_id}"} <= keys(response)


def test_feeds_carry_the_disclaimer_key(client, article):
    assert "disclaimer" in keys(client.get("/feeds/rss/"))


def test_a_source_page_carries_its_source(client, article):
    assert f"source-{article.source_id}" in keys(client.get(article.source.get_absolute_url()))


def test_the_sitemap_and_the_source_list_carry_the_lists_key(client, article):
    assert "lists" in keys(client.get("/sitemap.xml"))
    assert "lists" in keys(client.get("/sources/"))


@pytest.mark.parametrize(
    "fields",
    [{"status": Article.Status.DRAFT}, {"publish_at": timezone.now() + timedelta(hours=1)}],
    ids=["draft", "scheduled"],
)
def test_a_404_is_never_kept_by_a_front_cache(client, db, fields):
    # The address may be published a minute later, and nothing would purge it.
    article = make_article(**fields)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert "s-maxage" not in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "xkey" not in response


def test_a_removed_articles_notice_is_shared_and_carries_the_articles_key(client, db):
    article = make_article(status=Article.Status.REMOVED)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 451
    assert "s-maxage" in response["Cache-Control"]
    assert keys(response) == {f"article-{article.pk}", f"source-{article.source_id}"}


@pytest.mark.parametrize("url", ["/takedown/", "/takedown/status/", "/admin/login/"])
def test_forms_and_the_admin_are_never_kept_by_a_front_cache(client, db, url):
    cache_control = client.get(url).get("Cache-Control", "")

    assert "s-maxage" not in cache_control
    assert "private" in cache_control or "no-cache" in cache_control


def test_a_public_page_served_to_an_editor_sets_no_cookie(editor_client, article):
    response = editor_client.get(article.get_absolute_url())

    assert not response.cookies
    assert "s-maxage" in response["Cache-Control"]


def test_pages_expire_from_front_caches_by_the_next_scheduled_publication(client, article):
    # Nothing is saved when its time comes, so nothing purges the lists then.
    make_article(publish_at=timezone.now() + timedelta(seconds=90))

    cache_control = client.get("/")["Cache-Control"]

    max_age = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 80 <= max_age <= 90


def test_a_page_served_from_the_page_cache_tells_what_is_left_of_its_time(
    client, article, monkeypatch
):
    # A front cache that fetches the page later must still drop it in time.
    make_article(publish_at=timezone.now() + timedelta(seconds=90))
    client.get("/")
    later = time.time() + 40
    monkeypatch.setattr(time, "time", lambda: later)

    cache_control = client.get("/")["Cache-Control"]

    max_age = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 40 <= max_age <= 50


def _page_with_a_form(request):
    return HttpResponse(Template("<form>{% csrf_token %}</form>").render(RequestContext(request)))


urlpatterns = [path("with-a-form/", public_page(_page_with_a_form))]


@pytest.mark.urls("tests.test_front_cache_keys")
def test_a_page_holding_a_csrf_token_is_never_shared(client, db):
    first = client.get("/with-a-form/")

    assert "csrftoken" in first.cookies
    assert "s-maxage" not in first["Cache-Control"]
    assert "xkey" not in first
    second = client.get("/with-a-form/", headers={"Cookie": ""})
    assert "s-maxage" not in second["Cache-Control"]
