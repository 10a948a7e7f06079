"""Every change readers can see purges its keys from each front cache, once, after commit.

The front caches here are real HTTP servers on 127.0.0.1 (pytest-httpserver)
that record the purge requests they get.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from pytest_httpserver import HTTPServer

from syndication import frontcache
from syndication.models import Article, Disclaimer, FrontCachePurge
from tests.conftest import make_article, make_source


@pytest.fixture
def front_caches(settings, httpserver):
    """Two front caches: the test's HTTP server and a second one."""
    second = HTTPServer(host="127.0.0.1", port=0)
    second.start()
    for server in (httpserver, second):
        server.expect_request("/", method="PURGE").respond_with_data("purged")
    settings.FRONT_CACHES = [httpserver.url_for("/"), second.url_for("/")]
    yield httpserver, second
    second.clear()
    if second.is_running():
        second.stop()


def purged_keys(server):
    return [request.headers.get("xkey-purge") for request, _ in server.log]


def set_up_done(*servers):
    """The set-up's own changes never commit in a test; their keys are not what it is about."""
    frontcache.discard_pending()
    for server in servers:
        server.clear_log()


def test_publishing_purges_the_article_and_the_lists_from_every_front_cache(
    front_caches, db, django_capture_on_commit_callbacks
):
    draft = make_article(status=Article.Status.DRAFT)
    set_up_done(*front_caches)

    with django_capture_on_commit_callbacks(execute=True):
        draft.publish()

    for server in front_caches:
        assert purged_keys(server) == [f"article-{draft.pk} lists"]


def test_nothing_is_purged_before_the_commit(front_caches, db, django_capture_on_commit_callbacks):
    article = make_article(status=Article.Status.DRAFT)
    set_up_done(*front_caches)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.publish()
        assert purged_keys(front_caches[0]) == []

    for callback in callbacks:
        callback()
    assert purged_keys(front_caches[0]) == [f"article-{article.pk} lists"]


def test_changes_in_one_transaction_go_out_in_one_purge(
    front_caches, db, django_capture_on_commit_callbacks
):
    first, second = make_article(), make_article()
    set_up_done(*front_caches)

    with django_capture_on_commit_callbacks(execute=True):
        first.withdraw()
        second.withdraw()

    assert purged_keys(front_caches[0]) == [f"article-{first.pk} article-{second.pk} lists"]


def test_changes_readers_cannot_see_purge_nothing(
    front_caches, db, django_capture_on_commit_callbacks
):
    source = make_source()
    published = make_article(source)
    published.refresh_from_db()
    set_up_done(*front_caches)
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_article(source, status=Article.Status.DRAFT)  # an import, say
        draft.title = "An editor's working title"
        draft.save()
    assert purged_keys(front_caches[0]) == []

    with django_capture_on_commit_callbacks(execute=True):
        published.upstream_changed = True  # the importer's note for editors
        published.save()
        source.last_error = "Timed out"  # feed-import bookkeeping
        source.save()

    assert purged_keys(front_caches[0]) == []


def test_a_source_edit_purges_its_pages_and_the_lists(
    front_caches, source, django_capture_on_commit_callbacks
):
    set_up_done(*front_caches)
    with django_capture_on_commit_callbacks(execute=True):
        source.name = "Renamed Publisher"
        source.save()

    assert purged_keys(front_caches[0]) == [f"lists source-{source.pk}"]


