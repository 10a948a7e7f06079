"""Fetching feeds over real HTTP: politeness, conditional GET, redirects, limits and errors."""

import gzip
import socket
import time

import pytest
from werkzeug import Response

from syndication.ingest import FetchError, fetch, import_source
from syndication.ingest.importer import _follows_without_an_editor
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db


def test_request_names_the_site_in_its_user_agent(feed_server, settings):
    settings.FEED_USER_AGENT = "Syndicate feed importer (+https://syndicate.example/takedown/)"
    feed_server.expect_request(
        "/feed.xml", headers={"User-Agent": settings.FEED_USER_AGENT}
    ).respond_with_data(feed_bytes("rss1.rdf"))

    result = fetch(feed_server.url_for("/feed.xml"))

    assert result.content == feed_bytes("rss1.rdf")


def test_etag_and_last_modified_are_stored_and_sent_back(feed_server):
    url = feed_server.url_for("/feed.xml")
    validators = {"ETag": '"v1"', "Last-Modified": "Wed, 25 Nov 2026 10:00:00 GMT"}
    feed_server.expect_ordered_request("/feed.xml").respond_with_data(
        feed_bytes("rss1.rdf"), headers=validators
    )
    feed_server.expect_ordered_request(
        "/feed.xml",
        headers={"If-None-Match": '"v1"', "If-Modified-Since": validators["Last-Modified"]},
    ).respond_with_data("", status=304)
    source = make_source(feed_url=url)

    first = import_source(source)
    second = import_source(source)

    assert first.new == 2
    assert second.not_modified and second.ok
    assert "not modified" in str(second)
    source.refresh_from_db()
    assert (source.etag, source.last_modified) == ('"v1"', validators["Last-Modified"])
    assert source.consecutive_failures == 0
    feed_server.check_assertions()


def test_redirects_are_followed(feed_server):
    feed_server.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/middle"}
    )
    feed_server.expect_request("/middle").respond_with_data(
        "", status=302, headers={"Location": feed_server.url_for("/new")}
    )
    feed_server.expect_request("/new").respond_with_data(feed_bytes("rss1.rdf"))

    result = fetch(feed_server.url_for("/old"))

    assert result.url == feed_server.url_for("/new")
    assert b"dry-stone" in result.content


def _redirects(feed_server, *hops):
    """hops: (path, status) pairs, each redirecting to the next path; the last serves a feed."""
    for (path, status), (target, _) in zip(hops, hops[1:], strict=False):
        feed_server.expect_request(path).respond_with_data(
            "", status=status, headers={"Location": target}
        )
    feed_server.expect_request(hops[-1][0]).respond_with_data(feed_bytes("rss1.rdf"))
    return feed_server.url_for(hops[0][0])


@pytest.mark.parametrize(
    ("first", "second", "moved_to"),
    [(301, 308, "/newest"), (301, 302, "/newer"), (302, 301, ""), (307, 307, "")],
)
def test_only_permanent_redirects_say_where_a_feed_has_moved(feed_server, first, second, moved_to):
    url = _redirects(feed_server, ("/old", first), ("/newer", second), ("/newest", 200))

    result = fetch(url)

    assert result.url == feed_server.url_for("/newest")
    assert result.moved_to == (feed_server.url_for(moved_to) if moved_to else "")


def test_a_source_whose_feed_moved_for_good_is_read_at_the_new_address(feed_server):
    source = make_source(feed_url=_redirects(feed_server, ("/old", 301), ("/moved", 200)))

    assert import_source(source).ok
    source.refresh_from_db()
    assert source.feed_url == feed_server.url_for("/moved")
    assert "moved permanently" in source.last_error  # seen by editors in the admin

    feed_server.log.clear()
    assert import_source(source).ok
    assert [request.path for request, _ in feed_server.log] == ["/moved"]


@pytest.mark.parametrize(
    "target", ["http://editor:s3cret@127.0.0.1:{port}/moved"], ids=["credentials"]
)
def test_a_permanent_move_an_editor_should_confirm_is_only_reported(feed_server, target):
    target = target.format(port=feed_server.port)
    feed_server.expect_request("/feed").respond_with_data(
        "", status=301, headers={"Location": target}
    )
    feed_server.expect_request("/moved").respond_with_data(feed_bytes("rss1.rdf"))
    source = make_source(feed_url=feed_server.url_for("/feed"))

    assert import_source(source).new == 2

    source.refresh_from_db()
    assert source.feed_url == feed_server.url_for("/feed")
    assert "redirects permanently to" in source.last_error
    assert target.replace("editor:s3cret@", "") in source.last_error  # shown without them


@pytest.mark.parametrize(
    ("old", "new", "followed"),
    [
        ("https://news.example.org/feed", "https://news.example.org/rss.xml", True),
        ("http://news.example.org/feed", "https://news.example.org/feed", True),
        ("https://news.example.org/feed", "http://news.example.org/feed", False),
        ("https://news.example.org/feed", "https://feeds.example.net/news", True),
        ("https://news.example.org/feed", "https://10.1.2.3/feed", False),
        ("https://news.example.org/feed", "https://a:b@news.example.org/feed", False),
        ("https://news.example.org/feed", "https://news.example.org/" + "x" * 1000, False),
    ],
    ids=[
        "same-host", "to-https", "to-http", "another-host", "a-private-address", "credentials",
        "too-long",
    ],
)  # fmt: skip
def test_which_permanent_moves_a_source_follows_by_itself(old, new, followed, settings):
    settings.FEED_ALLOW_PRIVATE_ADDRESSES = False  # the guard as in production
    assert _follows_without_an_editor(old, new) is followed


