"""In production, feed URLs cannot reach private, loopback or link-local addresses."""

import pytest

from config import settings as real_settings
from syndication.ingest import fetch, import_source
from syndication.ingest.fetching import ForbiddenAddress, is_public_address
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes


@pytest.fixture
def guard_on(settings):
    settings.FEED_ALLOW_PRIVATE_ADDRESSES = False


def test_guard_is_on_by_default():
    assert real_settings.FEED_ALLOW_PRIVATE_ADDRESSES is False


@pytest.mark.django_db
def test_feed_on_127_0_0_1_is_refused_when_the_guard_is_on(guard_on, feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(feed_bytes("rss1.rdf"))
    source = make_source(feed_url=feed_server.url_for("/feed.xml"))

    result = import_source(source)

    assert not result.ok
    assert "non-public address 127.0.0.1" in result.error
    assert feed_server.log == []  # not even a connection reached the server
    assert not Article.objects.exists()
    source.refresh_from_db()
    assert source.consecutive_failures == 1


def test_host_name_resolving_to_loopback_is_refused(guard_on, feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(feed_bytes("rss1.rdf"))

    with pytest.raises(ForbiddenAddress):
        fetch(f"http://localhost:{feed_server.port}/feed.xml")
    assert feed_server.log == []


def test_guard_off_fetches_from_127_0_0_1(feed_server):
    feed_server.expect_request("/feed.xml").respond_with_data(feed_bytes("rss1.rdf"))

    assert fetch(feed_server.url_for("/feed.xml")).content == feed_bytes("rss1.rdf")


NON_PUBLIC = [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1",  # noqa: S104
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "fe80::1%eth0",
    "240.0.0.1", "192.0.2.1", "198.18.0.1",  # reserved, documentation, benchmarking
]  # fmt: skip

# IPv6 addresses that carry an IPv4 one, or are otherwise not global unicast.
NON_PUBLIC_IPV6 = [
    "::127.0.0.1", "::10.0.0.1",  # IPv4-compatible (::/96)
    "::8.8.8.8",  # IPv4-compatible, deprecated whatever it embeds
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::10.0.0.1",  # NAT64
    "64:ff9b:1::7f00:1", "64:ff9b:1:7f00:0:100::", "64:ff9b:1::808:808",  # local-use NAT64
    "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:c0a8:101::",  # 6to4
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    "2001:0:7f00:1:8000:63bf:3fff:fdd2",  # Teredo, server 127.0.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo with public ends: still not global
    "fec0::1", "feff::1",  # site-local (deprecated)
    "::", "ff02::1", "ff0e::1", "100::1", "2001:db8::1", "3fff::1", "5f00::1", "4000::1",
]  # fmt: skip


@pytest.mark.parametrize("address", NON_PUBLIC + NON_PUBLIC_IPV6)
def test_non_public_addresses_are_not_public(address):
    assert is_public_address(address) is False


PUBLIC = [
    "93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:82a::200e",
    "::ffff:1.1.1.1",  # the kernel connects to 1.1.1.1
    "64:ff9b::101:101",  # a NAT64 gateway connects to 1.1.1.1
    "2002:101:101::1",  # 6to4 to 1.1.1.1
]  # fmt: skip


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address):
    assert is_public_address(address) is True
