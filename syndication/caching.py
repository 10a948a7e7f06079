"""Invalidation of cached public pages.

Public pages are cached in the shared cache together with the generation
number they were rendered in. Any change that can alter what the public sees (an
article, a source, the disclaimer, a takedown) bumps the generation, so every
cached page of every worker and machine goes stale at once: invariant 3 of
DESIGN.md needs exactly that, and it costs one cache read per request.
"""

import time

from django.core.cache import cache

GENERATION_KEY = "public-pages:generation"


def _fresh_generation() -> int:
    # Start from the clock, so a generation lost to eviction or a cache
    # restart can never come back to a number that old pages were keyed by.
    return time.time_ns() // 1000


def public_generation() -> int:
    """The current generation of public pages; part of every page-cache key."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate_public_pages() -> None:
    """Makes every cached public page stale, in every process."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)


def get_current(key):
    """(generation, value stored under `key` in this generation, or None), in one round trip.

    The value must have been stored with `set_current`; one from an older
    generation counts as absent.
    """
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return public_generation(), None
    entry = found.get(key)
    if entry is None or entry[0] != generation:
        return generation, None
    return generation, entry[1]


def set_current(key, generation, value, timeout):
    """Stores `value` under `key` for the given generation only (see `get_current`)."""
    cache.set(key, (generation, value), timeout)
