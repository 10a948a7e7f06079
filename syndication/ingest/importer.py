"""Storing a source's feed entries as articles: no duplicates, no overwriting an editor's work."""

import io
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import feedparser
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import licences
from ..models import Article, ArticleFingerprint, Permission, Source
from ..models.evidence import fingerprint
from ..urlnorm import web_address, without_credentials
from . import duplicates, fulltext, parallel, schedule
from .entries import EntryData, EntryError, map_entry
from .fetching import FetchError, FetchResult, check_feed_address, fetch
from .jsonfeed import NotAJsonFeed, looks_like_json, parse_json_feed

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

NEW, UPDATED, FLAGGED, SKIPPED, BLOCKED = "new", "updated", "flagged", "skipped", "blocked"
STAGED = "staged"  # new, to be created with the rest of its batch
SLUG_BASE_MAX = 80
MAX_ERRORS_KEPT = 5
# Entries looked up and created together. Each costs six parameters in the
# look-up (four URL spellings, a GUID, a slug), so a batch stays within the
# database's limit: 166 under the 999 Django assumes for SQLite; 500 where
# there is none (PostgreSQL), which took 0.13 s off bench/import_bench.py's
# first import against batches of 150.
BATCH_SIZE = 500
PARAMETERS_PER_ENTRY = 6


