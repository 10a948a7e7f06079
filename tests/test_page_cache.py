"""Public pages come from the shared cache, and any edit shows at once."""

import time
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from syndication import caching
from syndication.models import Article, Disclaimer, Source
from tests.conftest import make_article, make_source


def test_a_cached_page_is_served_without_touching_the_database(
    client, article, django_assert_num_queries
):
    client.get("/")

    with django_assert_num_queries(0):
        response = client.get("/")

    assert article.title in response.content.decode()


def test_editing_an_article_shows_at_once_on_every_page(client, article):
    urls = ["/", article.get_absolute_url(), article.source.get_absolute_url(), "/feeds/rss/"]
    for url in urls:
        client.get(url)

    article.title = "A corrected headline"
    article.save()

    for url in urls:
        assert "A corrected headline" in client.get(url).content.decode(), url


def test_withdrawing_an_article_takes_it_off_cached_pages_at_once(client, article):
    client.get("/")
    client.get(article.get_absolute_url())

    article.withdraw()

    assert article.title not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editing_a_source_shows_at_once_on_its_articles(client, article):
    client.get(article.get_absolute_url())
    client.get("/sources/")

    article.source.name = "Renamed Publisher"
    article.source.save()

    assert "Renamed Publisher" in client.get(article.get_absolute_url()).content.decode()
    assert "Renamed Publisher" in client.get("/sources/").content.decode()


def test_a_source_edit_shows_on_pages_first_rendered_after_it(client, db, settings):
    # Each process keeps the sources it has shown; an edit must reach pages
    # that were never cached as well as those that were.
    settings.PAGE_CACHE_SECONDS = 0
    source = make_source(name="Old Name")
    first = make_article(source, title="Penguin parade")
    second = make_article(source, title="Penguin census")
    client.get(first.get_absolute_url())
    client.get("/search/", {"q": "penguin"})

    source.name = "New Name"
    source.extra_disclaimer = "Shared by arrangement with New Name."
    source.save()

    article_page = client.get(second.get_absolute_url()).content.decode()
    assert "New Name" in article_page
    assert "Old Name" not in article_page
    assert "Shared by arrangement with New Name." in article_page
    search_page = client.get("/search/", {"q": "penguin"}).content.decode()
    assert "New Name" in search_page
    assert "Old Name" not in search_page


def test_a_change_that_sent_no_invalidation_still_shows_once_kept_copies_expire(
    client, article, settings, monkeypatch
):
    # E.g. a command run in another process against a local-memory cache.
    settings.PAGE_CACHE_SECONDS = 0
    client.get(article.get_absolute_url())  # this process now keeps the source
    Source.objects.filter(pk=article.source_id).update(name="Renamed Quietly")  # no signal

    assert "Renamed Quietly" not in client.get(article.get_absolute_url()).content.decode()
    monkeypatch.setattr(caching, "REMEMBER_SECONDS", -1)  # as if the minute had passed
    assert "Renamed Quietly" in client.get(article.get_absolute_url()).content.decode()


def test_with_page_caching_off_pages_are_rendered_each_time_and_never_stored(
    client, article, settings
):
    settings.PAGE_CACHE_SECONDS = 0

    for url in ("/", article.get_absolute_url(), "/feeds/rss/"):
        assert client.get(url).status_code == 200
    article.title = "Changed without any signal"
    Article.objects.filter(pk=article.pk).update(title=article.title)

    assert article.title in client.get(article.get_absolute_url()).content.decode()
    # locmem's store (the test settings use it): no page was kept.
    assert not [key for key in cache._cache if "public-page:" in key]


def test_turning_page_caching_off_stops_serving_pages_stored_before(client, article, settings):
    client.get(article.get_absolute_url())  # stored while caching was on
    Article.objects.filter(pk=article.pk).update(title="Changed without any signal")

    settings.PAGE_CACHE_SECONDS = 0

    assert "Changed without any signal" in client.get(article.get_absolute_url()).content.decode()