def test_a_new_disclaimer_purges_every_page_that_shows_it(
    front_caches, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Disclaimer.objects.create(text="A new disclaimer.")

    assert purged_keys(front_caches[0]) == ["disclaimer"]


def test_a_purge_that_fails_is_kept_shown_to_staff_and_retried(
    settings, httpserver, article, admin_client, django_capture_on_commit_callbacks
):
    # The front cache is down for the change and the first retry, then back.
    for _ in range(2):
        httpserver.expect_oneshot_request("/", method="PURGE").respond_with_data("", status=503)
    httpserver.expect_request("/", method="PURGE").respond_with_data("purged")
    settings.FRONT_CACHES = [httpserver.url_for("/")]
    set_up_done()

    with django_capture_on_commit_callbacks(execute=True):
        article.withdraw()

    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN  # the change itself stands
    waiting = FrontCachePurge.objects.get()
    assert waiting.keys == f"article-{article.pk} lists"
    assert waiting.cache_url == httpserver.url_for("/")
    assert "503" in waiting.last_error
    index = admin_client.get("/admin/").content.decode()
    assert "A cache refused 1 purge" in index

    with pytest.raises(SystemExit) as still_failing:
        call_command("retry_purges", stdout=StringIO())
    assert still_failing.value.code == 1
    assert FrontCachePurge.objects.get().attempts == 2

    out = StringIO()
    call_command("retry_purges", stdout=out)
    assert "Purged 1" in out.getvalue()
    assert purged_keys(httpserver) == [f"article-{article.pk} lists"] * 3
    assert not FrontCachePurge.objects.exists()
    assert "A cache refused" not in admin_client.get("/admin/").content.decode()


def test_a_cache_that_cannot_be_reached_is_kept_for_a_retry(
    settings, article, django_capture_on_commit_callbacks
):
    settings.FRONT_CACHES = ["http://127.0.0.1:1/"]  # nothing listens there
    settings.FRONT_CACHE_TIMEOUT = 0.5
    set_up_done()

    with django_capture_on_commit_callbacks(execute=True):
        article.withdraw()

    assert FrontCachePurge.objects.get().cache_url == "http://127.0.0.1:1/"


def test_a_purge_for_a_cache_taken_out_of_the_settings_is_dropped_by_the_retry(
    settings, db, caplog
):
    settings.FRONT_CACHES = []
    FrontCachePurge.objects.create(cache_url="http://old-varnish:6081/", keys="lists")

    call_command("retry_purges", stdout=StringIO())

    assert not FrontCachePurge.objects.exists()
    assert "no longer configured" in caplog.text


def test_a_front_cache_answering_an_error_counts_as_a_failed_purge(
    settings, httpserver, article, django_capture_on_commit_callbacks
):
    httpserver.expect_request("/", method="PURGE").respond_with_data("no", status=405)
    settings.FRONT_CACHES = [httpserver.url_for("/")]
    set_up_done()

    with django_capture_on_commit_callbacks(execute=True):
        article.withdraw()

    assert "405" in FrontCachePurge.objects.get().last_error


def test_the_front_caches_are_purged_even_when_the_page_cache_is_down(
    front_caches, article, cache_down, django_capture_on_commit_callbacks
):
    set_up_done(*front_caches)

    with django_capture_on_commit_callbacks(execute=True):
        article.withdraw()

    for server in front_caches:
        assert purged_keys(server) == [f"article-{article.pk} lists"]
    waiting = FrontCachePurge.objects.get()
    assert waiting.cache_url == "page cache"
    assert waiting.keys == f"article-{article.pk} lists"


def test_a_transition_on_an_instance_loaded_earlier_still_purges(
    front_caches, db, django_capture_on_commit_callbacks
):
    # Two editors at once: one loaded the article while it was withdrawn...
    article = make_article(status=Article.Status.WITHDRAWN)
    stale = Article.objects.get(pk=article.pk)
    # ...the other publishes it meanwhile.
    Article.objects.get(pk=article.pk).publish()
    set_up_done(*front_caches)

    with django_capture_on_commit_callbacks(execute=True):
        stale.withdraw()

    assert purged_keys(front_caches[0]) == [f"article-{article.pk} lists"]


def test_an_edit_after_a_refresh_is_compared_with_the_stored_row(
    front_caches, article, django_capture_on_commit_callbacks
):
    Article.objects.filter(pk=article.pk).update(title="Changed elsewhere")
    article.refresh_from_db()
    set_up_done(*front_caches)

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Back to the first title"
        article.save()

    assert purged_keys(front_caches[0]) == [f"article-{article.pk} lists"]
