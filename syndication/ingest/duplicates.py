"""Near-duplicate stories across sources (or one source under new URLs), by shingled text.

A text becomes words (case-folded letters and digits), then shingles of
SHINGLE_WORDS consecutive words, each hashed to 63 bits (BLAKE2b). Its
sketch is the SKETCH_SIZE smallest hashes: a bottom-k MinHash (Broder 1997).
The Jaccard similarity of two texts' shingle sets is estimated from their
sketches alone: of the SKETCH_SIZE smallest hashes of both sketches
together, the share that is in both.

Candidates are found without comparing with every article: each sketch's
KEYS smallest hashes are stored in an index (SketchKey). The smallest
hash of two texts' union is in both with a probability equal to their
similarity, so a pair at 0.5 shares one of eight keys almost always;
only the few articles sharing the most keys are compared. A key held by
PER_KEY sketches already (boilerplate, or a story carried everywhere) is
not stored again, so a look-up reads at most KEYS × PER_KEY rows however
many articles there are; a new copy of such a story still meets the
earlier ones through that key.

Exact duplicates (same GUID, same URL) never get here: the importer
recognises them first. One more kind is exact: an article whose own page
(fetched for its full text) names as its `rel=canonical` the address of
an article we already hold; it is flagged at similarity 1.

An import's new articles are settled here after they are stored and their
full text is in (`settle()`): compared, their sketches stored, the pairs
flagged, and the drafts held back for it published when they are no copy.
"""

import hashlib
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ..models import Article, ArticleSketch, NearDuplicate, SketchKey
from ..models.articles import NoPermission
from ..urlnorm import url_variants
from .entries import text_sketch

SHINGLE_WORDS = 4
SKETCH_SIZE = 64
KEYS = 8
# Texts with fewer shingles than this are not compared: a headline alone says too little.
MIN_SHINGLES = 20
CANDIDATES = 5
PER_KEY = 50
# Articles settled in one transaction, under one set of locks: 500 took
# 0.2 s (a tenth) off settling bench/import_bench.py's 5,000 articles,
# against 100. Fewer where the database limits a query's parameters (a
# chunk looks up KEYS keys an article): 124 under the 999 Django assumes
# for SQLite, which serialises writers anyway. A chunk of 500 takes most of
# the LOCK_BUCKETS locks, so large imports settle their chunks in turns; a
# poll's few new articles take a few.
SETTLE_CHUNK = 500


def _chunk_size() -> int:
    limit = connection.features.max_query_params
    return min(SETTLE_CHUNK, limit // KEYS) if limit else SETTLE_CHUNK


# pg_advisory_xact_lock(LOCK_CLASS, bucket): this project's near-duplicate check.
LOCK_CLASS = 1313
LOCK_BUCKETS = 1024
_WORD = re.compile(r"\w+")
# Counter() counts what chain() hands it without a Python-level step per
# id: 1.4 times as fast as a generator expression for a sketch's 8 keys of
# up to PER_KEY ids each, which every new article of an import counts.
_joined = itertools.chain.from_iterable


def shingles(text: str) -> set[int]:
    """The hashed word shingles of `text`."""
    words = _WORD.findall(text.casefold())
    # Each run of SHINGLE_WORDS words, joined without a step of Python per word.
    runs = map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False))
    return {
        int.from_bytes(hashlib.blake2b(run.encode(), digest_size=8).digest())
        >> 1  # 63 bits: fits a signed 64-bit database integer
        for run in runs
    }


def sketch(text: str) -> list[int] | None:
    """The SKETCH_SIZE smallest shingle hashes, ascending; None for a text too short to judge."""
    hashes = shingles(text)
    if len(hashes) < MIN_SHINGLES:
        return None
    return sorted(hashes)[:SKETCH_SIZE]


