"""Lockouts and rate limits key on the real client, and a client cannot forge it."""

import pytest
from django.test import RequestFactory, override_settings

from syndication.clientip import client_ip

rf = RequestFactory()


def test_without_proxies_forwarded_for_is_ignored():
    request = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "203.0.113.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_last_forwarded_entry_is_the_client():
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_short_header_falls_back_to_the_connection_address():
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(request) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("entry", "address"),
    [
        ("1.2.3.4:5678", "1.2.3.4"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:DB8:0::1", "2001:db8::1"),  # one client, one spelling
    ],
)
def test_a_port_after_the_address_is_dropped(entry, address):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {entry}")
    assert client_ip(request) == address


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    "header",
    [
        "garbage",
        "1.2.3.4, not-an-ip",
        "1.2.3.4:port",
        "1.2.3.4:99999",
        "[2001:db8::1]443",
        "[2001:db8::1",
        "[1.2.3.4]:80x",
        "999.1.1.1",
        "unknown",
        "1.2.3.4 5.6.7.8",
    ],
)
def test_an_entry_that_is_not_an_address_falls_back_to_the_connection_address(header):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_with_two_proxies_the_entry_the_outer_proxy_appended_is_used():
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5:1234, 10.0.0.1"
    )
    assert client_ip(request) == "203.0.113.5"
