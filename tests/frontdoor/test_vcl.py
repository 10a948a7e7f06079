"""deploy/varnish/default.vcl keeps, purges and passes what the contract with the app says.

Varnish runs the project's VCL unchanged in front of a stub backend whose
answers each test chooses, so these rules are proven without the app.
"""

import gzip
import socket
import time
import uuid

import pytest

from .stack import VARNISHD, request, start_varnish
from .stub import StubBackend

PUBLIC = "public, max-age=0, s-maxage=60"

pytestmark = pytest.mark.skipif(VARNISHD is None, reason="varnishd is not installed")


@pytest.fixture(scope="module")
def stub():
    backend = StubBackend().start()
    yield backend
    backend.stop()


@pytest.fixture(scope="module")
def _varnishd(stub, tmp_path_factory):
    process, url, purge_url = start_varnish(tmp_path_factory.mktemp("vcl"), stub.port)
    yield url, purge_url
    process.stop()


@pytest.fixture
def varnish(_varnishd):
    """Where readers connect."""
    return _varnishd[0]


@pytest.fixture
def purge_listener(_varnishd):
    """The listener the app purges through, never published."""
    return _varnishd[1]


@pytest.fixture
def path():
    return f"/p/{uuid.uuid4().hex}/"


def get(varnish, path, **headers):
    return request(varnish, "GET", path, headers=headers)


def purge(varnish, **headers):
    return request(varnish, "PURGE", "/", headers=headers)


# --- what is kept ----------------------------------------------------------------


def test_a_public_answer_is_fetched_once_and_then_served_from_the_cache(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC, "xkey": "article-1"})
    first, second = get(varnish, path), get(varnish, path)
    assert (first.status, second.status) == (200, 200)
    assert first.header("X-Cache") == "MISS" and second.header("X-Cache") == "HIT"
    assert second.body == first.body == b"<p>stub page 1</p>"
    assert stub.count(path) == 1


def test_head_is_answered_from_the_cached_get(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC})
    get(varnish, path)
    head = request(varnish, "HEAD", path)
    assert head.status == 200 and head.header("X-Cache") == "HIT" and head.body == b""
    assert stub.count(path) == 1


def test_clients_get_neither_the_keys_nor_leave_to_keep_the_page(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC, "xkey": "article-1 lists"})
    for answer in (get(varnish, path), get(varnish, path)):
        assert answer.header("xkey") is None
        # Our purges reach only our cache: anything beyond it must ask again.
        assert answer.header("Cache-Control") == "no-cache"


def test_the_ttl_follows_s_maxage(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": "public, max-age=0, s-maxage=0"})
    get(varnish, path), get(varnish, path)
    assert stub.count(path) == 2


def test_query_parameters_in_another_order_share_one_object(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC})
    get(varnish, f"{path}?q=moss&page=2")
    again = get(varnish, f"{path}?page=2&q=moss")
    assert again.header("X-Cache") == "HIT"
    assert stub.count(path) == 1


def test_tracking_parameters_do_not_make_a_reader_miss_the_cache(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC})
    get(varnish, f"{path}?page=2")
    for tracked in (
        f"{path}?page=2&utm_source=newsletter&utm_medium=email",
        f"{path}?fbclid=IwAR0abc&page=2",
        f"{path}?gclid=x1&page=2&UTM_Campaign=winter",
    ):
        assert get(varnish, tracked).header("X-Cache") == "HIT", tracked
    assert [seen.path for seen in stub.requests_for(path)] == [f"{path}?page=2"]
    # A parameter of our own still makes its own object, even one ending in a tracking name.
    assert get(varnish, f"{path}?page=3").header("X-Cache") == "MISS"
    assert get(varnish, f"{path}?page=2&notutm_source=1").header("X-Cache") == "MISS"


def test_only_https_from_a_proxy_of_ours_makes_another_variant(varnish, stub, path):
    """Feeds build absolute links from the scheme; a client's odd value must not poison them."""
    stub.answer(path, headers={"Cache-Control": PUBLIC})
    get(varnish, path)
    assert get(varnish, path, **{"X-Forwarded-Proto": "http"}).header("X-Cache") == "HIT"
    assert get(varnish, path, **{"X-Forwarded-Proto": "gopher"}).header("X-Cache") == "HIT"
    assert get(varnish, path, **{"X-Forwarded-Proto": "https"}).header("X-Cache") == "MISS"
    assert stub.count(path) == 2


# --- purging -----------------------------------------------------------------------


