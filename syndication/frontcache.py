"""What public responses tell the caches in front of the app, and purging them by key.

Every public page and feed carries, in its `xkey` header, the keys of what it
was built from: `article-<pk>`, `source-<pk>`, `disclaimer` and `lists` (any
list of articles: home, source pages, search, feeds, sitemap). A front cache
(Varnish with the xkey module, see deploy/varnish/) keeps the response for its
`s-maxage` and drops it when the app purges one of its keys.

After every change the public can see, and only then, the keys it touches are
purged once the transaction commits, from each cache, one small backend per
kind: the page cache (syndication/pagecache.py) is invalidated, and each
Varnish in FRONT_CACHES gets one purge request. A purge that fails is stored
as a `FrontCachePurge` and retried by `manage.py retry_purges`; staff see it
in the admin. Nothing is dropped silently.
"""

import logging
import threading

import httpx
from django.conf import settings
from django.db import transaction
from django.utils.cache import patch_cache_control

from . import pagecache

logger = logging.getLogger(__name__)

KEYS_HEADER = "xkey"
PURGE_HEADER = "xkey-purge"
LISTS = "lists"
DISCLAIMER = "disclaimer"


def article_key(article_or_pk) -> str:
    return f"article-{getattr(article_or_pk, 'pk', article_or_pk)}"


def source_key(source_or_pk) -> str:
    return f"source-{getattr(source_or_pk, 'pk', source_or_pk)}"


def add_keys(request, *keys) -> None:
    """Records that the response to `request` is built from what `keys` name."""
    if not hasattr(request, "cache_keys"):
        request.cache_keys = set()
    request.cache_keys.update(keys)


def add_article_keys(request, articles) -> None:
    """The keys of articles a page shows, with their sources'."""
    for article in articles:
        add_keys(request, article_key(article), source_key(article.source_id))


def mark_shared(response, request, max_age: int) -> None:
    """Lets a front cache keep the response for `max_age` seconds; browsers revalidate."""
    keys = sorted(getattr(request, "cache_keys", ()))
    if keys:
        response[KEYS_HEADER] = " ".join(keys)
    if max_age > 0:
        patch_cache_control(response, public=True, max_age=0, s_maxage=max_age)
    else:
        patch_cache_control(response, no_cache=True)


def mark_not_shared(response) -> None:
    """No cache may keep the response for anyone else: an error, or built mid-change."""
    if KEYS_HEADER in response:
        del response[KEYS_HEADER]
    patch_cache_control(response, no_cache=True)


# --- purging ------------------------------------------------------------------

# Keys waiting for their transaction to commit, per thread (as connections are).
_pending = threading.local()


def purge_after_commit(*keys) -> None:
    """Purges `keys` once the current transaction commits (at once outside one).

    Keys of several changes in one transaction go out in one purge: the first
    commit callback takes every key gathered so far, the later ones find none.
    Keys left by a transaction that rolled back go out with the next purge,
    which costs a needless purge, never a missed one.
    """
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    _pending.keys.update(keys)
    transaction.on_commit(_purge_pending, robust=True)


def discard_pending() -> None:
    """Forgets keys gathered in transactions that rolled back (tests roll back every one)."""
    _pending.keys = set()


def _purge_pending() -> None:
    keys, _pending.keys = _pending.keys, set()
    if keys:
        purge(keys)


def purge(keys) -> None:
    """Purges `keys` now from the page cache and every front cache.

    Each cache is tried even when another fails; a failure is kept for
    `manage.py retry_purges` and shown to staff.
    """
    keys = sorted(keys)
    for backend in backends():
        send_purge(backend, keys)


class PageCache:
    """The app's own page cache: every stored page goes stale at once, whatever the keys."""

    name = "page cache"

    def purge(self, keys) -> None:
        pagecache.invalidate()


class Varnish:
    """A Varnish front cache with the xkey module, purged by `PURGE /` with `xkey-purge`."""

    def __init__(self, url: str):
        self.name = url

    def purge(self, keys) -> None:
        response = httpx.request(
            "PURGE",
            self.name,
            headers={PURGE_HEADER: " ".join(keys)},
            timeout=settings.FRONT_CACHE_TIMEOUT,
        )
        response.raise_for_status()


def backends() -> list:
    return [PageCache(), *(Varnish(url) for url in settings.FRONT_CACHES)]


def backend_named(name: str):
    """The configured cache of that name, or None when it is configured no more."""
    return next((backend for backend in backends() if backend.name == name), None)


def send_purge(backend, keys, *, record_failure=True) -> bool:
    """One purge of one cache; a failure is logged and, unless told not to, kept for a retry."""
    try:
        backend.purge(keys)
    except Exception as exc:
        # Whatever broke (the network, Redis, the database cache), the change
        # is committed: its purge must not be lost with the error.
        logger.exception("%s not purged of %s", backend.name, " ".join(keys))
        if record_failure:
            from .models import FrontCachePurge

            FrontCachePurge.objects.create(
                cache_url=backend.name, keys=" ".join(keys), last_error=str(exc) or repr(exc)
            )
        return False
    logger.info("%s purged of %s", backend.name, " ".join(keys))
    return True
