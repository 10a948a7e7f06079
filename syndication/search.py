"""Full-text search over published articles.

On PostgreSQL, a weighted `tsvector` (title A; author and summary B; body C)
is kept in the column `syndication_article.search_vector` by a trigger and
indexed with GIN (migration 0003): matching uses the index, results are
ranked with `ts_rank` and snippets come from `ts_headline`. The column exists
only on PostgreSQL, so the model does not declare it.

On SQLite (the embedded set-up), an FTS5 index of the same fields kept by
triggers (migration 0018) does the same: the query is read as
`websearch_to_tsquery` reads it (words, "phrases", -exclusions, OR), results
are ranked with bm25 and snippets come from FTS5's `snippet()`.

Search finds, ranks and shows only what readers may read (the permission's
scope): the body of full-text articles, the summary of excerpt-only ones,
and of headline-only ones the title and authors alone.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Left
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article, Scope
from .plaintext import text_of

MAX_QUERY_LENGTH = 200
# Searches return at most this many results, the newest matches (see _postgresql_search).
MAX_RESULTS = 200
HEADLINE_SOURCE_CHARS = 800
# Private-use characters mark the hits inside ts_headline's output: they
# survive tag stripping and escaping, and then become <mark> elements.
MARK_START, MARK_END = "\ue000", "\ue001"  # char(57344), char(57345) in SQLite

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")
# A term of the query: an optionally negated "phrase" (its closing quote may be
# missing), or anything up to the next space.
_QUERY_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
_WORD = re.compile(r"\w+")
_UNFINISHED_TAG = re.compile(r"<[^>]*$")


def normalize_query(raw: str) -> str:
    """The query as searched: no control characters, single spaces, at most MAX_QUERY_LENGTH."""
    text = _CONTROL_CHARS.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_articles(query: str):
    """Published articles matching `query`, best first.

    Returns (a queryset for the paginator, whether matches beyond the newest
    MAX_RESULTS were left out). Pass each article shown to `snippet()` for its
    highlighted extract.
    """
    articles = Article.objects.published().select_related("source", "permission")
    if not query:
        return articles.none(), False
    if connection.vendor == "postgresql":
        return _postgresql_search(articles, query)
    return _sqlite_search(articles, query)


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
            excerpt_words=_shown_vector(Scope.EXCERPT),
            headline_words=_shown_vector(Scope.HEADLINE),
        )
        .filter(search=ts_query)
        .filter(shown)
        .order_by("-publish_at", "-id")
        .values_list("pk", "permission__scope")[: MAX_RESULTS + 1]
    )
    scopes = dict(candidates[:MAX_RESULTS])  # id -> scope
    # Ranked, like matched, on what the scope shows: a body readers cannot
    # see does not lift its article above others. Only where such articles
    # are among the results: the choice by scope took 1 ms (a tenth) more
    # to build and run for bench/load.py's searches, all of full texts.
    rank = SearchRank(vector, ts_query)
    if set(scopes.values()) != {Scope.FULL}:
        rank = Case(
            When(permission__scope=Scope.FULL, then=rank),
            When(
                permission__scope=Scope.EXCERPT,
                then=SearchRank(_shown_vector(Scope.EXCERPT), ts_query),
            ),
            default=SearchRank(_shown_vector(Scope.HEADLINE), ts_query),
        )
    results = (
        articles.filter(pk__in=list(scopes))
        .defer("body")
        .annotate(
            rank=rank,
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


def _shown_vector(scope: str) -> SearchVector:
    """The vector of what an excerpt or headline article shows, weighted as the stored one.

    Computed for the few rows that need it: the stored vector (title A,
    authors and summary B, body C) holds every field.
    """
    vector = SearchVector("title", weight="A", config="english")
    if scope == Scope.EXCERPT:
        return vector + SearchVector("original_authors", "summary", weight="B", config="english")
    return vector + SearchVector("original_authors", weight="B", config="english")


def parse_websearch(query: str) -> list[tuple[list[str], list[str]]]:
    """The query read as PostgreSQL's `websearch_to_tsquery` reads it.

    Words and "quoted phrases" must all match; `-word` or `-"phrase"` must
    not; `OR` between terms separates alternatives. Returns the alternatives,
    each as (terms that must match, terms that must not), a phrase as one
    term of several words; punctuation is dropped as the parser drops it.
    """
    alternatives = [([], [])]
    for negated, phrase, word in _QUERY_TOKEN.findall(query):
        if not phrase and word.upper() == "OR":
            if alternatives[-1] != ([], []):
                alternatives.append(([], []))
            continue
        words = _WORD.findall(phrase or word)
        if not words:
            continue
        alternatives[-1][1 if negated else 0].append(" ".join(words))
    return [alternative for alternative in alternatives if alternative != ([], [])]


def _fts5_string(term: str) -> str:
    """A term as an FTS5 string: a word, or the words of a phrase in order."""
    return '"' + term.replace('"', '""') + '"'


def _fts5_match(terms) -> str:
    return " OR ".join(_fts5_string(term) for term in terms)


# The index's columns as ranked: title like PostgreSQL's weight A, authors and
# summary B, body C (ts_rank's default weights 1.0, 0.4, 0.2).
# The snippet comes from the summary, else the body, whichever holds a match
# (the title is on the page already), as PostgreSQL's comes from both. The
# marks are MARK_START and MARK_END, as SQL: char(57344) is U+E000.
_SNIPPET_OF = "snippet(syndication_article_fts, {}, char(57344), char(57345), ' … ', 32)"
_SNIPPET = (
    "CASE WHEN instr({summary}, char(57344)) THEN {summary} "
    "WHEN instr({body}, char(57344)) THEN {body} "
    "WHEN syndication_article_fts.summary != '' THEN {summary} ELSE {body} END"
).format(summary=_SNIPPET_OF.format(2), body=_SNIPPET_OF.format(3))
# As on PostgreSQL, ranked on what the scope shows: the columns an excerpt or
# headline article does not show weigh nothing.
_BM25 = {
    Scope.FULL: "bm25(syndication_article_fts, 1.0, 0.4, 0.4, 0.2)",
    Scope.EXCERPT: "bm25(syndication_article_fts, 1.0, 0.4, 0.4, 0.0)",
    Scope.HEADLINE: "bm25(syndication_article_fts, 1.0, 0.4, 0.0, 0.0)",
}
_MATCHING_IDS = "SELECT rowid FROM syndication_article_fts WHERE syndication_article_fts MATCH %s"


def _sqlite_search(articles, query):
    """FTS5 (migration 0018) with the same query syntax as on PostgreSQL.

    An alternative with words to match becomes "(a AND b) NOT (c OR d)". A
    query of exclusions only ("-ferry") matches every article without them,
    as on PostgreSQL; an exclusions-only alternative beside others ("a OR
    -b") is left out, since FTS5 cannot express it.
    """
    alternatives = parse_websearch(query)
    positive = [(must, must_not) for must, must_not in alternatives if must]
    if not positive:
        excluded = [term for _must, must_not in alternatives for term in must_not]
        if not excluded:
            return articles.none(), False
        matching = RawSQL(_MATCHING_IDS, [_fts5_match(excluded)])  # noqa: S611 - a parameter
        results = articles.exclude(pk__in=matching)
        return results.order_by("-publish_at", "-id"), False
    match = " OR ".join(
        "("
        + " AND ".join(_fts5_string(term) for term in must)
        + (f" NOT ({_fts5_match(must_not)})" if must_not else "")
        + ")"
        for must, must_not in positive
    )
    # What each scope lets readers see is all it may match on: FTS5 column
    # filters limit an expression to the columns named.
    in_excerpt = f"{{title original_authors summary}} : ({match})"
    in_headline = f"{{title original_authors}} : ({match})"
    shown = (
        Q(permission__scope=Scope.FULL, pk__in=RawSQL(_MATCHING_IDS, [match]))  # noqa: S611
        | Q(permission__scope=Scope.EXCERPT, pk__in=RawSQL(_MATCHING_IDS, [in_excerpt]))  # noqa: S611
        | Q(pk__in=RawSQL(_MATCHING_IDS, [in_headline]))  # noqa: S611 - a parameter
    )
    # As on PostgreSQL: only the newest MAX_RESULTS matches are ranked.
    candidates = list(
        articles.filter(shown)
        .order_by("-publish_at", "-id")
        .values_list("pk", flat=True)[: MAX_RESULTS + 1]
    )
    # bm25() and snippet() only work beside a MATCH, so each result's rank and
    # snippet come from the index row of that article (a rowid look-up).
    in_index = (
        "FROM syndication_article_fts WHERE syndication_article_fts MATCH %s "
        "AND syndication_article_fts.rowid = syndication_article.id"
    )

    def ranked(scope):
        return RawSQL(f"(SELECT -{_BM25[scope]} {in_index})", [match])  # noqa: S611

    results = (
        articles.filter(pk__in=candidates[:MAX_RESULTS])
        .defer("body")
        .annotate(
            # Constant SQL; the query and the marks are parameters.
            rank=Case(
                When(permission__scope=Scope.FULL, then=ranked(Scope.FULL)),
                When(permission__scope=Scope.EXCERPT, then=ranked(Scope.EXCERPT)),
                default=ranked(Scope.HEADLINE),
            ),
            full_snippet=RawSQL(f"(SELECT {_SNIPPET} {in_index})", [match]),  # noqa: S611
            summary_snippet=RawSQL(  # noqa: S611
                f"(SELECT {_SNIPPET_OF.format(2)} {in_index})", [match]
            ),
            # Snippets come only from what the scope shows.
            plain_headline=Case(
                When(permission__scope=Scope.FULL, then=F("full_snippet")),
                When(permission__scope=Scope.EXCERPT, then=F("summary_snippet")),
                default=Value(""),
                output_field=TextField(),
            ),
        )
        .order_by("-rank", "-publish_at", "-id")
    )
    return results, len(candidates) > MAX_RESULTS


def snippet(article) -> str:
    """Safe HTML: a piece of the article's text with the query's words in <mark>."""
    plain = getattr(article, "plain_headline", None)
    if plain is not None:  # SQLite's index holds plain text already
        return _marked(" ".join(plain.split()))
    headline = getattr(article, "headline", None)
    if headline is not None:
        # The text was cut at HEADLINE_SOURCE_CHARS, perhaps inside a tag.
        return _marked(text_of(_UNFINISHED_TAG.sub("", headline)))
    return ""


def _marked(text: str) -> str:
    """Safe HTML: `text` escaped, its hits (between MARK_START and MARK_END) in <mark>."""
    return mark_safe(  # noqa: S308 - every piece of text is escaped first
        escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )
