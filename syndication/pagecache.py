"""The page cache: each public page rendered once, then served to every process.

Pages are stored in the shared cache (Redis in production, the database
cache in the embedded set-up) with the generation of public content they were
rendered in. Every public change replaces the generation once, after its commit
(`invalidate`, called by syndication/frontcache.py), so a page rendered before
it is never served again, by any worker or machine.

A page is kept under the generation read *before* it was rendered, and only
if the generation is unchanged once it is rendered: a page built while a
change committed may show the rows from before it, so neither this cache nor
a front cache may keep it.

Django's own `cache_page` keys pages by a fixed prefix and sends browsers a
max-age; this needs a generation any process can bump and browsers that
revalidate every time, so a takedown reaches readers at once.
"""

import hashlib
import logging
import math
import time
import uuid
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator

logger = logging.getLogger(__name__)

# Named anew whenever what is stored changes shape, so a deployment never
# reads what the previous version stored (Redis keeps it across a deploy).
GENERATION_KEY = "pages:generation-token"
# The answers that are the same for every reader: a page, and the notice that
# replaces a removed article (kept until a reinstatement purges its key, so a
# removed address under load does not reach the app on every request).
SHARED_STATUSES = (200, 451)
# Only these query parameters change a public page; the views ignore any other,
# so it must not create cache entries either (a cheap way to fill the cache).
VARYING_PARAMETERS = ("page", "q")


def _new_generation() -> str:
    # A token never used before, not a count: no backend has to increment
    # atomically (Django's database cache reads and writes), and a generation
    # lost to eviction or a restart cannot come back as one pages were kept under.
    return uuid.uuid4().hex


def current_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate() -> None:
    """Makes every stored page stale, in every process."""
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def _page_key(request) -> str:
    # Scheme and host are part of the key: feeds and the sitemap build absolute
    # links from them, and one client's Host header must not reach another.
    params = urlencode(
        sorted((name, value) for name in VARYING_PARAMETERS for value in request.GET.getlist(name))
    )
    # The language is part of it too: a page is rendered in the reader's language.
    language = getattr(request, "LANGUAGE_CODE", "")
    page = f"{language}:{request.scheme}://{request.get_host()}{request.path}?{params}"
    return f"pages:page:{hashlib.sha256(page.encode()).hexdigest()}"


def _max_age() -> int:
    """PAGE_CACHE_SECONDS, but never past the next scheduled publication.

    No save happens when a scheduled article's time comes, so nothing purges
    the pages it belongs on: they must expire by then.
    """
    from .models import Article

    max_age = settings.PAGE_CACHE_SECONDS
    next_publication = (
        Article.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True)
    ).first()
    if next_publication is not None:
        seconds = (next_publication - timezone.now()).total_seconds()
        max_age = min(max_age, max(int(seconds), 1))
    return max_age


def _stored(key):
    """(generation now, the page stored under `key` in it or None), in one round trip."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return current_generation(), None
    entry = found.get(key)
    if entry is None or entry["generation"] != generation:
        return generation, None
    return generation, entry


def _from_entry(entry) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    # What is left of the page's time, not all of it again: a front cache
    # that fetches it later must still let it go by the next scheduled publication.
    remaining = max(math.ceil(entry["expires_at"] - time.time()), 1)
    patch_cache_control(response, s_maxage=remaining)
    return response


def _same_for_everyone(request, response) -> bool:
    # A page that asked for a CSRF token (a form with {% csrf_token %}) gets
    # its cookie from the CSRF middleware, after this decorator: it holds one
    # reader's token and must not reach another.
    return (
        response.status_code in SHARED_STATUSES
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def public_page(view):
    """Serves a public view's answers from the page cache and lets front caches keep them.

    Only answers the same for everyone (SHARED_STATUSES, no cookie) are
    stored or shared. Views name what a page is built from with
    `frontcache.add_keys`.
    """
    from . import frontcache  # here: frontcache imports this module to invalidate it

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        caching = settings.PAGE_CACHE_SECONDS > 0
        key = _page_key(request) if caching else None
        generation = entry = None
        if caching:
            try:
                generation, entry = _stored(key)
            except Exception:
                # Without the cache, pages are still served, only slower.
                logger.exception("Page cache unavailable; serving %s uncached", request.path)
        if entry is not None:
            return _from_entry(entry)

        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        # Conditional requests are answered by ETag alone (ConditionalGetMiddleware).
        # The Last-Modified that feeds and the sitemap send is their newest
        # item's: once a takedown removes that item it moves back in time, and
        # a reader asking "modified since?" would be told "no" and keep the text.
        if "Last-Modified" in response:
            del response["Last-Modified"]
        if not _same_for_everyone(request, response):
            frontcache.mark_not_shared(response)
            return response
        try:
            unchanged = not caching or generation == current_generation()
        except Exception:
            logger.exception("Page cache unavailable; %s not stored", request.path)
            unchanged = False
        if not unchanged:
            frontcache.mark_not_shared(response)
            return response
        max_age = _max_age() if caching else 0
        frontcache.mark_shared(response, request, max_age)
        if caching:
            entry = {
                "generation": generation,
                "status": response.status_code,
                "expires_at": time.time() + max_age,
                "content": response.content,
                "headers": dict(response.headers),
            }
            try:
                cache.set(key, entry, max_age)
            except Exception:
                logger.exception("Page cache unavailable; %s not stored", request.path)
        return response

    return wrapped


class PublicPageMixin:
    """For class-based public views: the page cache and front-cache headers."""

    @method_decorator(public_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)