def test_a_temporary_redirect_or_a_one_off_import_keeps_the_feed_address(feed_server):
    temporary = make_source(feed_url=_redirects(feed_server, ("/away", 302), ("/here", 200)))
    one_off = make_source(feed_url="https://publisher.example.org/feed.xml")

    import_source(temporary)
    import_source(one_off, url=_redirects(feed_server, ("/gone", 301), ("/there", 200)))

    temporary.refresh_from_db()
    one_off.refresh_from_db()
    assert temporary.feed_url == feed_server.url_for("/away")
    assert one_off.feed_url == "https://publisher.example.org/feed.xml"


def test_slow_redirects_share_one_time_limit(feed_server, held_answers):
    def redirect(target):
        return lambda: Response("", status=302, headers={"Location": target})

    for n in range(4):
        feed_server.expect_request(f"/hop-{n}").respond_with_handler(
            held_answers(redirect(f"/hop-{n + 1}"), seconds=0.8)
        )
    feed_server.expect_request("/hop-4").respond_with_data(feed_bytes("rss1.rdf"))

    started = time.monotonic()
    with pytest.raises(FetchError, match="Timed out"):
        fetch(feed_server.url_for("/hop-0"), total_timeout=1.5)
    assert time.monotonic() - started < 2.5  # four hops would take 3.2 s


def test_redirect_loops_stop_after_the_limit(feed_server, settings):
    settings.FEED_MAX_REDIRECTS = 3
    feed_server.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )

    with pytest.raises(FetchError, match="Too many redirects"):
        fetch(feed_server.url_for("/loop"))
    assert len(feed_server.log) == 4  # the first request and three redirects


def test_redirect_to_another_scheme_is_refused(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )

    with pytest.raises(FetchError, match="Only http and https"):
        fetch(feed_server.url_for("/feed.xml"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed", "gopher://x/"])
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(FetchError, match="Only http and https"):
        fetch(url)


def test_slow_server_times_out(feed_server, held_answers, settings):
    settings.FEED_READ_TIMEOUT = 0.3
    feed_server.expect_request("/slow").respond_with_handler(
        held_answers(lambda: Response(feed_bytes("rss1.rdf")), seconds=1.5)
    )
    source = make_source(feed_url=feed_server.url_for("/slow"))

    started = time.monotonic()
    result = import_source(source)

    assert time.monotonic() - started < 1.4
    assert "Timed out" in result.error
    source.refresh_from_db()
    assert source.consecutive_failures == 1


def test_trickling_server_is_cut_off_at_the_total_timeout(feed_server, settings):
    settings.FEED_TOTAL_TIMEOUT = 0.5

    def trickle(request):
        def chunks():
            for _ in range(20):
                time.sleep(0.1)
                yield b"<!-- still here -->\n"

        return Response(chunks(), content_type="application/rss+xml")

    feed_server.expect_request("/trickle").respond_with_handler(trickle)

    with pytest.raises(FetchError, match="too long"):
        fetch(feed_server.url_for("/trickle"))


def test_declared_oversize_response_is_refused(feed_server, settings):
    settings.FEED_MAX_BYTES = 1_000
    feed_server.expect_request("/big").respond_with_data(b"x" * 5_000)

    with pytest.raises(FetchError, match="larger than the limit"):
        fetch(feed_server.url_for("/big"))


def test_streamed_oversize_response_is_cut_off(feed_server, settings):
    settings.FEED_MAX_BYTES = 1_000

    def endless(request):
        return Response((b"x" * 500 for _ in range(1_000)), content_type="application/rss+xml")

    feed_server.expect_request("/stream").respond_with_handler(endless)

    with pytest.raises(FetchError, match="larger than the limit"):
        fetch(feed_server.url_for("/stream"))


def test_gzip_bomb_is_measured_after_decompression(feed_server, settings):
    settings.FEED_MAX_BYTES = 10_000
    bomb = gzip.compress(b" " * 1_000_000)
    feed_server.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="application/rss+xml"
    )

    with pytest.raises(FetchError, match="larger than the limit"):
        fetch(feed_server.url_for("/bomb"))


@pytest.mark.parametrize(("status", "reason"), [(404, "NOT FOUND"), (500, "INTERNAL SERVER ERROR")])
def test_http_errors_are_recorded_on_the_source(feed_server, status, reason):
    feed_server.expect_request("/feed.xml").respond_with_data("nope", status=status)
    source = make_source(feed_url=feed_server.url_for("/feed.xml"))

    result = import_source(source)

    assert not result.ok
    source.refresh_from_db()
    assert source.last_error == f"The server answered HTTP {status} {reason}."
    assert source.consecutive_failures == 1
    assert source.last_fetched_at is not None


def test_unreachable_server_is_a_recorded_failure():
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    source = make_source(feed_url=f"http://127.0.0.1:{port}/feed.xml")

    result = import_source(source)

    assert "Network error" in result.error
    assert not Article.objects.exists()


def test_success_after_failures_resets_the_count(serve_feed):
    source = make_source(feed_url=serve_feed("rss1.rdf"))
    source.consecutive_failures = 4
    source.last_error = "old trouble"
    source.save()

    import_source(source)

    source.refresh_from_db()
    assert (source.consecutive_failures, source.last_error) == (0, "")
