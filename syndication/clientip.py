"""The address of the client behind our own proxies, for lockouts and rate limits."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address our TRUSTED_PROXY_COUNT proxies saw in X-Forwarded-For.

    Only the entries our own proxies appended are trusted: a client can put
    anything at the front of the header, so we count from the right.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    return forwarded[-hops]


def axes_client_ip(request, *args, **kwargs) -> str:
    return client_ip(request)