def test_purge_by_key_drops_every_object_with_that_key_and_no_other(varnish, purge_listener, stub):
    one, two = f"/p/{uuid.uuid4().hex}/", f"/p/{uuid.uuid4().hex}/"
    lists = f"lists-{uuid.uuid4().hex}"  # no other test's objects carry it
    stub.answer(one, headers={"Cache-Control": PUBLIC, "xkey": f"article-91 {lists}"})
    stub.answer(two, headers={"Cache-Control": PUBLIC, "xkey": f"article-92 {lists}"})
    get(varnish, one), get(varnish, two)

    answer = purge(purge_listener, **{"xkey-purge": "article-91"})
    assert answer.status == 200
    assert answer.text.strip() == "Purged 1"
    assert get(varnish, one).header("X-Cache") == "MISS"
    assert get(varnish, two).header("X-Cache") == "HIT"

    # Several keys in one purge, as the app sends them.
    assert purge(purge_listener, **{"xkey-purge": f"article-404 {lists}"}).text == "Purged 2\n"
    assert get(varnish, one).header("X-Cache") == "MISS"
    assert get(varnish, two).header("X-Cache") == "MISS"
    assert (stub.count(one), stub.count(two)) == (3, 2)


def test_a_purge_without_keys_wipes_nothing(varnish, purge_listener, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC, "xkey": "article-7"})
    get(varnish, path)
    assert purge(purge_listener).status == 400
    assert get(varnish, path).header("X-Cache") == "HIT"


def test_a_purge_relayed_by_a_proxy_in_front_is_refused(varnish, purge_listener, stub, path):
    """A TLS proxy connects from a private address; what it relays comes from outside."""
    stub.answer(path, headers={"Cache-Control": PUBLIC, "xkey": "article-8"})
    get(varnish, path)
    relayed = {"xkey-purge": "article-8", "X-Forwarded-For": "203.0.113.9"}
    assert purge(purge_listener, **relayed).status == 405
    assert get(varnish, path).header("X-Cache") == "HIT"


def test_a_purge_on_the_readers_listener_is_refused_from_any_address(varnish, stub, path):
    """Behind Docker's port forwarding an outside client can arrive from a private address."""
    stub.answer(path, headers={"Cache-Control": PUBLIC, "xkey": "article-9"})
    get(varnish, path)
    assert purge(varnish, **{"xkey-purge": "article-9"}).status == 405
    assert get(varnish, path).header("X-Cache") == "HIT"


# --- what is never kept ------------------------------------------------------------


def test_an_answer_setting_a_cookie_is_never_given_to_anyone_else(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC, "Set-Cookie": "messages=for-{n}"})
    first, second = get(varnish, path), get(varnish, path)
    assert first.header("Set-Cookie") == "messages=for-1"
    assert second.header("Set-Cookie") == "messages=for-2"
    assert second.header("X-Cache") != "HIT"
    assert stub.count(path) == 2


@pytest.mark.parametrize(
    "cache_control",
    [
        "private, max-age=60",
        "no-cache",
        "max-age=0, no-cache, no-store, must-revalidate, private",
        "public, s-maxage=60, no-store",
        None,  # the app said nothing: nothing is assumed
    ],
)
def test_an_answer_the_app_did_not_mark_public_is_fetched_every_time(
    varnish, stub, path, cache_control
):
    stub.answer(path, headers={"Cache-Control": cache_control} if cache_control else {})
    answers = [get(varnish, path) for _ in range(3)]
    assert stub.count(path) == 3
    assert all(a.header("X-Cache") != "HIT" for a in answers)
    if cache_control:
        # What the app said to browsers about a personal answer stands.
        assert answers[-1].header("Cache-Control") == cache_control


@pytest.mark.parametrize(
    "prefix", ["/admin/", "/admin/login/", "/takedown/", "/takedown/status/", "/healthz"]
)
def test_the_admin_takedowns_and_the_health_check_always_reach_the_app(varnish, stub, prefix):
    path = prefix if prefix == "/healthz" else f"{prefix}{uuid.uuid4().hex}/"
    before = stub.count(path)
    stub.answer(path, headers={"Cache-Control": PUBLIC, "xkey": "lists"})
    answers = [get(varnish, path, Cookie="csrftoken=abc; sessionid=s1") for _ in range(2)]
    assert stub.count(path) - before == 2
    assert all(a.header("X-Cache") == "PASS" for a in answers)
    # Their cookies (CSRF, the session) reach the app.
    assert stub.requests_for(path)[-1].headers.get("Cookie") == "csrftoken=abc; sessionid=s1"


def test_anonymous_readers_share_objects_whatever_cookies_they_send(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC})
    get(varnish, path, Cookie="csrftoken=reader-one; _ga=1")
    again = get(varnish, path, Cookie="csrftoken=reader-two")
    assert again.header("X-Cache") == "HIT"
    assert stub.count(path) == 1
    assert "Cookie" not in stub.requests_for(path)[0].headers