def test_a_new_disclaimer_shows_at_once_on_pages_and_feeds(client, article):
    client.get(article.get_absolute_url())
    client.get("/feeds/atom/")

    Disclaimer.objects.create(text="A brand new disclaimer text.")

    assert "A brand new disclaimer text." in client.get(article.get_absolute_url()).content.decode()
    assert "A brand new disclaimer text." in client.get("/feeds/atom/").content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, db):
    source = make_source()
    make_article(source)
    scheduled = make_article(source, publish_at=timezone.now() + timedelta(seconds=1))

    assert scheduled.title not in client.get("/").content.decode()
    time.sleep(1.2)

    assert scheduled.title in client.get("/").content.decode()


def test_pages_that_differ_only_by_unknown_parameters_share_one_cache_entry(client, article):
    client.get("/")
    keys_before = len(cache._cache)  # locmem's store: the test settings use it

    client.get("/?utm_source=newsletter")
    client.get("/?anything=else")

    assert len(cache._cache) == keys_before


def test_error_answers_are_not_cached(client, db):
    missing = make_article(status=Article.Status.DRAFT)  # a raised 404
    removed = make_article(status=Article.Status.REMOVED)  # a 451 the view returns
    assert client.get(missing.get_absolute_url()).status_code == 404
    assert client.get(removed.get_absolute_url()).status_code == 451

    # locmem's store (the test settings use it): no page was kept for either.
    assert not [key for key in cache._cache if "public-page:" in key]
    # Published without a signal, so no invalidation could hide a stored answer.
    Article.objects.filter(pk__in=[missing.pk, removed.pk]).update(status=Article.Status.PUBLISHED)
    assert client.get(missing.get_absolute_url()).status_code == 200
    assert client.get(removed.get_absolute_url()).status_code == 200


def test_a_page_cached_between_the_change_and_its_commit_is_not_served(
    client, article, django_capture_on_commit_callbacks
):
    from django.test import RequestFactory

    from syndication.caching import public_generation, set_current
    from syndication.views.public import _cache_key

    url = article.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        article.withdraw()
        # A reader served before the commit still saw the published row and
        # cached it under the generation the change had just started.
        stale = {"content": b"STALE published text", "headers": {}, "etag": '"stale"'}
        request = RequestFactory().get(url)
        set_current(_cache_key(request), public_generation(), stale, 300)
    response = client.get(url)
    assert response.status_code == 404
    assert b"STALE" not in response.content


def test_a_disclaimer_cached_before_its_commit_is_replaced_after_it(
    client, article, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from syndication.models.disclaimers import CACHE_KEY

    with django_capture_on_commit_callbacks(execute=True):
        Disclaimer.objects.create(text="The newest wording.")
        cache.set(CACHE_KEY, "The old wording, read before the commit.", None)
    assert Disclaimer.current_text() == "The newest wording."
    assert "The newest wording." in client.get(article.get_absolute_url()).content.decode()


def test_a_foreign_host_header_does_not_reach_other_readers(client, article, settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    poisoned = client.get("/feeds/rss/", HTTP_HOST="127.0.0.1:6666").content.decode()
    assert "127.0.0.1:6666" in poisoned  # that client's own answer
    for path in ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml"]:
        assert "6666" not in client.get(path).content.decode(), path


def test_pages_are_served_when_the_cache_is_down(client, article, cache_down):
    for path in ["/", "/feeds/rss/", "/sitemap.xml", article.source.get_absolute_url()]:
        assert client.get(path).status_code == 200, path
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "reposted from a public source" in page.content.decode()


def test_head_requests_are_answered_on_crawler_paths(client, db):
    assert client.head("/robots.txt").status_code == 200
    assert client.head("/sitemap.xml").status_code == 200


def test_a_page_answered_from_the_cache_keeps_the_security_headers(client, article):
    first = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())

    assert cached.content == first.content
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "ETag",
        "Cache-Control",
    ):
        assert cached[header] == first[header], header
    assert not cached.cookies