def _batch_size() -> int:
    limit = connection.features.max_query_params
    return min(BATCH_SIZE, limit // PARAMETERS_PER_ENTRY) if limit else BATCH_SIZE


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
    # A permanent redirect of the feed: where to, and whether the source
    # followed it (the feed URL before the move), or it only asks an editor.
    moved_to: str = ""
    moved_from: str = ""
    changed_ids: list[int] = field(default_factory=list)  # articles created or updated
    # New articles the source publishes at once, kept as drafts: no permission covers them.
    unpermitted: int = 0
    created_ids: list[int] = field(default_factory=list)
    # For duplicates.settle(): the sketches of new articles' texts, and the
    # new drafts that are published once no earlier copy is found.
    sketches: dict[int, list[int]] = field(default_factory=dict, repr=False)
    held_ids: list[int] = field(default_factory=list)
    full_text_failures: list[str] = field(default_factory=list)

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
        if self.moved_from:
            notes.append(
                _("The feed moved permanently from %(old)s to %(new)s; it is read there now.")
                % {"old": self.moved_from, "new": self.moved_to}
            )
        elif self.moved_to:
            notes.append(
                _(
                    "The feed redirects permanently to %(new)s (another host, plain http or "
                    "credentials); change the feed URL if that is where it lives now."
                )
                % {"new": self.moved_to}
            )
        if self.full_text_failures:
            notes.append(
                _("Full text not fetched for %(count)s articles: %(first)s")
                % {"count": len(self.full_text_failures), "first": self.full_text_failures[0]}
            )
        if self.unpermitted:
            notes.append(
                _(
                    "%(count)s new articles were kept as drafts: no permission in the rights "
                    "ledger covers publishing them."
                )
                % {"count": self.unpermitted}
            )
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
    """Parses RSS 0.9x/1.0/2.0, Atom or JSON Feed bytes. Raises FeedError when there is no feed.

    Always a stream: given a string, feedparser fetches URLs itself, and given
    bytes it first tries them as a file name, so a server answering
    "/etc/passwd" would have us read that file.
    """
    if looks_like_json(content, content_type):
        try:
            parsed = parse_json_feed(content)
        except NotAJsonFeed as exc:
            raise FeedError(_("This is not a JSON Feed: %(reason)s.") % {"reason": exc}) from exc
        parsed["href"] = url
        return parsed
    url = without_credentials(url)  # it becomes the base of the entries' links
    headers = {"content-type": content_type or "application/xml"}
    if url:
        headers["content-location"] = url  # to resolve relative links
    # Neither sanitised nor with its relative addresses resolved by feedparser:
    # each takes a pass of its own over every body, and clean_html() does both
    # in the pass it makes anyway (against the base feedparser records for
    # each body). Resolving them here took a quarter of the parse in
    # bench/import_bench.py.
    parsed = feedparser.parse(
        io.BytesIO(content),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    parsed["href"] = url
    if not parsed.version and not parsed.entries:
        reason = parsed.get("bozo_exception") or _("no RSS or Atom elements found")
        raise FeedError(_("This is not an RSS or Atom feed (%(reason)s).") % {"reason": reason})
    return parsed


class _Known:
    """What the database holds that entries could match or collide with, loaded a batch at a time.

    Looking each entry up on its own cost several queries per entry; a
    batch of entries costs two here (bench/import_bench.py), and its new
    articles are created together (`stage`, then `_flush`). Articles that
    this run creates or handles are added as it goes, so a feed listing one
    article twice settles on its first listing.
    """

    def __init__(self, source: Source):
        self.source = source
        self.by_url: dict[str, Article] = {}
        self.by_guid: dict[str, list[Article]] = {}
        self.slugs: set[str] = set()
        self.slug_bases_looked_up: set[str] = set()
        self.handled: set[int] = set()
        self.changed: list[int] = []  # created or updated by this run, in order
        self.created: list[int] = []
        self.held: list[int] = []  # drafts to publish once duplicates.settle() finds no copy
        self.sketches: dict[int, list[int]] = {}
        self.staged: list[tuple[Article, EntryData]] = []
        self.staged_keys: set[str] = set()
        self.slug_bases: dict[str, str] = {}  # title -> _slug_base(title)

    def load(self, batch: list[EntryData]) -> None:
        urls = set().union(*(d.url_variants for d in batch))
        guids = {d.guid for d in batch if d.guid}
        bases = {self.slug_base(d.title) for d in batch}
        match = Q(original_url__any=urls) | Q(source=self.source, feed_guid__any=guids)
        # One query for both: the articles the entries match, and the slugs
        # their new articles could collide with.
        for article in Article.objects.filter(match | Q(slug__any=bases)).order_by("pk"):
            if article.original_url in urls or (
                article.source_id == self.source.pk and article.feed_guid in guids
            ):
                self.add(article)
            self.slugs.add(article.slug)

    def add(self, article: Article) -> None:
        self.by_url[article.original_url] = article
        if article.feed_guid and article.source_id == self.source.pk:
            same = self.by_guid.setdefault(article.feed_guid, [])
            same[:] = [a for a in same if a.pk != article.pk] + [article]

    def stage(self, article: Article, data: EntryData) -> None:
        self.staged.append((article, data))
        self.staged_keys.update(self._keys(data))

    def is_staged(self, data: EntryData) -> bool:
        return not self.staged_keys.isdisjoint(self._keys(data))

    @staticmethod
    def _keys(data: EntryData) -> set[str]:
        keys = set(data.url_variants)
        if data.guid:
            keys.add(f"guid:{data.guid}")
        return keys

    def matches(self, data: EntryData) -> list[Article]:
        """Articles this entry is a version of: same GUID in this source, or same original URL."""
        found = {a.pk: a for url in data.url_variants if (a := self.by_url.get(url))}
        found.update((a.pk, a) for a in self.by_guid.get(data.guid, []) if data.guid)
        return [found[pk] for pk in sorted(found)]

    def slug_base(self, title: str) -> str:
        base = self.slug_bases.get(title)
        if base is None:
            base = self.slug_bases[title] = _slug_base(title)
        return base

    def unique_slug(self, title: str) -> str:
        slug = base = self.slug_base(title)
        if base in self.slugs:
            if (
                base not in self.slug_bases_looked_up
            ):  # once per base, however many entries share it
                self.slug_bases_looked_up.add(base)
                self.slugs.update(
                    Article.objects.filter(slug__startswith=base).values_list("slug", flat=True)
                )
            n = 2
            while (slug := f"{base}-{n}") in self.slugs:
                n += 1
        self.slugs.add(slug)
        return slug


def _slug_base(title: str) -> str:
    return slugify(title)[:SLUG_BASE_MAX].strip("-") or "article"


def _new_article(source: Source, data: EntryData, now, known: _Known) -> Article:
    """A new article, not saved yet: a draft.

    Where the source publishes imports at once, duplicates.settle() publishes
    it after the import, through the rights ledger's gate (Article.publish),
    once its full text is in and no earlier copy of the story is found.
    """
    return Article(
        source=source,
        title=data.title,
        slug=known.unique_slug(data.title),
        summary=data.summary,
        body=data.body,
        original_url=data.url,
        original_authors=data.authors,
        original_published_at=data.published_at or now,
        retrieved_at=now,
        feed_guid=data.guid,
        upstream_checksum=data.checksum,
        **_image_fields(data),
        status=Article.Status.DRAFT,
        held_for_import=source.auto_publish,
    )


def _record_declared_licence(article: Article, licence: licences.Licence, now) -> Permission:
    """A trusted feed's licence for this entry becomes the article's own permission."""
    return Permission.objects.create(
        source=article.source,
        article=article,
        kind=licence.kind,
        name=licence.name,
        license_url=licence.url,
        license_version=licence.version,
        scope=licence.scope,
        evidence_url=article.original_url,
        note=_("Declared in the source's feed when the entry was imported."),
        valid_from=now,
        declared_in_feed=True,
    )


def _created(source: Source, article: Article, data: EntryData, now, known: _Known) -> None:
    licence = data.licence
    if licence is not None and source.trust_feed_licences and licence.acceptable:
        _record_declared_licence(article, licence, now)
    known.add(article)
    known.handled.add(article.pk)
    known.changed.append(article.pk)
    known.created.append(article.pk)
    if data.sketch is not None:
        known.sketches[article.pk] = data.sketch
    if source.auto_publish:
        known.held.append(article.pk)


def _flush(source: Source, now, known: _Known, result: ImportResult) -> None:
    """Creates a batch's new articles in one statement; one at a time if that collides.

    bulk_create() sends no post_save signal, so what the receivers do for a
    new article is done here: its first evidence fingerprint (as
    syndication/evidence.py takes it on import). New articles are drafts,
    which readers do not see, so no page needs purging.
    """
    staged, known.staged, known.staged_keys = known.staged, [], set()
    if not staged:
        return
    try:
        with transaction.atomic():
            articles = Article.objects.bulk_create([article for article, _ in staged])
            ArticleFingerprint.objects.bulk_create(
                ArticleFingerprint(
                    article_id=article.pk,
                    moment=ArticleFingerprint.Moment.IMPORTED,
                    sha256=fingerprint(article),
                )
                for article in articles
            )
    except IntegrityError:
        # Another import took one of these URLs or slugs since the batch was
        # loaded: each entry on its own, looked up again.
        known.slugs.difference_update(article.slug for article, _ in staged)
        known.slug_bases_looked_up.clear()
        for _article, data in staged:
            known.load([data])
            _store_counted(source, data, now, known, result, stage=False)
        return
    for article, (_staged, data) in zip(articles, staged, strict=True):
        _created(source, article, data, now, known)
    result.new += len(articles)


def _store(source: Source, data: EntryData, now, known: _Known, stage: bool = False) -> str:
    """Creates, updates or leaves alone the article for one entry; returns what it did."""
    existing = known.matches(data)
    if any(a.status == Article.Status.REMOVED for a in existing):
        # Whatever spelling of its URL or GUID comes back, a takedown stands.
        return BLOCKED
    if not existing:
        if known.is_staged(data):
            return SKIPPED  # listed twice in one feed: the first listing counts
        article = _new_article(source, data, now, known)
        if stage:
            known.stage(article, data)
            return STAGED
        article.save()
        _created(source, article, data, now, known)
        return NEW
    article = existing[0]
    if article.pk in known.handled:
        return SKIPPED  # listed twice in one feed: the first listing counts
    known.handled.add(article.pk)
    if article.upstream_checksum == data.checksum:
        return SKIPPED
    if data.is_earlier_form_of(article.upstream_checksum):
        # The same entry, its checksum taken the earlier way: the new form
        # becomes the baseline, and nothing readers or editors see changes.
        Article.objects.filter(pk=article.pk).update(upstream_checksum=data.checksum)
        article.upstream_checksum = data.checksum
        return SKIPPED
    if article.curated_by_id is None and article.status == Article.Status.DRAFT:
        # Look again under a row lock: a takedown or an editor may have acted
        # since the batch was read, and their decision must win.
        current = (
            Article.objects.select_for_update()
            .filter(pk=article.pk)
            .values("status", "curated_by_id")
            .first()
        )
        if current is None:
            return SKIPPED  # deleted meanwhile
        if current["status"] == Article.Status.REMOVED:
            return BLOCKED
        if current["status"] != Article.Status.DRAFT or current["curated_by_id"] is not None:
            return _flag_newer_upstream(article, data)
        article.title = data.title
        article.summary = data.summary
        article.body = data.body
        article.original_url = data.url
        article.original_authors = data.authors
        article.original_published_at = data.published_at or article.original_published_at
        article.retrieved_at = now
        article.feed_guid = article.feed_guid or data.guid
        article.upstream_checksum = data.checksum
        for name, value in _image_fields(data).items():
            setattr(article, name, value)
        # Only the upstream fields: status, publish time and curator are not ours to write.
        article.save(update_fields=[*UPSTREAM_FIELDS, "updated_at"])
        known.add(article)
        known.changed.append(article.pk)
        return UPDATED
    return _flag_newer_upstream(article, data)


UPSTREAM_FIELDS = [
    "title",
    "summary",
    "body",
    "original_url",
    "original_authors",
    "original_published_at",
    "retrieved_at",
    "feed_guid",
    "upstream_checksum",
    "lead_image_url",
    "lead_image_alt",
    "lead_image_credit",
]


def _image_fields(data: EntryData) -> dict:
    image = data.image
    return {
        "lead_image_url": image.url if image else "",
        "lead_image_alt": image.alt if image else "",
        "lead_image_credit": image.credit if image else "",
    }


def _flag_newer_upstream(article: Article, data: EntryData) -> str:
    """An editor has taken the article over: their version stands; they see a newer one exists."""
    article.upstream_changed = True
    article.upstream_checksum = data.checksum
    article.save(update_fields=["upstream_changed", "upstream_checksum", "updated_at"])
    return FLAGGED


def _store_once_more_on_conflict(source, data, now, known) -> str:
    handled, changed = set(known.handled), len(known.changed)
    try:
        with transaction.atomic():
            return _store(source, data, now, known)
    except IntegrityError:
        # Another import (of another source) took this URL or slug since the
        # batch was loaded: look again, and try once more.
        known.handled = handled
        del known.changed[changed:]
        known.load([data])
        with transaction.atomic():
            return _store(source, data, now, known)


def _batched(iterable, size):
    # itertools.batched() arrives with Python 3.12.
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _mapped(entries, base_url, feed=None, licences_wanted=False):
    """(position, EntryData or EntryError) for each entry.

    The licence an entry declares is read only where the source trusts it (_created).
    """
    for done, entry in enumerate(entries, start=1):
        try:
            data = map_entry(entry, base_url)
            if licences_wanted:
                data.licence = licences.declared(entry, feed)
            yield done, data
        except EntryError as exc:
            yield done, exc
        except Exception as exc:
            # Whatever else an odd entry trips over costs only that entry.
            logger.exception("An entry could not be read")
            yield done, EntryError(f"{type(exc).__name__}: {exc}"[:300])


def store_entries(
    source: Source, parsed, result: ImportResult, progress: Progress | None = None
) -> ImportResult:
    """Stores every entry it can; one bad entry costs only itself (a savepoint each)."""
    entries = parsed.entries
    # The first web address of these: feeds fill their link with other things
    # too (an Atom feed's tag: id).
    candidates = (parsed.get("href"), parsed.feed.get("link"), source.homepage)
    base_url = next(filter(None, map(web_address, candidates)), "")
    now = timezone.now()
    total = len(entries)
    known = _Known(source)
    with transaction.atomic():
        # Two imports of one source at once (the schedule and "Fetch feed now")
        # queue here, so the second sees the first's articles instead of
        # racing it to create them. SQLite has no row locks (Django leaves
        # FOR UPDATE out there): its transactions begin IMMEDIATE, holding the
        # write lock already (config/settings.py), so the query would only cost.
        if connection.features.has_select_for_update:
            locked = Source.objects.select_for_update().filter(pk=source.pk).order_by()
            list(locked.values_list("pk"))
        # Each batch is looked up, and its new bodies handed to a helper
        # process (parallel.py), before the batch ahead of it is stored.
        ahead = None
        for batch in _batched(
            _mapped(entries, base_url, parsed.feed, source.trust_feed_licences), _batch_size()
        ):
            readable = [data for _, data in batch if isinstance(data, EntryData)]
            known.load(readable)
            bodies = parallel.prepare([data for data in readable if not known.matches(data)])
            if ahead:
                _store_batch(source, now, known, result, *ahead, progress, total)
            ahead = batch, bodies
        if ahead:
            _store_batch(source, now, known, result, *ahead, progress, total)
    result.changed_ids = known.changed
    result.created_ids = known.created
    result.sketches = known.sketches
    result.held_ids = known.held
    return result


def _store_batch(source, now, known, result, batch, bodies, progress, total) -> None:
    bodies.fill()
    for _position, data in batch:
        if isinstance(data, EntryError):
            result.entry_failed(str(data))
        else:
            _store_counted(source, data, now, known, result)
    _flush(source, now, known, result)
    if progress:
        for done, _data in batch:
            progress(done, total)


def _writes(existing: list[Article], data: EntryData, known: _Known) -> bool:
    """Whether _store() would write to an existing article for this entry."""
    return bool(
        existing
        and not any(a.status == Article.Status.REMOVED for a in existing)
        and existing[0].pk not in known.handled
        and existing[0].upstream_checksum != data.checksum
    )


def _store_counted(source, data, now, known, result, stage: bool = True) -> None:
    try:
        if stage and not _writes(known.matches(data), data, known):
            # Nothing to write now, so no savepoint: an unchanged or blocked
            # entry, or a new one (the batch's are created by _flush()).
            outcome = _store(source, data, now, known, stage=True)
        else:
            outcome = _store_once_more_on_conflict(source, data, now, known)
    except Exception as exc:
        # Anything else wrong with one entry (a database constraint, a bug)
        # must not lose the others: log it, count it, go on.
        logger.exception("An entry of %s failed", source.slug)
        result.entry_failed(f"{type(exc).__name__}: {exc}"[:300])
    else:
        if outcome != STAGED:  # counted when created
            setattr(result, outcome, getattr(result, outcome) + 1)


def _record_success(
    source: Source, result: ImportResult, fetched: FetchResult | None, ending: dict
):
    """Records a working import: its health always; for the own feed, its fetch state too.

    `fetched` is None for a one-off document (--file, --url): it proves the
    source imports, but says nothing of the feed's ETag or schedule.
    `ending` holds more fields to write in the same update (a poll's lease).
    """
    now = timezone.now()
    state = {}
    if fetched is not None:
        state = {
            "etag": fetched.etag,
            "last_modified": fetched.last_modified,
            "last_fetched_at": now,
            "next_fetch_at": schedule.next_fetch_after_success(source, now, fetched.max_age),
        }
        if fetched.moved_to and fetched.moved_to != source.feed_url:
            result.moved_to = without_credentials(fetched.moved_to)
            if _follows_without_an_editor(source.feed_url, fetched.moved_to):
                # As feed readers do: a feed that moved for good is read at its
                # new address, and the old one is kept on the source.
                state.update(
                    feed_url=fetched.moved_to, previous_feed_url=source.feed_url, feed_moved_at=now
                )
                result.moved_from = source.feed_url
                logger.warning(
                    "Feed of %s moved from %s to %s",
                    source.slug,
                    source.feed_url,
                    fetched.moved_to,
                )
    # A queryset update: fetch bookkeeping is not public, so it must not
    # invalidate the public page caches the way Source.save() does.
    recorded = {
        "last_success_at": now,
        "last_error": result.notes(),
        "consecutive_failures": 0,
        "failing_since": None,
        "failure_flagged_at": None,
        **state,
        **ending,
    }
    Source.objects.filter(pk=source.pk).update(**recorded)
    for name, value in recorded.items():  # as stored, without reading the row again
        if name not in ending:  # the lease's, decided in the database (_ending)
            setattr(source, name, value)


def _follows_without_an_editor(old: str, new: str) -> bool:
    """Whether a permanent redirect from `old` to `new` may change a source's feed URL.

    To another host too (a publisher moving its feeds to a CDN or a new
    domain), once the address guard accepts that host as it would on a
    save; not from https to plain http, not with credentials in the
    address, and only if it fits the field. Anything else is reported.
    """
    before, after = urlsplit(old), urlsplit(new)
    if not (
        (before.scheme, after.scheme) != ("https", "http")
        and after.username is None
        and after.password is None
        and len(new) <= Source._meta.get_field("feed_url").max_length
    ):
        return False
    if after.hostname == before.hostname:
        return True
    try:
        check_feed_address(new)
    except FetchError:
        return False
    return True


def _record_failure(
    source: Source, message: str, error: FetchError | None, own_feed: bool, ending: dict
):
    """Records a failed import; for the own feed, when to try again (later after 429/503)."""
    now = timezone.now()
    state = {}
    if own_feed:
        state = {
            "last_fetched_at": now,
            "next_fetch_at": schedule.next_fetch_after_failure(source, now, error),
        }
    Source.objects.filter(pk=source.pk).update(
        last_error=message,
        consecutive_failures=F("consecutive_failures") + 1,
        failing_since=Coalesce(F("failing_since"), Value(now)),
        **state,
        **ending,
    )
    schedule.flag_if_failing_too_long(source, now)
    source.refresh_from_db()


def _ending(lease: str) -> dict:
    """The update that ends the poll lease `lease`, and leaves any other poll's lease alone."""
    mine = Q(poll_lease_token=lease)
    return {
        "poll_lease_until": Case(When(mine, then=None), default=F("poll_lease_until")),
        "poll_lease_token": Case(When(mine, then=Value("")), default=F("poll_lease_token")),
    }


def _warning(parsed) -> str:
    if not parsed.get("bozo"):
        return ""
    return _("The feed is not well-formed (%(reason)s); %(count)s entries were read anyway.") % {
        "reason": parsed.get("bozo_exception"),
        "count": len(parsed.entries),
    }


def import_source(
    source: Source,
    *,
    url: str = "",
    content: bytes | None = None,
    progress: Progress | None = None,
    total_timeout: float | None = None,
    heartbeat: Callable[[], None] | None = None,
    lease: str = "",
) -> ImportResult:
    """Imports a source's feed, or the feed at `url`, or the feed document `content`.

    `heartbeat` is called between the long steps (each full-text page), so
    a poll can keep its lease for as long as the import is working.

    Only an import of the source's own feed URL uses and keeps its fetch
    state (ETag, Last-Modified, next fetch time); every import, a one-off
    URL or file included, records the source's health (last success or
    error), so the admin never shows an old failure after an import worked.

    `lease` (a poll's lease token) ends that lease in the same update that
    records the outcome: a poll's last write to the source, in one statement
    instead of a transaction of its own (polling.poll_source). A lease
    another poll has taken meanwhile is left to it.
    """
    result = ImportResult(source)
    ending = _ending(lease) if lease else {}
    own_feed = content is None and not url
    fetched = fetch_error = None
    try:
        if content is None:
            fetched = fetch(
                url or source.feed_url,
                etag=source.etag if own_feed else "",
                last_modified=source.last_modified if own_feed else "",
                total_timeout=total_timeout,
            )
            result.not_modified = fetched.not_modified
        pages = fulltext.Filled()
        if not result.not_modified:
            if fetched is not None:
                parsed = parse_feed(fetched.content, fetched.content_type, fetched.url)
            else:
                parsed = parse_feed(content)
            result.warning = _warning(parsed)
            store_entries(source, parsed, result, progress)
            # Not needed any more: a big feed's entries (some ten objects each)
            # are let go before the full-text pages and the duplicate check.
            del parsed
            pages = fulltext.fill_new_articles(source, result.changed_ids, heartbeat=heartbeat)
            result.full_text_failures = pages.failures
        # Drafts an earlier import stored but failed to settle (it stopped after
        # storing them) are settled now, sketched from what is stored; by an
        # unchanged feed's poll too, or they would wait for the feed to change.
        created = set(result.created_ids)
        left_over = [
            pk
            for pk in Article.objects.filter(
                source=source,
                held_for_import=True,
                status=Article.Status.DRAFT,
                curated_by__isnull=True,
            ).values_list("pk", flat=True)
            if pk not in created  # not in the query: a NOT IN of every new article's id
        ]
        # After the full text is in, so a story is compared by its whole text.
        result.unpermitted = duplicates.settle(
            source,
            [*result.created_ids, *left_over],
            result.sketches,
            publish_ids={*result.held_ids, *left_over},
            canonicals=pages.canonicals,
            resketch={*pages.filled, *left_over},
        )
    except FetchError as exc:
        result.error, fetch_error = str(exc), exc
    except FeedError as exc:
        result.error = str(exc)
    except Exception as exc:
        logger.exception("Import of %s failed", source.slug)
        result.error = f"{type(exc).__name__}: {exc}"[:500]
    if result.error:
        _record_failure(source, result.error, fetch_error, own_feed, ending)
    else:
        _record_success(source, result, fetched if own_feed else None, ending)
    return result


def import_due_sources(now=None, progress: Progress | None = None) -> list[ImportResult]:
    """Imports every active source whose next fetch time has come, under the polling rules."""
    from .polling import poll_round

    return poll_round(Source.objects.due_for_fetch(now), entry_progress=progress).results
