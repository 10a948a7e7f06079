"""A big import's bodies sanitised and sketched in a process beside the importer's.

Sanitising a body (bleach) and sketching it for the near-duplicate check
are pure Python work, together longer than parsing the whole feed; in the
importer's process they hold the interpreter while the database waits.
So the importer hands each batch's new entries to a helper process
(`prepare()`) and stores the batch before it meanwhile; when it comes to
store them, it takes their bodies and sketches back (`Prepared.fill()`).
The two run on two cores: bench/import_bench.py's first import of 5,000
entries took 5.6 s, against 7.1 s without the helper in the same run, on a
2-core machine.

The helper processes (FEED_IMPORT_PROCESSES, 1 by default; 0 for none)
start at the first big batch and are kept; each loads Django once, a few
tenths of a second. They are forked from a server process of their own
(multiprocessing's "forkserver"), never from the importer's, which may be
running threads (Celery's pool, import_feeds) that a fork would copy
mid-step. A batch of fewer than MIN_BODIES new entries (a poll's usual
few) is prepared where it is stored: handing it over would cost more than
it saves.

Whatever goes wrong in a helper costs time only: the entries it did not
prepare work out their own body and sketch when first read, in the
importer's process, each with its own error handling as before.
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


def _discard(executor: ProcessPoolExecutor) -> None:
    """Lets a broken pool go: the next big batch starts new helpers."""
    global _executor
    with _executor_lock:
        if _executor is executor:
            _executor = None
    executor.shutdown(wait=False, cancel_futures=True)


class Prepared:
    """A batch's new entries, and the helper's work on their bodies and sketches, if any."""

    def __init__(self, entries: list[EntryData], future: Future | None = None, executor=None):
        self.entries, self.future, self.executor = entries, future, executor

    def fill(self) -> None:
        """Waits for the helper, and gives each entry the body and sketch it worked out.

        Without a helper, or when it failed, the entries are left as they
        are: each works out its own when first read.
        """
        if self.future is None:
            return
        try:
            results = self.future.result()
        except BrokenProcessPool:
            logger.warning("An import's helper process stopped; its batch is prepared here.")
            _discard(self.executor)
            return
        except Exception:
            logger.exception("An import's helper process failed; its batch is prepared here.")
            return
        for data, (body, sketch) in zip(self.entries, results, strict=True):
            # A cached_property may be assigned to: the value read from now on.
            data.body, data.sketch = body, sketch


def prepare(entries: list[EntryData]) -> Prepared:
    """Starts working out the entries' bodies and sketches in a helper, if there are enough."""
    executor = helpers() if len(entries) >= MIN_BODIES else None
    if executor is None:
        return Prepared(entries)
    work = [(data.raw_body, data.base_url, data.title) for data in entries]
    try:
        return Prepared(entries, executor.submit(prepared, work), executor)
    except BrokenProcessPool:
        logger.warning("An import's helper process stopped; its batch is prepared here.")
        _discard(executor)
    except RuntimeError:  # shut down: the interpreter is exiting
        pass
    return Prepared(entries)