def similarity(a: list[int] | set[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the texts behind two sketches (0 to 1).

    `a` may be given as a set, to compare one sketch with several.
    """
    first = a if isinstance(a, set) else set(a)
    both = first.intersection(b)
    if not both:
        return 0.0
    union = sorted(first.union(b))[:SKETCH_SIZE]
    return len(both.intersection(union)) / len(union)


@dataclass
class Match:
    original_id: int
    similarity: float


def _serialise(keys) -> None:
    """Holds, until the transaction ends, the locks of the buckets of sketch `keys`.

    The race it closes: two workers import one wire story at once; each
    looks for an earlier copy before the other's sketch is committed, finds
    none, and both publish. Two texts that a look-up can match share one of
    their KEYS smallest hashes (that is how candidates are found), so they
    share that key's bucket: under its lock the second look-up waits for
    the first transaction to commit its sketch, and then finds it. Locks are
    taken in ascending order in a transaction that holds no other, so two
    imports cannot deadlock.

    PostgreSQL: transaction-level advisory locks. SQLite: a transaction
    begins IMMEDIATE there (config/settings.py), holding the database's
    write lock, which already serialises every writer.
    """
    buckets = sorted({key % LOCK_BUCKETS for key in keys})
    if not buckets or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # The subquery's order is the order the locks are taken in.
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(%s, b)) "
            "FROM (SELECT unnest(%s::integer[]) AS b ORDER BY 1) AS buckets",
            [LOCK_CLASS, buckets],
        )


def settle(
    source,
    article_ids: list[int],
    sketches: dict[int, list[int]],
    *,
    publish_ids: set[int] = frozenset(),
    canonicals: dict[int, str] | None = None,
    resketch: set[int] = frozenset(),
) -> int:
    """Compares new articles with earlier ones; publishes the held ones that are no copy.

    Returns how many held ones stayed drafts because no permission in the
    rights ledger covers publishing them.

    `sketches` holds the feed texts' sketches; the articles in `resketch`
    (their full text arrived since) are sketched again from what is stored.
    `canonicals` holds the `rel=canonical` address of pages fetched. Each
    chunk is one transaction under _serialise()'s locks, so of two imports
    of one story the second always sees the first.
    """
    canonicals = canonicals or {}
    sketches = dict(sketches)
    if resketch:
        stored = Article.objects.filter(pk__in=resketch).values_list("pk", "title", "body")
        for pk, title, body in stored:
            sketches[pk] = text_sketch(title, body)
    wanted = [pk for pk in article_ids if sketches.get(pk) or pk in canonicals or pk in publish_ids]
    iterator = iter(wanted)
    unpermitted = 0
    made: dict[int, tuple[int, list[int]]] = {}  # sketches stored by this call's earlier chunks
    size = _chunk_size()
    while chunk := list(itertools.islice(iterator, size)):
        with transaction.atomic():
            unpermitted += _settle_chunk(chunk, sketches, publish_ids, canonicals, made)
            if not publish_ids.isdisjoint(chunk):
                # Settled: published, flagged as a copy, or kept a draft for editors.
                Article.objects.filter(pk__in=chunk, held_for_import=True).update(
                    held_for_import=False
                )
    return unpermitted


def _settle_chunk(chunk, sketches, publish_ids, canonicals, made) -> int:
    values = {pk: sketches[pk] for pk in chunk if sketches.get(pk)}
    keys = {key for v in values.values() for key in v[:KEYS]}
    _serialise(keys)
    holders = defaultdict(list)  # key -> stored sketch ids
    for key, sketch_id in (
        SketchKey.objects.filter(key__any=keys).order_by().values_list("key", "sketch_id")
    ):
        holders[key].append(sketch_id)
    candidates = {  # (stored sketch, keys shared) for the ones sharing the most
        pk: Counter(_joined(holders[k] for k in v[:KEYS])).most_common(CANDIDATES)
        for pk, v in values.items()
    }
    wanted_ids = {s for pairs in candidates.values() for s, _ in pairs}
    # Sketches stored by this settle() are known already: only older ones are read and parsed.
    stored = {sketch_id: made[sketch_id] for sketch_id in wanted_ids & made.keys()}
    stored.update(
        (sketch_id, (article_id, [int(h) for h in hashes.split()]))
        for sketch_id, article_id, hashes in ArticleSketch.objects.filter(
            pk__any=wanted_ids - made.keys()
        )
        .order_by()
        .values_list("pk", "article_id", "hashes")
    )
    matches: dict[int, Match] = {}
    for pk in chunk:
        if canonical := canonicals.get(pk):
            same = (
                Article.objects.filter(original_url__in=url_variants(canonical))
                .exclude(pk=pk)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if same is not None:
                matches[pk] = Match(same, 1.0)
    threshold = settings.FEED_DUPLICATE_SIMILARITY
    earlier = defaultdict(list)  # key -> this chunk's articles settled before
    new_sketches = []
    for pk in chunk:
        v = values.get(pk)
        if v is None:
            continue
        if pk not in matches:
            # The CANDIDATES sharing the most keys, stored or settled just before.
            shared = Counter({("stored", s): n for s, n in candidates[pk]})
            local = Counter(_joined(earlier[k] for k in v[:KEYS]))
            for a, n in local.items():  # in first-seen order, as ties are broken by it
                shared[("local", a)] = n
            compared = [
                stored[key] if kind == "stored" else (key, values[key])
                for (kind, key), _ in shared.most_common(CANDIDATES)
            ]
            best, mine = None, set(v)
            for article_id, hashes in compared:
                score = similarity(mine, hashes)
                if score >= threshold and (best is None or score > best.similarity):
                    best = Match(article_id, score)
            if best is not None:
                matches[pk] = best
        keys_to_store = [k for k in v[:KEYS] if len(holders[k]) + len(earlier[k]) < PER_KEY]
        new_sketches.append((pk, v, keys_to_store))
        # Through the keys stored only, as a later import would find it: what
        # an article is compared with does not depend on where chunks end,
        # and a key every article shares costs at most PER_KEY comparisons.
        for k in keys_to_store:
            earlier[k].append(pk)
    created = ArticleSketch.objects.bulk_create(
        ArticleSketch(article_id=pk, hashes=" ".join(map(str, v))) for pk, v, _ in new_sketches
    )
    SketchKey.objects.bulk_create(
        SketchKey(sketch_id=made_sketch.pk, key=key)
        for made_sketch, (_, _, keys_to_store) in zip(created, new_sketches, strict=True)
        for key in keys_to_store
    )
    for made_sketch, (pk, v, _) in zip(created, new_sketches, strict=True):
        made[made_sketch.pk] = (pk, v)
    NearDuplicate.objects.bulk_create(
        NearDuplicate(article_id=pk, original_id=m.original_id, similarity=round(m.similarity, 3))
        for pk, m in matches.items()
    )
    return _publish([pk for pk in chunk if pk in publish_ids and pk not in matches])


def _publish(article_ids: list[int]) -> int:
    """Publishes new drafts held back for the duplicate check, unless someone acted meanwhile.

    Each goes through Article.publish(), the rights ledger's gate, like an
    editor's "Publish now" (its save purges the pages readers see). Returns
    how many stayed drafts because no permission covers them.
    """
    if not article_ids:
        return 0
    # Locked until the chunk's transaction ends: an editor who schedules one of
    # these drafts, or a takedown that removes it, waits for this step and then
    # acts on what it did, instead of this step overriding what they did.
    untouched = (
        Article.objects.select_for_update()
        .filter(pk__in=article_ids, status=Article.Status.DRAFT, curated_by__isnull=True)
        .select_related("source")
    )
    unpermitted = 0
    now = timezone.now()
    for article in untouched.order_by("pk"):
        try:
            article.publish(at=now)
        except NoPermission:
            unpermitted += 1
    return unpermitted
