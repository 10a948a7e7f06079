"""A feed that moved for good to another host is read there, and the move is kept on the source."""

import pytest
from django.urls import reverse

from syndication.ingest import import_source
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db


def test_a_permanent_move_to_another_host_is_followed_and_kept_on_the_source(
    feed_server, editor_client
):
    # localhost is another host name than 127.0.0.1, served by the same test server.
    new = f"http://localhost:{feed_server.port}/moved"
    feed_server.expect_request("/feed").respond_with_data("", status=301, headers={"Location": new})
    feed_server.expect_request("/moved").respond_with_data(feed_bytes("rss1.rdf"))
    old = feed_server.url_for("/feed")
    source = make_source(feed_url=old)

    assert import_source(source).new == 2
    import_source(source, content=feed_bytes("atom.xml"))  # a later note replaces the first

    source.refresh_from_db()
    assert source.feed_url == new
    assert source.previous_feed_url == old  # the move stays on record
    assert source.feed_moved_at is not None
    page = editor_client.get(reverse("admin:syndication_source_change", args=[source.pk]))
    assert old in page.content.decode()

    feed_server.log.clear()
    assert import_source(source).ok
    assert [request.path for request, _ in feed_server.log] == ["/moved"]


def test_a_move_to_an_address_the_guard_refuses_is_not_followed(feed_server, settings):
    feed_server.expect_request("/feed").respond_with_data(
        "", status=301, headers={"Location": f"http://localhost:{feed_server.port}/moved"}
    )
    feed_server.expect_request("/moved").respond_with_data(feed_bytes("rss1.rdf"))
    old = feed_server.url_for("/feed")
    source = make_source(feed_url=old)
    settings.FEED_ALLOW_PRIVATE_ADDRESSES = False

    result = import_source(source)

    source.refresh_from_db()
    assert not result.ok and "Refused to connect" in result.error
    assert (source.feed_url, source.previous_feed_url) == (old, "")
