"""Public pages come from the shared cache, and any edit shows at once."""

import time
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from syndication import pagecache
from syndication.models import Article, Disclaimer
from tests.conftest import make_article, make_source


def test_a_cached_page_is_served_without_touching_the_database(
    client, article, django_assert_num_queries
):
    client.get("/")

    with django_assert_num_queries(0):
        response = client.get("/")

    assert article.title in response.content.decode()


def test_editing_an_article_shows_at_once_on_every_page(
    client, article, django_capture_on_commit_callbacks
):
    urls = ["/", article.get_absolute_url(), article.source.get_absolute_url(), "/feeds/rss/"]
    for url in urls:
        client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A corrected headline"
        article.save()

    for url in urls:
        assert "A corrected headline" in client.get(url).content.decode(), url


def test_withdrawing_an_article_takes_it_off_cached_pages_at_once(
    client, article, django_capture_on_commit_callbacks
):
    client.get("/")
    client.get(article.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        article.withdraw()

    assert article.title not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editing_a_source_shows_at_once_on_its_articles(
    client, article, django_capture_on_commit_callbacks
):
    client.get(article.get_absolute_url())
    client.get("/sources/")

    with django_capture_on_commit_callbacks(execute=True):
        article.source.name = "Renamed Publisher"
        article.source.save()

    assert "Renamed Publisher" in client.get(article.get_absolute_url()).content.decode()
    assert "Renamed Publisher" in client.get("/sources/").content.decode()


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
    assert not [key for key in cache._cache if "pages:page:" in key]


def test_turning_page_caching_off_stops_serving_pages_stored_before(client, article, settings):
    client.get(article.get_absolute_url())  # stored while caching was on
    Article.objects.filter(pk=article.pk).update(title="Changed without any signal")

    settings.PAGE_CACHE_SECONDS = 0

    assert "Changed without any signal" in client.get(article.get_absolute_url()).content.decode()


def test_a_new_disclaimer_shows_at_once_on_pages_and_feeds(
    client, article, django_capture_on_commit_callbacks
):
    client.get(article.get_absolute_url())
    client.get("/feeds/atom/")

    with django_capture_on_commit_callbacks(execute=True):
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


def test_a_404_is_not_cached(client, db):
    missing = make_article(status=Article.Status.DRAFT)
    assert client.get(missing.get_absolute_url()).status_code == 404

    # locmem's store (the test settings use it): no page was kept.
    assert not [key for key in cache._cache if "pages:page:" in key]
    # Published without a signal, so no invalidation could hide a stored answer.
    Article.objects.filter(pk=missing.pk).update(status=Article.Status.PUBLISHED)
    assert client.get(missing.get_absolute_url()).status_code == 200


def test_a_removed_articles_notice_is_cached_until_it_is_reinstated(
    client, article, legal_user, django_capture_on_commit_callbacks
):
    from tests.takedown_factories import REASONS, make_takedown

    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    with django_capture_on_commit_callbacks(execute=True):
        takedown.accept(legal_user, REASONS)
    assert client.get(article.get_absolute_url()).status_code == 451
    # Stored: a change that sends no purge is not seen.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    assert client.get(article.get_absolute_url()).status_code == 451
    Article.objects.filter(pk=article.pk).update(status=Article.Status.REMOVED)

    with django_capture_on_commit_callbacks(execute=True):
        takedown.reinstate(legal_user, REASONS)

    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert article.title in page.content.decode()


def test_a_page_rendered_while_a_change_commits_is_neither_stored_nor_shared(
    client, article, monkeypatch
):
    # The page read its rows before the change committed and may show them:
    # neither the page cache nor a front cache may keep it.
    current_text = Disclaimer.current_text

    def a_change_commits_meanwhile():
        Article.objects.filter(pk=article.pk).update(title="Changed meanwhile")
        pagecache.invalidate()
        return current_text()

    monkeypatch.setattr(Disclaimer, "current_text", a_change_commits_meanwhile)
    first = client.get(article.get_absolute_url())
    monkeypatch.undo()

    assert "no-cache" in first["Cache-Control"]
    assert "s-maxage" not in first["Cache-Control"]
    assert "xkey" not in first
    assert "Changed meanwhile" in client.get(article.get_absolute_url()).content.decode()


def test_one_invalidation_per_transaction_after_its_commit(
    article, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    invalidate = pagecache.invalidate
    monkeypatch.setattr(pagecache, "invalidate", lambda: calls.append(1) or invalidate())
    before = pagecache.current_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.title = "First fix"
        article.save()
        article.withdraw()
    assert calls == []  # nothing before the commit
    assert pagecache.current_generation() == before

    for callback in callbacks:
        callback()

    assert calls == [1]
    assert pagecache.current_generation() != before


def test_an_invalidation_never_repeats_a_generation_nor_lets_it_expire(db, settings):
    # Django's database cache (the embedded default) has no atomic increment:
    # a counter bumped by two processes at once could go back to a number
    # pages were kept under.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "syndication_cache",
        }
    }
    from django.core.management import call_command
    from django.db import connection

    call_command("createcachetable")
    seen = {pagecache.current_generation()}
    for _ in range(200):
        pagecache.invalidate()
        seen.add(pagecache.current_generation())

    assert len(seen) == 201
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM syndication_cache WHERE cache_key LIKE %s", ["%generation-token"]
        )
        (expires,) = cursor.fetchone()
    assert str(expires).startswith("9999")  # kept until replaced


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
    ):
        assert cached[header] == first[header], header
    # The same directives; s-maxage says what is left of the page's time.
    assert (
        cached["Cache-Control"].split("s-maxage")[0] == first["Cache-Control"].split("s-maxage")[0]
    )
    assert "xkey" in cached
    assert not cached.cookies
