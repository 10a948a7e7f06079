"""Storing a source's feed entries as articles: no duplicates, no overwriting an editor's work."""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import feedparser
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Article, Source
from .entries import EntryData, EntryError, map_entry, url_variants
from .fetching import FetchError, fetch

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

NEW, UPDATED, FLAGGED, SKIPPED, BLOCKED = "new", "updated", "flagged", "skipped", "blocked"
SLUG_BASE_MAX = 80
MAX_ERRORS_KEPT = 5


class FeedError(Exception):
    """The document is not a feed we can read; the message says why."""


@dataclass
class ImportResult:
    """What one import of one source did; str() is the one-line summary."""

    source: Source
    new: int = 0
    updated: int = 0
    flagged: int = 0  # edited or published articles with a newer upstream version
    skipped: int = 0  # already imported and unchanged
    blocked: int = 0  # removed after a takedown: never imported again
    failed: int = 0
    entry_errors: list[str] = field(default_factory=list)
    error: str = ""  # the whole feed failed
    warning: str = ""  # the feed was read, but not cleanly
    not_modified: bool = False

    @property
    def ok(self) -> bool:
        return not self.error

    def entry_failed(self, message: str) -> None:
        self.failed += 1
        if len(self.entry_errors) < MAX_ERRORS_KEPT:
            self.entry_errors.append(message)

    def notes(self) -> str:
        """Warnings worth keeping on the source as its last error, or ""."""
        notes = [self.warning] if self.warning else []
        if self.failed:
            notes.append(
                _("%(count)s entries failed: %(errors)s")
                % {"count": self.failed, "errors": "; ".join(self.entry_errors)}
            )
        return " ".join(notes)

    def __str__(self):
        if self.error:
            return _("%(source)s: failed: %(error)s") % {"source": self.source.slug,
                                                         "error": self.error}  # fmt: skip
        if self.not_modified:
            return _("%(source)s: not modified since the last fetch") % {"source": self.source.slug}
        return _(
            "%(source)s: %(new)s new, %(updated)s updated, %(skipped)s skipped, "
            "%(failed)s failed, %(blocked)s blocked, %(flagged)s with a newer upstream version"
        ) % {
            "source": self.source.slug,
            "new": self.new,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
            "blocked": self.blocked,
            "flagged": self.flagged,
        }


def parse_feed(content: bytes, content_type: str = "", url: str = "") -> feedparser.FeedParserDict:
    """Parses RSS 0.9x/1.0/2.0 or Atom bytes. Raises FeedError when there is no feed in them.

    Always a stream: given a string, feedparser fetches URLs itself, and given
    bytes it first tries them as a file name, so a server answering
    "/etc/passwd" would have us read that file.
    """
    headers = {"content-type": content_type or "application/xml"}
    if url:
        headers["content-location"] = url  # to resolve relative links
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, sanitize_html=False)
    parsed["href"] = url
    if not parsed.version and not parsed.entries:
        reason = parsed.get("bozo_exception") or _("no RSS or Atom elements found")
        raise FeedError(_("This is not an RSS or Atom feed (%(reason)s).") % {"reason": reason})
    return parsed


def _unique_slug(title: str) -> str:
    base = slugify(title)[:SLUG_BASE_MAX].strip("-") or "article"
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _find_existing(source: Source, data: EntryData) -> list[Article]:
    """Articles this entry is a version of: same GUID in this source, or same original URL."""
    match = Q(original_url__in=url_variants(data.url))
    if data.guid:
        match |= Q(source=source, feed_guid=data.guid)
    return list(Article.objects.filter(match).order_by("pk"))


def _create(source: Source, data: EntryData, now) -> Article:
    status, publish_at = Article.Status.DRAFT, None
    if source.auto_publish:
        status, publish_at = Article.Status.PUBLISHED, now
    return Article.objects.create(
        source=source,
        title=data.title,
        slug=_unique_slug(data.title),
        summary=data.summary,
        body=data.body,
        original_url=data.url,
        original_authors=data.authors,
        original_published_at=data.published_at or now,
        retrieved_at=now,
        feed_guid=data.guid,
        upstream_checksum=data.checksum,
        status=status,
        publish_at=publish_at,
    )


