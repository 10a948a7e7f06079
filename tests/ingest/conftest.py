"""Fixtures for the feed-import tests: the fixture feeds, and a real HTTP server on 127.0.0.1."""

import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


def feed_bytes(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


@pytest.fixture(autouse=True)
def _local_feeds(settings):
    """The test server lives on 127.0.0.1, which the address guard refuses by default."""
    settings.FEED_ALLOW_PRIVATE_ADDRESSES = True
    settings.FEED_CONNECT_TIMEOUT = 2
    settings.FEED_READ_TIMEOUT = 2
    settings.FEED_TOTAL_TIMEOUT = 10
    # Polls start at once unless a test is about the jitter.
    settings.FEED_POLL_START_JITTER = 0


@pytest.fixture(scope="session")
def _http_server():
    # Threaded, so a deliberately slow answer does not hold up the next test.
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def feed_server(_http_server):
    """A real HTTP server on 127.0.0.1, with no expectations left from other tests."""
    _http_server.clear()
    yield _http_server
    _http_server.clear()


@pytest.fixture
def serve_feed(feed_server):
    """serve_feed("atom.xml") -> the URL where the server answers with that fixture."""

    def serve(name, path="/feed.xml", content_type="application/rss+xml", headers=None):
        feed_server.expect_request(path).respond_with_data(
            feed_bytes(name), content_type=content_type, headers=headers
        )
        return feed_server.url_for(path)

    return serve


@pytest.fixture
def held_answers(feed_server):
    """held_answers(answer, seconds) -> a handler that waits, then returns answer().

    Every wait ends when the test does, and the test ends only once the
    server has logged those answers: a slow answer finishing during a later
    test would otherwise land in that test's log.
    """
    release = threading.Event()
    answering = []
    lock = threading.Lock()

    def held(answer, seconds=30.0):
        def handler(request):
            with lock:
                answering.append(request.path)
            try:
                release.wait(seconds)
                return answer()
            finally:
                with lock:
                    answering.remove(request.path)

        return handler

    yield held
    release.set()
    deadline = time.monotonic() + 10
    while answering and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)  # the server logs an answer just after its handler returns
