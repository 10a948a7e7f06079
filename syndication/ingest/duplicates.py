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
recognises them first.
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from ..models import Article, ArticleSketch, NearDuplicate, SketchKey

SHINGLE_WORDS = 4
SKETCH_SIZE = 64
KEYS = 8
# Texts with fewer shingles than this are not compared: a headline alone says too little.
MIN_SHINGLES = 20
CANDIDATES = 5
PER_KEY = 50
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """The hashed word shingles of `text`."""
    words = _WORD.findall(text.casefold())
    return {
        int.from_bytes(
            hashlib.blake2b(" ".join(words[i : i + SHINGLE_WORDS]).encode(), digest_size=8).digest()
        )
        >> 1  # 63 bits: fits a signed 64-bit database integer
        for i in range(max(len(words) - SHINGLE_WORDS + 1, 0))
    }


def sketch(text: str) -> list[int] | None:
    """The SKETCH_SIZE smallest shingle hashes, ascending; None for a text too short to judge."""
    hashes = shingles(text)
    if len(hashes) < MIN_SHINGLES:
        return None
    return sorted(hashes)[:SKETCH_SIZE]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the texts behind two sketches (0 to 1)."""
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


@dataclass
class Match:
    original_id: int
    similarity: float


@dataclass
class Lookup:
    """What the index says about one new text: its best match, and which keys are not full."""

    values: list[int]
    match: Match | None
    keys_to_store: list[int]


def look_up(values: list[int]) -> Lookup:
    """The stored article most like a text with this sketch (at the threshold or over), if any."""
    keys = values[:KEYS]
    rows = list(SketchKey.objects.filter(key__in=keys).order_by().values_list("key", "sketch_id"))
    per_key = Counter(key for key, _ in rows)
    shared = Counter(sketch_id for _, sketch_id in rows)
    best_ids = [sketch_id for sketch_id, _ in shared.most_common(CANDIDATES)]
    best = None
    stored = ArticleSketch.objects.filter(pk__in=best_ids).order_by()
    for article_id, hashes in stored.values_list("article_id", "hashes"):
        score = similarity(values, [int(h) for h in hashes.split()])
        if score >= settings.FEED_DUPLICATE_SIMILARITY and (
            best is None or score > best.similarity
        ):
            best = Match(article_id, score)
    return Lookup(values, best, [k for k in keys if per_key[k] < PER_KEY])


def remember(article: Article, lookup: Lookup) -> None:
    """Stores an article's sketch and its keys, for the articles that come after it."""
    stored = ArticleSketch.objects.create(article=article, hashes=" ".join(map(str, lookup.values)))
    SketchKey.objects.bulk_create(SketchKey(sketch=stored, key=key) for key in lookup.keys_to_store)


def flag(article: Article, match: Match) -> NearDuplicate:
    return NearDuplicate.objects.create(
        article=article, original_id=match.original_id, similarity=round(match.similarity, 3)
    )
