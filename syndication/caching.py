"""Invalidation of cached public pages.

Public pages are cached in the shared cache together with the generation
number they were rendered in. Any change that can alter what the public sees (an
article, a source, the disclaimer, a takedown) bumps the generation, so every
cached page of every worker and machine goes stale at once: invariant 3 of
DESIGN.md needs exactly that, and it costs one cache read per request.

What pages are made of and rarely changes (sources, the disclaimer) is also
remembered in each process for one generation (`remembered`), so rendering
a page that is not cached yet does not fetch it again.
"""

import threading
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


# Per process: (generation, when it was first seen, {key: value}).
_remembered = (None, 0.0, {})
_remembered_lock = threading.Lock()
# An upper bound on how long a kept value can outlive a change whose
# invalidation did not arrive (a failed after-commit bump, or the local-memory
# cache, which a management command in another process cannot reach).
REMEMBER_SECONDS = 60


def remembered(generation, key, compute, *, still_valid=None):
    """`compute()`, kept in this process while `generation` is current (at most REMEMBER_SECONDS).

    Only for values that a change bumping the generation would alter (see
    signals.py): they can then be no staler than the cached pages. With no
    generation (the cache is down), nothing is kept. `still_valid(value)`,
    when given, can reject a kept value that time alone has made stale.
    """
    global _remembered
    if generation is None:
        return compute()
    now = time.monotonic()
    with _remembered_lock:
        kept_generation, since, values = _remembered
        if kept_generation != generation or now - since > REMEMBER_SECONDS:
            values = {}
            _remembered = (generation, now, values)
    if key in values and (still_valid is None or still_valid(values[key])):
        return values[key]
    value = values[key] = compute()
    return value
