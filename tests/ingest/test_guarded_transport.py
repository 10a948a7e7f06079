"""The guarded transport: httpx over an httpcore pool whose network backend checks addresses.

Real connections to the local test server. Where a test needs the guard to let
127.0.0.1 through, it uses a backend whose address check allows loopback and
nothing else; every other step (resolving, connecting, HTTP) is the real one.
"""

import gzip
import socket
import threading

import httpx
import pytest
from werkzeug import Response

from syndication.ingest import FetchError, fetch
from syndication.ingest.fetching import ForbiddenAddress, _GuardedBackend, _GuardedTransport

from .conftest import feed_bytes


class LoopbackOnlyBackend(_GuardedBackend):
    """The guard, moved: 127.0.0.1 passes and every other address is refused."""

    def allows(self, address):
        return address == "127.0.0.1"


def loopback_client(**options):
    return httpx.Client(transport=_GuardedTransport(LoopbackOnlyBackend()), **options)


def test_the_guarded_transport_refuses_loopback(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(feed_bytes("rss1.rdf"))

    with (
        httpx.Client(transport=_GuardedTransport(_GuardedBackend())) as client,
        pytest.raises(ForbiddenAddress, match="non-public address 127.0.0.1"),
    ):
        client.get(feed_server.url_for("/feed.xml"))
    assert feed_server.log == []


def test_the_address_check_decides_what_is_refused(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(feed_bytes("rss1.rdf"))

    with loopback_client() as client, pytest.raises(ForbiddenAddress, match="::1"):
        client.get(f"http://[::1]:{feed_server.port}/feed.xml")
    assert feed_server.log == []


def test_a_compressed_body_is_decoded(feed_server):
    body = feed_bytes("rss1.rdf") * 50
    feed_server.expect_request("/feed.xml").respond_with_data(
        gzip.compress(body), headers={"Content-Encoding": "gzip", "ETag": '"v1"'}
    )

    with loopback_client() as client:
        response = client.get(feed_server.url_for("/feed.xml"))

    assert response.status_code == 200
    assert response.headers["ETag"] == '"v1"'
    assert response.content == body


def test_a_body_is_read_as_it_arrives(feed_server):
    first_part_read = threading.Event()

    def body():
        yield b"first part;"
        first_part_read.wait(5)
        yield b"second part"

    feed_server.expect_request("/feed.xml").respond_with_handler(lambda request: Response(body()))

    with (
        loopback_client(timeout=5) as client,
        client.stream("GET", feed_server.url_for("/feed.xml")) as r,
    ):
        chunks = r.iter_raw()
        first = next(chunks)
        first_part_read.set()  # only now does the server send the rest
        rest = b"".join(chunks)

    assert (first + rest) == b"first part;second part"
    assert first.startswith(b"first part;") and not first.endswith(b"second part")


def test_request_headers_reach_the_server(feed_server):
    feed_server.expect_request(
        "/feed.xml", query_string="page=2", headers={"If-None-Match": '"v1"'}
    ).respond_with_data("", status=304)

    with loopback_client() as client:
        response = client.get(
            feed_server.url_for("/feed.xml?page=2"), headers={"If-None-Match": '"v1"'}
        )

    assert response.status_code == 304
    feed_server.check_assertions()


def test_a_slow_answer_is_an_httpx_read_timeout(feed_server, held_answers):
    feed_server.expect_request("/slow").respond_with_handler(
        held_answers(lambda: Response(feed_bytes("rss1.rdf")), seconds=1.5)
    )

    with loopback_client(timeout=0.3) as client, pytest.raises(httpx.ReadTimeout):
        client.get(feed_server.url_for("/slow"))


def test_a_closed_port_is_an_httpx_connect_error():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # bound, never listening: connections are refused

        with loopback_client() as client, pytest.raises(httpx.ConnectError):
            client.get(f"http://127.0.0.1:{port}/feed.xml")


def test_fetch_errors_from_the_transport_are_explained(settings):
    """With the guard off, fetch() runs the same transport; its errors still read well."""
    settings.FEED_ALLOW_PRIVATE_ADDRESSES = True
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]

        with pytest.raises(FetchError, match="Network error"):
            fetch(f"http://127.0.0.1:{port}/feed.xml")
