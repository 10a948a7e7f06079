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
only the few articles sharing the most keys are compared.

Exact duplicates (same GUID, same URL) never get here: the importer
recognises them first.
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count

from ..models import Article, ArticleSketch, NearDuplicate, SketchKey

SHINGLE_WORDS = 4
SKETCH_SIZE = 64
KEYS = 8
# Texts with fewer shingles than this are not compared: a headline alone says too little.
MIN_SHINGLES = 20
CANDIDATES = 5
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
    original: Article
    similarity: float


def find_near_duplicate(values: list[int], exclude_source_url: str = "") -> Match | None:
    """The stored article most similar to a text with this sketch, if at or above the threshold."""
    keys = values[:KEYS]
    candidates = (
        SketchKey.objects.filter(key__in=keys)
        .values("sketch")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "sketch")[:CANDIDATES]
    )
    sketches = ArticleSketch.objects.filter(
        pk__in=[c["sketch"] for c in candidates]
    ).select_related("article")
    best = None
    for stored in sketches:
        score = similarity(values, stored.values())
        if score >= settings.FEED_DUPLICATE_SIMILARITY and (
            best is None or score > best.similarity
        ):
            best = Match(stored.article, score)
    return best


def remember(article: Article, values: list[int]) -> None:
    """Stores an article's sketch and its keys, for the articles that come after it."""
    stored = ArticleSketch.objects.create(article=article, hashes=" ".join(map(str, values)))
    SketchKey.objects.bulk_create(SketchKey(sketch=stored, key=key) for key in values[:KEYS])


def flag(article: Article, match: Match) -> NearDuplicate:
    return NearDuplicate.objects.create(
        article=article, original=match.original, similarity=round(match.similarity, 3)
    )
