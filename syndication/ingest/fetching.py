"""Fetching a feed over HTTP, politely and without becoming a proxy into our own network.

Polite: a User-Agent naming the site, conditional GET with the ETag and
Last-Modified the source sent last time, timeouts, a size cap.

Safe: only http and https; redirects followed by hand, a bounded number of
times, each target checked again; and, unless FEED_ALLOW_PRIVATE_ADDRESSES is
on, no connection to a private, loopback, link-local or otherwise
non-public address. That check sits in the network layer, on the address
actually connected to after DNS resolution, so neither a redirect nor a DNS
answer that changes between check and connect (rebinding) can slip past it.
"""

import contextlib
import functools
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from django.conf import settings
from django.utils.translation import gettext as _

ALLOWED_SCHEMES = ("http", "https")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
PERMANENT_REDIRECT_STATUSES = (301, 308)
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
    "application/json;q=0.8, */*;q=0.1"
)


class FetchError(Exception):
    """A feed could not be fetched; the message says why, in words an editor understands.

    `status` is the HTTP status when the server answered with an error, and
    `retry_after` the seconds it asked us to wait (Retry-After), if it did.
    """

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class ForbiddenAddress(FetchError):
    """The feed's host resolves to an address we must not connect to."""


@dataclass
class FetchResult:
    url: str  # after redirects
    # Where the feed has moved for good: the last address reached through
    # permanent redirects only (301, 308), or "" when it has not moved.
    moved_to: str = ""
    content: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    # How long the server says the feed stays fresh (Cache-Control: max-age), in seconds.
    max_age: float | None = None


# IPv6 forms that carry an IPv4 address (RFC 4291, 3056, 4380, 6052). Only
# these translations are followed to the IPv4 address they embed; the others
# are refused whatever they embed, being not globally reachable themselves.
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated; a kernel may still tunnel it
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
# Global unicast is 2000::/3 (which leaves out the local-use NAT64 prefix
# 64:ff9b:1::/48, whose translator may put the IPv4 address anywhere); within
# it, the documentation prefix of RFC 9637 is one this Python does not know yet.
IPV6_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")
IPV6_NOT_GLOBAL = [ipaddress.ip_network("3fff::/20")]


