"""What every public page shares: the shared page cache and conditional GET.

A page is rendered once per generation of public content (see
`syndication/caching.py`) and then served from the shared cache by every
worker, early in the middleware chain (`PublicPageCacheMiddleware`); an edit
bumps the generation, so no reader ever sees a stale page. Sources and the
disclaimer, which every page shows, are kept per process for one generation.
Each answer carries an ETag, so a browser or feed reader that already has
the page gets a 304 without the body. Conditional requests are answered by
ETag only, never by Last-Modified (which only the sitemap sends): its
one-second resolution could call a page edited within the same second "not
modified".
"""

import hashlib
import logging
from functools import wraps
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator

from ..caching import get_current, public_generation, remembered, set_current
from ..models import Article, Disclaimer, Source

logger = logging.getLogger(__name__)

# Only these query parameters change a public page; any other is ignored by the
# views, so it must not create cache entries either (a cheap way to fill the cache).
VARYING_PARAMETERS = ("page", "p", "q")


def _cache_key(request) -> str:
    # Scheme and host are part of the key: feeds and the sitemap build absolute
    # links from them, and one client's Host header must not reach another.
    params = urlencode(
        sorted((name, value) for name in VARYING_PARAMETERS for value in request.GET.getlist(name))
    )
    page = f"{request.scheme}://{request.get_host()}{request.path}?{params}"
    return f"public-page:{hashlib.sha256(page.encode()).hexdigest()}"


def _next_scheduled_publication(generation):
    # Only the passing of time can make this stale within a generation.
    return remembered(
        generation,
        "next-scheduled-publication",
        lambda: (
            Article.objects.scheduled()
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        ),
        still_valid=lambda known: known is None or known > timezone.now(),
    )


def _cache_timeout(generation) -> int:
    """PAGE_CACHE_SECONDS, but never past the next scheduled publication.

    No save happens when a scheduled article's time comes, so no signal can
    invalidate the pages it should appear on: they must expire by then.
    """
    timeout = settings.PAGE_CACHE_SECONDS
    next_publication = _next_scheduled_publication(generation)
    if next_publication is not None:
        seconds = (next_publication - timezone.now()).total_seconds()
        timeout = min(timeout, max(int(seconds), 1))
    return timeout


class PageLookup(NamedTuple):
    """What the page cache holds for a request; kept on it as `request.public_page_lookup`."""

    key: str | None  # None: page caching is off
    generation: int | None  # None: the cache is down
    entry: dict | None  # the stored page, if any


def _look_up(request) -> PageLookup:
    # With page caching off nothing is stored, so there is no page to find;
    # the generation still tells whether this process's kept sources are current.
    key = _cache_key(request) if settings.PAGE_CACHE_SECONDS > 0 else None
    entry = None
    try:
        if key is None:
            generation = public_generation()
        else:
            # The generation and the page in one round trip; a page stored
            # in an older generation counts as absent.
            generation, entry = get_current(key)
    except Exception:
        # Without a cache, pages are still served, only slower.
        logger.exception("Page cache unavailable; serving %s uncached", request.path)
        generation = entry = None
    return PageLookup(key, generation, entry)


def _answer(request, entry):
    """The stored page, or 304 when the client already has it."""
    response = get_conditional_response(request, etag=entry["etag"])
    if response is None:
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
    response["ETag"] = entry["etag"]
    # Browsers and proxies may keep a copy but must ask again each time:
    # a takedown has to reach readers at once (invariant 3).
    patch_cache_control(response, no_cache=True)
    return response


class PublicPageCacheMiddleware:
    """Answers from the page cache before sessions, CSRF, users and messages are set up.

    Only `public_page` views store pages, and only answers that are the same
    for everyone, so whatever this finds is a public page. On a miss the
    view's decorator uses this look-up instead of asking the cache again.
    Security headers come from the middleware placed before this one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            lookup = request.public_page_lookup = _look_up(request)
            if lookup.entry is not None:
                return _answer(request, lookup.entry)
        return self.get_response(request)


def public_page(view):
    """Caches a public view's 200 answers in the shared cache and answers conditional GETs."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if getattr(request, "public_page_lookup", None) is None:
            request.public_page_lookup = _look_up(request)
        key, generation, entry = request.public_page_lookup
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            # Errors, redirects and anything personal (cookies) are never shared.
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            entry = {
                "content": response.content,
                "headers": dict(response.headers),
                "etag": f'"{hashlib.sha1(response.content).hexdigest()}"',  # noqa: S324
            }
            if key is not None and generation is not None:
                try:
                    set_current(key, generation, entry, _cache_timeout(generation))
                except Exception:
                    logger.exception("Page cache unavailable; %s not stored", request.path)
        return _answer(request, entry)

    return wrapped


class PublicPageMixin:
    """For class-based public views: shared page cache plus conditional GET."""

    @method_decorator(public_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


def _generation(request):
    """The generation of public content the page being served belongs to (None: unknown)."""
    lookup = getattr(request, "public_page_lookup", None)
    return lookup.generation if lookup else None


def current_disclaimer(request) -> str:
    """The disclaimer in force, fetched once per process and generation (and once per request)."""
    if not hasattr(request, "public_disclaimer"):
        # Kept on the request too: a feed asks once per item, even when the cache is down.
        request.public_disclaimer = remembered(
            _generation(request), "disclaimer", Disclaimer.current_text
        )
    return request.public_disclaimer


def attach_public_sources(request, articles) -> None:
    """Sets each article's source, fetched once per process and generation.

    Sources change rarely and every page shows them, so pages look them up
    here instead of joining them in every query: one query at most, for
    the sources this process has not yet fetched in this generation.
    """
    known = remembered(_generation(request), "sources", dict)
    missing = {article.source_id for article in articles} - known.keys()
    if missing:
        known.update(Source.objects.in_bulk(missing))
    for article in articles:
        article.source = known[article.source_id]