def _store(source: Source, data: EntryData, now, seen: set[int]) -> str:
    """Creates, updates or leaves alone the article for one entry; returns what it did.

    `seen` holds the articles this run already handled: a feed that lists
    one article twice must not update it twice (and so never settle).
    """
    existing = _find_existing(source, data)
    if any(a.status == Article.Status.REMOVED for a in existing):
        # Whatever spelling of its URL or GUID comes back, a takedown stands.
        return BLOCKED
    if not existing:
        try:
            with transaction.atomic():
                seen.add(_create(source, data, now).pk)
            return NEW
        except IntegrityError:
            # Another import created it (same URL) or took the slug meanwhile.
            existing = _find_existing(source, data)
            if not existing:
                seen.add(_create(source, data, now).pk)
                return NEW
            if any(a.status == Article.Status.REMOVED for a in existing):
                return BLOCKED
    article = existing[0]
    if article.pk in seen:
        return SKIPPED
    seen.add(article.pk)
    if article.upstream_checksum == data.checksum:
        return SKIPPED
    if article.curated_by_id is None and article.status == Article.Status.DRAFT:
        article.title = data.title
        article.summary = data.summary
        article.body = data.body
        article.original_url = data.url
        article.original_authors = data.authors
        article.original_published_at = data.published_at or article.original_published_at
        article.retrieved_at = now
        article.feed_guid = article.feed_guid or data.guid
        article.upstream_checksum = data.checksum
        article.save()
        return UPDATED
    # An editor has taken it over: their version stands; they see there is a newer one.
    article.upstream_changed = True
    article.upstream_checksum = data.checksum
    article.save(update_fields=["upstream_changed", "upstream_checksum", "updated_at"])
    return FLAGGED


def store_entries(
    source: Source, parsed, result: ImportResult, progress: Progress | None = None
) -> ImportResult:
    """Stores every entry it can; one bad entry costs only itself (a savepoint each)."""
    entries = parsed.entries
    base_url = parsed.get("href") or parsed.feed.get("link") or source.homepage
    now = timezone.now()
    total = len(entries)
    seen = set()
    with transaction.atomic():
        # Two imports of one source at once (the schedule and "Fetch feed now")
        # queue here, so the second sees the first's articles instead of
        # racing it to create them.
        Source.objects.select_for_update().filter(pk=source.pk).first()
        for done, entry in enumerate(entries, start=1):
            try:
                data = map_entry(entry, base_url)
                with transaction.atomic():
                    outcome = _store(source, data, now, seen)
            except EntryError as exc:
                result.entry_failed(str(exc))
            except Exception as exc:
                # Anything else wrong with one entry (a database constraint, a
                # bug) must not lose the others: log it, count it, go on.
                logger.exception("Entry %s of %s failed", done, source.slug)
                result.entry_failed(f"{type(exc).__name__}: {exc}"[:300])
            else:
                setattr(result, outcome, getattr(result, outcome) + 1)
            if progress:
                progress(done, total)
    return result


def _record_success(source: Source, result: ImportResult, etag: str, last_modified: str):
    now = timezone.now()
    # A queryset update: fetch bookkeeping is not public, so it must not
    # invalidate the public page caches the way Source.save() does.
    Source.objects.filter(pk=source.pk).update(
        etag=etag,
        last_modified=last_modified,
        last_fetched_at=now,
        last_success_at=now,
        last_error=result.notes(),
        consecutive_failures=0,
    )
    source.refresh_from_db()


def _record_failure(source: Source, message: str):
    Source.objects.filter(pk=source.pk).update(
        last_fetched_at=timezone.now(),
        last_error=message,
        consecutive_failures=F("consecutive_failures") + 1,
    )
    source.refresh_from_db()


def _warning(parsed) -> str:
    if not parsed.get("bozo"):
        return ""
    return _("The feed is not well-formed (%(reason)s); %(count)s entries were read anyway.") % {
        "reason": parsed.get("bozo_exception"),
        "count": len(parsed.entries),
    }


def import_source(
    source: Source, *, url: str = "", content: bytes | None = None, progress: Progress | None = None
) -> ImportResult:
    """Imports a source's feed, or the feed at `url`, or the feed document `content`.

    Only an import of the source's own feed URL uses and keeps its fetch
    state (ETag, Last-Modified, last success or error): a one-off URL or
    file says nothing about that feed's health.
    """
    result = ImportResult(source)
    own_feed = content is None and not url
    try:
        if content is None:
            fetched = fetch(
                url or source.feed_url,
                etag=source.etag if own_feed else "",
                last_modified=source.last_modified if own_feed else "",
            )
            if fetched.not_modified:
                result.not_modified = True
                if own_feed:
                    _record_success(source, result, fetched.etag, fetched.last_modified)
                return result
            parsed = parse_feed(fetched.content, fetched.content_type, fetched.url)
        else:
            parsed = parse_feed(content)
        result.warning = _warning(parsed)
        store_entries(source, parsed, result, progress)
    except (FetchError, FeedError) as exc:
        result.error = str(exc)
    except Exception as exc:
        logger.exception("Import of %s failed", source.slug)
        result.error = f"{type(exc).__name__}: {exc}"[:500]
    if own_feed:
        if result.error:
            _record_failure(source, result.error)
        else:
            _record_success(source, result, fetched.etag, fetched.last_modified)
    return result


def import_due_sources(now=None, progress: Progress | None = None) -> list[ImportResult]:
    """Imports every active source with a feed whose polling interval has passed."""
    return [
        import_source(source, progress=progress) for source in Source.objects.due_for_fetch(now)
    ]
