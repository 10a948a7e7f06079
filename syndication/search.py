"""Full-text search over published articles.

On PostgreSQL, a weighted `tsvector` (title A; author and summary B; body C)
is kept in the column `syndication_article.search_vector` by a trigger and
indexed with GIN (migration 0003): matching uses the index, results are
ranked with `ts_rank` and snippets come from `ts_headline`. The column exists
only on PostgreSQL, so the model does not declare it.

On SQLite (the embedded set-up) every word must appear in the title, summary,
body or author; results are newest first and snippets are cut in Python.

Search finds and shows only what readers may read (the permission's scope):
the body of full-text articles, the summary of excerpt-only ones, and of
headline-only ones the title and authors alone.
"""

import html
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Left
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .models import Article, Scope

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
# Searches return at most this many results, the newest matches (see _postgresql_search).
MAX_RESULTS = 200
HEADLINE_SOURCE_CHARS = 800
SNIPPET_CHARS = 240
# Private-use characters mark the hits inside ts_headline's output: they
# survive tag stripping and escaping, and then become <mark> elements.
MARK_START, MARK_END = "\ue000", "\ue001"

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")
_UNFINISHED_TAG = re.compile(r"<[^>]*$")
_PUNCTUATION = "\"'“”‘’()[]{}<>+-|!&:*~^"


def normalize_query(raw: str) -> str:
    """The query as searched: no control characters, single spaces, at most MAX_QUERY_LENGTH."""
    text = _CONTROL_CHARS.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query: str) -> list[str]:
    words = (word.strip(_PUNCTUATION) for word in query.split())
    return [word for word in words if word][:MAX_WORDS]


def search_articles(query: str):
    """Published articles matching `query`, best first (newest first on SQLite).

    Returns (a queryset for the paginator, whether matches beyond the newest
    MAX_RESULTS were left out). Pass each article shown to `snippet()` for its
    highlighted extract.
    """
    articles = Article.objects.published().select_related("source", "permission")
    if not query:
        return articles.none(), False
    if connection.vendor == "postgresql":
        return _postgresql_search(articles, query)
    return _fallback_search(articles, query), False


def _postgresql_search(articles, query):
    # websearch_to_tsquery accepts any input (quotes, OR, -word) without errors.
    ts_query = SearchQuery(query, search_type="websearch", config="english")
    # The column the migration adds; unqualified, as the joined source table has none.
    vector = RawSQL("search_vector", [], output_field=SearchVectorField())
    # Ranking reads each match's whole vector, so a broad query would rank
    # thousands of rows. Only the newest MAX_RESULTS matches are ranked (and
    # counted): a news search favours recent articles anyway. One more is
    # fetched to tell the reader whether there were more.
    # The stored vector holds every field; an article that is not full text
    # must also match on what its scope shows (computed only for those rows).
    shown = Q(permission__scope=Scope.FULL) | Q(headline_words=ts_query)
    shown |= Q(permission__scope=Scope.EXCERPT, excerpt_words=ts_query)
    candidates = list(
        articles.annotate(
            search=vector,
            excerpt_words=SearchVector("title", "original_authors", "summary", config="english"),
            headline_words=SearchVector("title", "original_authors", config="english"),
        )
        .filter(search=ts_query)
        .filter(shown)
        .order_by("-publish_at", "-id")
        .values_list("pk", flat=True)[: MAX_RESULTS + 1]
    )
    results = (
        articles.filter(pk__in=candidates[:MAX_RESULTS])
        .defer("body")
        .annotate(
            rank=SearchRank(vector, ts_query),
            # ts_headline parses the whole text it is given (about 0.4 ms per
            # 1,500 characters), so snippets come from the summary and the
            # start of the body, as on SQLite.
            headline=SearchHeadline(
                Concat(
                    Case(
                        When(permission__scope__in=[Scope.FULL, Scope.EXCERPT], then="summary"),
                        default=Value(""),
                        output_field=TextField(),
                    ),
                    Value(" "),
                    Case(
                        When(
                            permission__scope=Scope.FULL,
                            then=Left("body", HEADLINE_SOURCE_CHARS),
                        ),
                        default=Value(""),
                        output_field=TextField(),
                    ),
                    output_field=TextField(),
                ),
                ts_query,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-publish_at", "-id")
    )
    return results, len(candidates) > MAX_RESULTS


def _fallback_search(articles, query):
    words = query_words(query)
    if not words:
        return articles.none()
    for word in words:
        articles = articles.filter(
            Q(title__icontains=word)
            | Q(original_authors__icontains=word)
            | Q(summary__icontains=word, permission__scope__in=[Scope.FULL, Scope.EXCERPT])
            | Q(body__icontains=word, permission__scope=Scope.FULL)
        )
    return articles


def snippet(article, query: str) -> str:
    """Safe HTML: a piece of the article's text with the query's words in <mark>."""
    headline = getattr(article, "headline", None)
    if headline is not None:
        # The text was cut at HEADLINE_SOURCE_CHARS, perhaps inside a tag.
        text = _text_of(_UNFINISHED_TAG.sub("", headline))
        text = " ".join(text.split())
        return mark_safe(  # noqa: S308 - every piece of text is escaped first
            escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        )
    return _highlight(_plain_text(article), query_words(query))


# Block-level boundaries become spaces, so "preparation.</p><h2>What" does
# not read as one word once the tags are gone.
_BLOCK_BOUNDARY = re.compile(
    r"<(?:/?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|figure|figcaption|table|caption"
    r"|thead|tbody|tfoot|tr|td|th)|br|hr)\b[^>]*>",
    re.IGNORECASE,
)


def _text_of(markup: str) -> str:
    return html.unescape(strip_tags(_BLOCK_BOUNDARY.sub(" ", markup)))


def _plain_text(article) -> str:
    text = _text_of(f"{article.public_summary} {article.public_body}")
    return " ".join(text.split())


def _highlight(text: str, words: list[str]) -> str:
    if not words:
        return escape(text[:SNIPPET_CHARS])
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max((first.start() if first else 0) - SNIPPET_CHARS // 3, 0)
    window = text[start : start + SNIPPET_CHARS]
    pieces, position = [], 0
    for match in pattern.finditer(window):
        pieces.append(escape(window[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(window[position:]))
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - pieces are escaped