def is_public_address(address: str) -> bool:
    """Whether `address` is a public internet address (not private, loopback, link-local…).

    An IPv6 address that embeds IPv4 ones is public only if they all are
    (::ffff:127.0.0.1 is 127.0.0.1 to the kernel, 64:ff9b::7f00:1 to a NAT64
    gateway); and anything else not globally routable unicast is refused:
    site-local, reserved, multicast, unspecified, documentation…
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if ip.version == 4:
        return _is_public_ipv4(ip)
    if not all(_is_public_ipv4(inner) for inner in _embedded_ipv4(ip)):
        return False
    if ip.ipv4_mapped or ip in NAT64_WELL_KNOWN:
        return True  # the connection ends at the public IPv4 address checked above
    return (
        ip in IPV6_GLOBAL_UNICAST
        and ip.is_global
        and not any(ip in network for network in IPV6_NOT_GLOBAL)
    )


def _is_public_ipv4(ip: ipaddress.IPv4Address) -> bool:
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses a connection to `ip` may end at, when it is a form that embeds them."""
    if ip.ipv4_mapped:
        return [ip.ipv4_mapped]
    if ip.sixtofour:
        return [ip.sixtofour]
    if ip.teredo:
        return list(ip.teredo)  # the relay server and the client behind its NAT
    if ip in IPV4_COMPATIBLE or ip in NAT64_WELL_KNOWN:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return []


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself and connects only to addresses that pass the guard.

    With `allow_private` (FEED_ALLOW_PRIVATE_ADDRESSES, for development and
    the tests' local server) every address passes, and the rest is the same.
    """

    def __init__(self, allow_private: bool = False):
        self.allow_private = allow_private

    def allows(self, address: str) -> bool:
        """Whether a connection to `address` may be made."""
        return self.allow_private or is_public_address(address)

    def check(self, host, addresses) -> None:
        """Raises ForbiddenAddress unless every address `host` resolved to may be connected to."""
        # Refuse when any answer is private: a host that mixes public and
        # private answers is either misconfigured or trying something.
        for address in addresses:
            if not self.allows(address):
                if isinstance(host, bytes):
                    host = host.decode("ascii", "replace")
                raise ForbiddenAddress(
                    _(
                        "Refused to connect to %(host)s: "
                        "it resolves to the non-public address %(address)s."
                    )
                    % {"host": host, "address": address}
                )

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(
                _("Cannot resolve %(host)s: %(error)s") % {"host": host, "error": exc}
            ) from exc
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        self.check(host, addresses)
        last_error = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        raise last_error or httpcore.ConnectError(f"No address for {host}")


# httpcore's errors and the httpx ones fetch() catches, most specific first.
_HTTPX_ERRORS = [
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
]


@contextlib.contextmanager
def _as_httpx_errors():
    """Re-raises httpcore's errors as httpx's, as httpx's own transport does."""
    try:
        yield
    except Exception as exc:
        for core_error, httpx_error in _HTTPX_ERRORS:
            if isinstance(exc, core_error):
                raise httpx_error(str(exc)) from exc
        raise


class _ResponseStream(httpx.SyncByteStream):
    """A response body read from httpcore as the caller iterates, with its errors mapped."""

    def __init__(self, stream):
        self._stream = stream

    def __iter__(self):
        with _as_httpx_errors():
            yield from self._stream

    def close(self):
        self._stream.close()


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """httpx's default TLS context, made once: loading the CA bundle took 80 ms per fetch.

    An SSLContext is safe to share between threads; it is only read here.
    """
    return httpx.create_ssl_context()


class _GuardedTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore connection pool that uses the guarded backend.

    httpx's own HTTPTransport takes no network backend, so this one builds
    the pool itself, through httpcore's and httpx's public APIs only. TLS is
    httpx's default: certificates are still checked against the host name,
    not the address connected to.
    """

    def __init__(self, backend: _GuardedBackend):
        self.connections = httpcore.ConnectionPool(
            ssl_context=_ssl_context(),
            network_backend=backend,
            max_connections=4,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,  # carries the timeouts
        )
        with _as_httpx_errors():
            core_response = self.connections.handle_request(core_request)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_ResponseStream(core_response.stream),
            extensions=core_response.extensions,
        )

    def close(self):
        self.connections.close()


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            _("Only http and https feed URLs can be fetched, not “%(url)s”.") % {"url": url[:200]}
        )


def check_feed_address(url: str) -> None:
    """Raises the error a fetch of `url` would raise for its scheme or its host's addresses.

    For checking a feed URL when a source is saved. An address in the URL
    is checked as it is; a host name is resolved only with
    FEED_RESOLVE_ON_SAVE (the test suite turns it off, to ask no DNS
    server), and one that does not resolve (yet) passes: only the guard's
    refusal is certain.
    """
    _check_scheme(url)
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return
    if not host:
        return
    backend = _GuardedBackend(allow_private=settings.FEED_ALLOW_PRIVATE_ADDRESSES)
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        if not settings.FEED_RESOLVE_ON_SAVE:
            return
        try:
            infos = socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            return
        backend.check(host, list(dict.fromkeys(info[4][0] for info in infos)))
    else:
        backend.check(host, [host])


def retry_after_seconds(value: str, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def max_age_seconds(cache_control: str) -> float | None:
    """The max-age of a Cache-Control header, in seconds; None when absent or malformed."""
    for directive in (cache_control or "").split(","):
        name, _sep, value = directive.strip().partition("=")
        if name.strip().lower() == "max-age" and value.strip().strip('"').isdigit():
            return float(value.strip().strip('"'))
    return None


def _timeouts(remaining: float) -> httpx.Timeout:
    # No single wait may outlast what is left of the whole fetch's budget.
    connect = min(settings.FEED_CONNECT_TIMEOUT, remaining)
    read = min(settings.FEED_READ_TIMEOUT, remaining)
    return httpx.Timeout(connect=connect, read=read, write=read, pool=connect)


def _client(total: float) -> httpx.Client:
    # The same transport with the guard off, so development and tests run
    # the code production runs.
    backend = _GuardedBackend(allow_private=settings.FEED_ALLOW_PRIVATE_ADDRESSES)
    return httpx.Client(
        transport=_GuardedTransport(backend),
        timeout=_timeouts(total),
        follow_redirects=False,  # each hop is checked below
        trust_env=False,  # a proxy from the environment would bypass the address guard
        headers={"User-Agent": settings.FEED_USER_AGENT, "Accept": ACCEPT},
    )


def _read_capped(response: httpx.Response, deadline: float) -> bytes:
    """The (decoded) body, refusing more than FEED_MAX_BYTES or a trickle past the deadline."""
    limit = settings.FEED_MAX_BYTES
    too_big = FetchError(
        _("The feed is larger than the limit of %(limit)s bytes.") % {"limit": f"{limit:,}"}
    )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    # iter_bytes() decompresses, so the cap also holds against gzip bombs.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise too_big
        if time.monotonic() > deadline:
            raise FetchError(_("The feed took too long to download."))
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str, etag: str = "", last_modified: str = "", total_timeout: float | None = None
) -> FetchResult:
    """GETs a feed, conditionally when `etag`/`last_modified` are given. Raises FetchError."""
    total = total_timeout or settings.FEED_TOTAL_TIMEOUT
    deadline = time.monotonic() + total
    conditional = {}
    if etag:
        conditional["If-None-Match"] = etag
    if last_modified:
        conditional["If-Modified-Since"] = last_modified
    try:
        moved_to, only_permanent = "", True
        with _client(total) as client:
            for _hop in range(settings.FEED_MAX_REDIRECTS + 1):
                _check_scheme(url)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise httpx.TimeoutException(_("no time left for the next redirect"))
                with client.stream(
                    "GET", url, headers=conditional, timeout=_timeouts(remaining)
                ) as response:
                    if response.status_code in REDIRECT_STATUSES:
                        location = response.headers.get("Location")
                        if not location:
                            raise FetchError(_("Redirect without a Location header."))
                        url = urljoin(url, location)
                        only_permanent &= response.status_code in PERMANENT_REDIRECT_STATUSES
                        if only_permanent:
                            moved_to = url
                        continue
                    max_age = max_age_seconds(response.headers.get("Cache-Control", ""))
                    if response.status_code == 304:
                        return FetchResult(url=url, moved_to=moved_to, not_modified=True,
                                           etag=etag, last_modified=last_modified,
                                           max_age=max_age)  # fmt: skip
                    if response.status_code >= 400:
                        raise FetchError(
                            _("The server answered HTTP %(status)s %(reason)s.")
                            % {"status": response.status_code, "reason": response.reason_phrase},
                            status=response.status_code,
                            retry_after=retry_after_seconds(response.headers.get("Retry-After")),
                        )
                    if response.status_code != 200:
                        raise FetchError(
                            _("Unexpected HTTP status %(status)s.")
                            % {"status": response.status_code}
                        )
                    return FetchResult(
                        url=url,
                        moved_to=moved_to,
                        content=_read_capped(response, deadline),
                        content_type=response.headers.get("Content-Type", ""),
                        etag=response.headers.get("ETag", "")[:500],
                        last_modified=response.headers.get("Last-Modified", "")[:100],
                        max_age=max_age,
                    )
            raise FetchError(
                _("Too many redirects (more than %(max)s).") % {"max": settings.FEED_MAX_REDIRECTS}
            )
    except httpx.TimeoutException as exc:
        raise FetchError(_("Timed out: %(error)s") % {"error": _describe(exc)}) from exc
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(_("Invalid URL: %(error)s") % {"error": _describe(exc)}) from exc
    except httpx.HTTPError as exc:
        raise FetchError(_("Network error: %(error)s") % {"error": _describe(exc)}) from exc


def _describe(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
