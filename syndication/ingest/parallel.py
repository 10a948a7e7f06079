"""A big import's bodies sanitised in a process beside the importer's.

Sanitising a body (bleach) is pure Python work, for a whole feed about as
long as parsing it; in the importer's process it holds the interpreter
while the database waits. So the importer hands each batch's new entries
to a helper process (`prepare()`) and stores the batch before it
meanwhile; when it comes to store them, it takes their sanitised bodies
back (`Prepared.fill()`). The near-duplicate sketch of each body is made
by the importer, not the helper, which is the busier of the two: with the
sketches in the helper the importer waited for it 1.0 s an import, with
them in the importer 0.3 s.

The two run on two cores: bench/import_bench.py's first import of 5,000
entries took 4.95 s, against 6.28 s without the helper in the same run, on
a 2-core machine.

The helper processes (FEED_IMPORT_PROCESSES, 1 by default; 0 for none)
start at the first big batch and are kept; each loads Django once, a few
tenths of a second. They are forked from a server process of their own
(multiprocessing's "forkserver"), never from the importer's, which may be
running threads (Celery's pool, import_feeds) that a fork would copy
mid-step. A batch of fewer than MIN_BODIES new entries (a poll's usual
few) is prepared where it is stored: handing it over would cost more than
it saves.

Whatever goes wrong in a helper costs time only: the entries it did not
prepare work out their own body when first read, in the importer's
process, each with its own error handling as before. A helper
that takes longer than HELPER_TIMEOUT for a batch is given up on the same
way (with the others of its pool), so a stuck one cannot hold an import,
and its transaction, for ever.

As with any multiprocessing, a helper imports the main script of the
process that starts it: a script that imports feeds must keep its work
under `if __name__ == "__main__":`, as manage.py, celery and gunicorn do.
"""

import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import django
from django.conf import settings

from .entries import EntryData, prepared

logger = logging.getLogger(__name__)

MIN_BODIES = 50
# Seconds a batch may take in a helper: 500 bodies take about a fifth of a
# second there; bleach on the largest allowed ones (FEED_MAX_ENTRY_CHARS)
# some seconds each.
HELPER_TIMEOUT = 120

_executor: ProcessPoolExecutor | None = None
_executor_lock = threading.Lock()


def helpers() -> ProcessPoolExecutor | None:
    """The helper processes, started at the first call; None where FEED_IMPORT_PROCESSES is 0."""
    global _executor
    if settings.FEED_IMPORT_PROCESSES < 1:
        return None
    with _executor_lock:
        if _executor is None:
            # Each helper sets Django up (the work's modules import the
            # models) with the settings of the process that starts it.
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
            _executor = ProcessPoolExecutor(
                settings.FEED_IMPORT_PROCESSES,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=django.setup,
            )
        return _executor


def shutdown() -> None:
    """Lets the helpers go, if any were started: the next big batch starts new ones."""
    with _executor_lock:
        executor = _executor
    if executor is not None:
        _discard(executor)


def _discard(executor: ProcessPoolExecutor) -> None:
    """Lets a broken pool go: the next big batch starts new helpers."""
    global _executor
    with _executor_lock:
        if _executor is executor:
            _executor = None
    executor.shutdown(wait=False, cancel_futures=True)


class Prepared:
    """A batch's new entries, and the helper's work on their bodies, if any."""

    def __init__(self, entries: list[EntryData], future: Future | None = None, executor=None):
        self.entries, self.future, self.executor = entries, future, executor

    def fill(self) -> None:
        """Waits for the helper, and gives each entry the body it worked out.

        Without a helper, or when it failed, the entries are left as they
        are: each works out its own when first read.
        """
        if self.future is None:
            return
        try:
            results = self.future.result(timeout=HELPER_TIMEOUT)
        except (BrokenProcessPool, TimeoutError):
            logger.warning("An import's helper process stopped or stalled; preparing here.")
            _discard(self.executor)
            return
        except Exception:
            logger.exception("An import's helper process failed; preparing its batch here.")
            return
        for data, body in zip(self.entries, results, strict=True):
            if body is not None:  # else the entry failed there: it fails here, on its own
                data.body = body  # a cached_property may be assigned to
        logger.debug("%s entries prepared in a helper process", len(results))


def prepare(entries: list[EntryData]) -> Prepared:
    """Starts sanitising the entries' bodies in a helper, if there are enough to be worth it."""
    if len(entries) < MIN_BODIES:
        return Prepared(entries)
    executor = None
    try:
        executor = helpers()
        if executor is None:
            return Prepared(entries)
        work = [(data.raw_body, data.base_url) for data in entries]
        return Prepared(entries, executor.submit(prepared, work), executor)
    except BrokenProcessPool:
        logger.warning("An import's helper process stopped; preparing its batch here.")
        if executor is not None:
            _discard(executor)
    except Exception:  # no process could be started (memory, limits), or shutting down
        logger.exception("No helper process for an import; preparing its batch here.")
    return Prepared(entries)
