"""Lockouts and rate limits key on the real client, and a client cannot forge it."""

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