@pytest.mark.parametrize(
    "credentials",
    [{"Cookie": "csrftoken=t; sessionid=editor-session"}, {"Authorization": "Basic ZWQ6cHc="}],
)
def test_a_logged_in_editor_goes_past_the_cache_and_their_page_is_never_kept(
    varnish, stub, path, credentials
):
    stub.answer(path, headers={"Cache-Control": PUBLIC}, body=b"<p>page for reader {n}</p>")
    get(varnish, path)
    stub.answer(path, headers={"Cache-Control": PUBLIC}, body=b"<p>page for the editor</p>")
    editor = get(varnish, path, **credentials)
    assert editor.body == b"<p>page for the editor</p>"
    assert editor.header("X-Cache") == "PASS"
    seen = stub.requests_for(path)[-1].headers
    assert all(seen.get(name) == value for name, value in credentials.items())

    reader = get(varnish, path)
    assert reader.body == b"<p>page for reader 1</p>" and reader.header("X-Cache") == "HIT"


# --- compression ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=utf-8",
        "application/rss+xml; charset=utf-8",
        "application/atom+xml; charset=utf-8",
        "application/xml",
        "text/css",
        "application/javascript",
        "application/json",
    ],
)
def test_text_goes_out_gzipped_to_clients_that_accept_it(varnish, stub, path, content_type):
    body = b"<item>syndicated text</item>\n" * 200
    stub.answer(path, headers={"Cache-Control": PUBLIC, "Content-Type": content_type}, body=body)
    zipped = get(varnish, path, **{"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.header("Content-Encoding") == "gzip"
    assert gzip.decompress(zipped.body) == body
    assert len(zipped.body) < len(body) / 5
    plain = get(varnish, path)
    assert plain.header("Content-Encoding") is None and plain.body == body


def test_images_are_not_gzipped_again(varnish, stub, path):
    png = {"Cache-Control": PUBLIC, "Content-Type": "image/png"}
    stub.answer(path, headers=png, body=b"x" * 2000)
    assert get(varnish, path, **{"Accept-Encoding": "gzip"}).header("Content-Encoding") is None


# --- slow and odd clients ----------------------------------------------------------


def _raw(varnish):
    host, port = varnish.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def _read_status(sock) -> int:
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return int(data.split(b" ", 2)[1])


def test_a_trickled_post_reaches_the_app_only_once_complete(varnish, stub):
    path = f"/takedown/{uuid.uuid4().hex}/"
    stub.answer(path, headers={"Cache-Control": "no-store"}, body=b"stored")
    body = b"claimant_name=Rosa+Rights&x=1"
    with _raw(varnish) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        for i in range(0, len(body), 10):
            time.sleep(0.2)
            assert stub.count(path) == 0, "the app was asked before the body was complete"
            sock.sendall(body[i : i + 10])
        finished = time.monotonic()
        assert _read_status(sock) == 200
    (seen,) = stub.requests_for(path)
    assert seen.at >= finished and seen.body == body


def test_a_body_over_two_megabytes_is_refused_before_the_app_sees_it(varnish, stub):
    path = f"/takedown/{uuid.uuid4().hex}/"
    stub.answer(path)
    with _raw(varnish) as sock:
        size = 3 * 1024 * 1024
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {size}\r\n\r\n".encode()
        )
        assert _read_status(sock) == 413
    assert stub.count(path) == 0


def test_an_unknown_method_is_refused_not_piped(varnish, stub, path):
    stub.answer(path)
    assert request(varnish, "BREW", path).status == 501
    assert stub.count(path) == 0


# --- languages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "language"),
    [
        ({"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"}, "de"),
        ({"Accept-Language": "en-GB,en;q=0.9,de;q=0.8"}, "en"),
        ({"Accept-Language": "fr-CH, fr;q=0.9, de;q=0.8"}, "de"),  # the first of ours named
        ({"Accept-Language": "fr,en;q=0.9,de;q=0.8"}, "en"),
        ({"Accept-Language": "fr"}, "en"),
        ({}, "en"),
        ({"Cookie": "django_language=de", "Accept-Language": "en"}, "de"),  # the reader chose
        ({"Cookie": "x=1; django_language=en", "Accept-Language": "de"}, "en"),
    ],
)
def test_the_app_is_asked_in_one_of_the_sites_languages(varnish, stub, path, sent, language):
    stub.answer(path, headers={"Cache-Control": PUBLIC})
    get(varnish, path, **sent)
    [seen] = stub.requests_for(path)
    assert seen.headers["Accept-Language"] == language
    assert "Cookie" not in seen.headers


def test_each_language_is_kept_apart_and_shared_by_its_readers(varnish, stub, path):
    stub.answer(path, headers={"Cache-Control": PUBLIC, "Vary": "Accept-Language"})
    german = get(varnish, path, **{"Accept-Language": "de-AT,de;q=0.9"})
    english = get(varnish, path, **{"Accept-Language": "en-US"})
    german_again = get(varnish, path, Cookie="django_language=de")
    english_again = get(varnish, path, **{"Accept-Language": "es, en;q=0.5"})
    assert german.body != english.body
    assert german_again.body == german.body and german_again.header("X-Cache") == "HIT"
    assert english_again.body == english.body and english_again.header("X-Cache") == "HIT"
    assert stub.count(path) == 2
