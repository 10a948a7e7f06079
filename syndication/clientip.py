"""The address of the client behind our own proxies, for lockouts and rate limits."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address our TRUSTED_PROXY_COUNT proxies saw in X-Forwarded-For.

    Only the entries our own proxies appended are trusted: a client can put
    anything at the front of the header, so we count from the right. Some
    proxies write the client's port too (`1.2.3.4:5678`, `[2001:db8::1]:443`);
    it is dropped. An entry that is still not an address (a misconfigured
    proxy, or a header our proxy passed on untouched) falls back to
    REMOTE_ADDR, so callers (django-axes among them) always get a valid IP.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    return _address(forwarded[-hops]) or remote


def _address(entry: str) -> str:
    """The IP address in one X-Forwarded-For entry, without a port; "" when there is none."""
    if entry.startswith("["):  # [IPv6] or [IPv6]:port
        host, bracket, rest = entry[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and _is_port(rest[1:]))):
            return ""
        candidate = host
    elif entry.count(":") == 1:  # IPv4:port (a bare IPv6 address has two colons or more)
        candidate, _colon, port = entry.partition(":")
        if not _is_port(port):
            return ""
    else:
        candidate = entry
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return ""


def _is_port(text: str) -> bool:
    return text.isascii() and text.isdigit() and int(text) <= 65535


def axes_client_ip(request, *args, **kwargs) -> str:
    return client_ip(request)
