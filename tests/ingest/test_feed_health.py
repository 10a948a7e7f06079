"""A source's feed health is right after every kind of import, failing sources are flagged to
editors once, and a permanent move is kept on the source."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from syndication.ingest import import_source
from syndication.models import Source
from tests.conftest import make_source

from .conftest import FEEDS, feed_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:syndication_source_changelist")


def _failing(**fields):
    failing = {
        "feed_url": "https://gone.example.org/feed",
        "consecutive_failures": 1,
        "last_error": "The server answered HTTP 410 GONE.",
        "failing_since": timezone.now() - timedelta(hours=1),
    }
    return make_source(**{**failing, **fields})


def test_a_file_import_that_works_clears_the_failure_and_records_the_success(editor_client):
    source = _failing(slug="courier")

    feed = str(FEEDS / "rss2_content_encoded.xml")
    call_command("import_feeds", "--source", "courier", "--file", feed, stdout=StringIO())

    source.refresh_from_db()
    assert source.consecutive_failures == 0
    assert source.last_success_at is not None
    assert source.failing_since is None
    page = editor_client.get(CHANGELIST).content.decode()
    assert "failure:" not in page
    assert "failures:" not in page


def test_a_url_import_that_works_records_the_success_but_not_the_feed_state(serve_feed):
    source = _failing()

    assert import_source(source, url=serve_feed("rss1.rdf")).ok

    source.refresh_from_db()
    assert (source.consecutive_failures, source.last_error) == (0, "")
    assert source.last_fetched_at is None and source.etag == ""  # the feed itself is untouched


def test_a_bad_file_counts_as_a_failure():
    source = make_source()

    result = import_source(source, content=b"<html>not a feed</html>")

    source.refresh_from_db()
    assert not result.ok
    assert source.consecutive_failures == 1
    assert source.last_error == result.error


def test_a_not_modified_fetch_clears_an_old_failure(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data("", status=304)
    source = _failing(feed_url=feed_server.url_for("/feed.xml"), etag='"v1"')

    import_source(source)

    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_success_at is not None


def test_a_source_failing_longer_than_the_limit_is_flagged_once(feed_server, settings, caplog):
    settings.FEED_FAILING_AFTER = timedelta(hours=6)
    feed_server.expect_request("/feed.xml").respond_with_data("", status=500)
    source = make_source(feed_url=feed_server.url_for("/feed.xml"))

    import_source(source)  # failing since now: not yet
    source.refresh_from_db()
    assert source.failing_since is not None and source.failure_flagged_at is None

    Source.objects.filter(pk=source.pk).update(failing_since=timezone.now() - timedelta(hours=7))
    for _ in range(3):
        import_source(source)

    source.refresh_from_db()
    assert source.failure_flagged_at is not None
    flagged = [r for r in caplog.records if "flagged to editors" in r.getMessage()]
    assert len(flagged) == 1  # once, not on every poll


def test_flagged_sources_have_their_own_filter_and_say_since_when(editor_client):
    _failing(name="Stuck", failure_flagged_at=timezone.now())
    _failing(name="Hiccup")

    response = editor_client.get(CHANGELIST, {"feed_health": "flagged"})

    assert [s.name for s in response.context["cl"].result_list] == ["Stuck"]
    assert "Failing since" in response.content.decode()


def test_a_success_ends_the_failing_spell_and_its_flag(serve_feed):
    source = _failing(failure_flagged_at=timezone.now())
    Source.objects.filter(pk=source.pk).update(feed_url=serve_feed("rss1.rdf"))
    source.refresh_from_db()

    import_source(source)

    source.refresh_from_db()
    assert source.failing_since is None and source.failure_flagged_at is None


def test_a_followed_permanent_move_is_kept_on_the_source(feed_server, editor_client):
    feed_server.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": feed_server.url_for("/new")}
    )
    feed_server.expect_request("/new").respond_with_data(feed_bytes("rss1.rdf"))
    old = feed_server.url_for("/old")
    source = make_source(feed_url=old)

    import_source(source)
    import_source(source, content=feed_bytes("atom.xml"))  # a later import's note replaces…

    source.refresh_from_db()
    assert source.feed_url == feed_server.url_for("/new")
    assert source.previous_feed_url == old  # …but the move stays on record
    assert source.feed_moved_at is not None
    page = editor_client.get(reverse("admin:syndication_source_change", args=[source.pk]))
    assert old in page.content.decode()
