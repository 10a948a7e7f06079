"""From a parsed feed entry to the fields of an Article: pure functions, no database."""

import hashlib
import html
import re
import unicodedata
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.conf import settings
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from feedparser import urls as feedparser_urls

from .. import urlnorm
from ..sanitize import DROP_WITH_CONTENT, clean_html
from .images import LeadImage, lead_image

TITLE_MAX = 300
AUTHORS_MAX = 300
GUID_MAX = 1000
SUMMARY_MAX = 600
# Checksums taken over the feed's own markup. Before this form they were
# taken over feedparser's rewriting of it (parse_feed() no longer has
# feedparser resolve relative addresses: clean_html() does, in the pass it
# makes anyway); see EntryData.is_earlier_form_of().
CHECKSUM_FORM = "2:"
CHECKSUM_MAX = 64  # Article.upstream_checksum


class EntryError(ValueError):
    """This entry cannot become an article; the message says why."""


@dataclass
class EntryData:
    """What an entry contributes to an Article.

    The body is sanitised only when it is needed: an entry that has not
    changed since the last import is recognised by its checksum, which is
    taken over the feed's own text.
    """

    guid: str
    url: str
    title: str
    summary: str
    raw_body: str
    authors: str
    published_at: datetime | None  # None when the feed gives no date
    image: LeadImage | None = None
    # The body's own address (Atom's xml:base, else the feed's): its relative
    # links and images are made absolute against it when it is sanitised.
    base_url: str = ""
    raw_base: str = ""  # that address as feedparser read it, for is_earlier_form_of()
    licence: object = None  # a licences.Licence the feed declares for it, set by the importer

    @cached_property
    def checksum(self) -> str:
        """Changes whenever the upstream version of the article changes.

        Taken over the feed's markup as written, prefixed with CHECKSUM_FORM:
        see is_earlier_form_of().
        """
        return (CHECKSUM_FORM + self._digest(self.raw_body))[:CHECKSUM_MAX]

    def _digest(self, raw_body: str) -> str:
        date = self.published_at.isoformat() if self.published_at else ""
        parts = [self.url, self.title, self.summary, raw_body, self.authors, date]
        if self.image:  # only then, so entries without one keep the checksums they had
            parts += [self.image.url, self.image.alt, self.image.credit]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def is_earlier_form_of(self, stored: str) -> bool:
        """Whether `stored` is this very entry's checksum as it was taken before CHECKSUM_FORM.

        That form was taken over the body as feedparser rewrote it, resolving
        its relative addresses (through its own HTML parser, which also
        rewrites some markup); bodies it did not touch (JSON Feed, plain
        text) were taken as they are. Both are tried, so an entry that has
        not changed is recognised as such, and one that has is not.
        """
        if not stored or stored.startswith(CHECKSUM_FORM):
            return False
        if stored == self._digest(self.raw_body):
            return True
        rewritten = feedparser_urls.resolve_relative_uris(
            self.raw_body, self.raw_base, "utf-8", "text/html"
        )
        return stored == self._digest(rewritten)

    @cached_property
    def url_variants(self) -> frozenset[str]:
        """urlnorm.url_variants() of the URL: looked up several times per entry by the importer."""
        return frozenset(urlnorm.url_variants(self.url))

    # The body is worked out when first read, or given beforehand (a
    # cached_property may be assigned to) by prepared(), in a process beside
    # the importer's for a big import (parallel.py).

    @cached_property
    def sketch(self) -> list[int] | None:
        """The near-duplicate sketch of the title and body (duplicates.py), or None if too short."""
        return text_sketch(self.title, self.body)

    @cached_property
    def body(self) -> str:
        return stored_body(self.raw_body, self.base_url)


def stored_body(raw_body: str, base_url: str) -> str:
    """An entry's body as stored: sanitised, plain text made a paragraph, no repeated lead."""
    body = clean_html(raw_body, base_url=base_url)
    if body and not body.startswith("<"):
        body = f"<p>{body}</p>"  # a plain-text description
    return remove_duplicated_lead(body)


def text_sketch(title: str, body: str) -> list[int] | None:
    """The near-duplicate sketch of an article's title and stored body."""
    from .duplicates import sketch

    return sketch(f"{title} {clean_html_to_text(body)}")


def prepared(items: list[tuple[str, str]]) -> list[str | None]:
    """stored_body() of each (raw body, base URL): parallel.py's work in a helper process.

    None for an entry that raised: the importer works that one out again,
    and records its error with the entry.
    """
    bodies = []
    for raw_body, base_url in items:
        try:
            bodies.append(stored_body(raw_body, base_url))
        except Exception:
            bodies.append(None)
    return bodies


# --- URLs -----------------------------------------------------------------


def normalise_url(url: str) -> str:
    """urlnorm.normalise_url(), failing as this entry's error."""
    try:
        return urlnorm.normalise_url(url)
    except urlnorm.BadURL as exc:
        raise EntryError(_("The entry's link: %(reason)s") % {"reason": exc}) from exc


# --- text -----------------------------------------------------------------


def truncated(text: str, length: int) -> str:
    """Truncator(text).chars(length), without its character-by-character count when it fits.

    Truncator counts characters one by one in Python; a text (in NFC, as
    Truncator makes it) no longer than `length` is returned by it unchanged.
    """
    text = unicodedata.normalize("NFC", text)
    if len(text) <= length:
        return text
    return Truncator(text).chars(length)


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, leaving out what sanitising drops whole."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_WITH_CONTENT:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in DROP_WITH_CONTENT and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """Plain text of an HTML fragment (scripts and their content dropped), whitespace collapsed.

    The result is stored as text and escaped wherever it is shown, so this
    needs no sanitiser: it only has to read well.
    """
    if "<" not in value and "&" not in value:
        return " ".join(value.split())
    extractor = _TextExtractor()
    extractor.feed(value)
    extractor.close()
    return " ".join(" ".join(extractor.parts).split())


_TAG = re.compile(r"<[^>]*>")


def clean_html_to_text(value: str) -> str:
    """Plain text of clean_html() output, whitespace collapsed: for comparing texts, not showing.

    Sanitised HTML holds nothing whose text must be dropped (no scripts, no
    comments), so removing its tags is enough; a ">" inside an attribute
    value leaves a stray word or two, which a near-duplicate sketch does not
    notice. A tenth of html_to_text()'s time: 0.03 s instead of 0.29 s for
    bench/import_bench.py's 5,000 bodies.
    """
    return " ".join(html.unescape(_TAG.sub(" ", value)).split())


def _detail_text(entry, field: str) -> str:
    value = entry.get(field) or ""
    kind = (entry.get(f"{field}_detail") or {}).get("type", "text/html")
    if "html" in kind:
        return html_to_text(value)
    return " ".join(value.split())


_LEAD_PARAGRAPHS = re.compile(r"\s*<p>(?P<first>.*?)</p>\s*<p>(?P<second>.*?)</p>", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# Below this length a repeated lead is more likely a deliberate kicker ("Update:").
MIN_DUPLICATE_CHARS = 40


def _comparable(text: str) -> str:
    if "<" in text or "&" in text:  # most first paragraphs are plain text
        text = html.unescape(strip_tags(text))
    text = " ".join(text.split()).casefold()
    return text.rstrip(" .…").removesuffix("...").rstrip()


def _may_start_with(html_text: str, comparable: str) -> bool:
    """False only when `_comparable(html_text)` cannot start with `comparable` (not empty).

    Read from the first character alone when it is text (not markup or an
    entity): it is then the first character of the comparable form too. Most
    bodies are settled here without taking the paragraph's tags apart
    (strip_tags): for bench/import_bench.py's 5,000 bodies, 0.08 s became 0.03 s.
    """
    start = html_text.lstrip()[:1]
    if not start or start in "<&":
        return True
    return comparable.startswith(start.casefold())


def remove_duplicated_lead(body: str) -> str:
    """Drops the first sentences of a body when the scraper repeated them.

    Two shapes are common: a first paragraph that the second paragraph
    starts with again (a teaser pasted above the full text), and a first
    paragraph whose opening sentences come twice in a row. `body` must be
    clean_html() output, whose <p> tags carry no attributes.
    """
    match = _LEAD_PARAGRAPHS.match(body)
    if match:
        first = _comparable(match["first"])
        if (
            len(first) >= MIN_DUPLICATE_CHARS
            and _may_start_with(match["second"], first)
            and _comparable(match["second"]).startswith(first)
        ):
            return body[match.start("second") - len("<p>") :].lstrip()
    first_paragraph = re.match(r"\s*<p>(?P<text>[^<]*)</p>", body)
    if first_paragraph:
        sentences = _SENTENCE_END.split(html.unescape(first_paragraph["text"]).strip())
        for k in range(1, len(sentences) // 2 + 1):
            lead = " ".join(sentences[:k])
            if len(lead) >= MIN_DUPLICATE_CHARS and sentences[:k] == sentences[k : 2 * k]:
                kept = " ".join(sentences[:k] + sentences[2 * k :])
                return f"<p>{escape(kept)}</p>" + body[first_paragraph.end() :]
    return body


# --- entries --------------------------------------------------------------


def _published_at(entry) -> datetime | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(field)
        if parsed:
            # feedparser normalises every date to a UTC struct_time.
            return datetime.fromtimestamp(timegm(parsed), tz=UTC)
    return None


def _authors(entry) -> str:
    names = [a.get("name", "").strip() for a in entry.get("authors") or [] if a.get("name")]
    if not names and entry.get("author"):
        names = [entry["author"].strip()]
    text = ", ".join(dict.fromkeys(html_to_text(n) for n in names if n))
    return truncated(text, AUTHORS_MAX)


def _body_html(entry) -> tuple[str, str]:
    """content:encoded / Atom content when present (the longest HTML one), else the summary.

    With the address it was published at, as feedparser read it from the
    document (xml:base, or the feed's address), or "".
    """
    contents = entry.get("content") or []
    htmls = [
        (c.get("value", ""), c.get("base", ""))
        for c in contents
        if "html" in c.get("type", "text/html")
    ]
    texts = [
        (f"<p>{escape(c['value'])}</p>", c.get("base", ""))
        for c in contents
        if "html" not in c.get("type", "") and c.get("value")
    ]
    if candidates := htmls or texts:
        return max(candidates, key=lambda candidate: len(candidate[0]))
    return entry.get("summary") or "", (entry.get("summary_detail") or {}).get("base", "")


def _link(entry, base_url: str) -> str:
    if entry.get("link"):
        # feedparser resolves relative links against xml:base or the
        # document's address; a feed read from a file has neither.
        link = entry["link"]
        if not base_url or link.startswith(("https://", "http://")):
            return link
        try:
            return urljoin(base_url, link)
        except ValueError as exc:  # e.g. a malformed IPv6 host
            raise EntryError(_("The entry's link is not a valid web address.")) from exc
    # An RSS <guid isPermaLink="true"> is the article's address.
    guid = entry.get("id") or ""
    if guid.startswith(("http://", "https://")) and entry.get("guidislink", True):
        return guid
    raise EntryError(_("The entry has no link."))


def map_entry(entry, base_url: str = "") -> EntryData:
    """The Article fields for one feedparser entry. Raises EntryError when it cannot be used.

    `base_url` (the feed's address or its site's) resolves relative entry links.
    """
    url = normalise_url(_link(entry, base_url))
    raw_body, raw_base = _body_html(entry)
    body_base = _joined(base_url, raw_base, url)
    if len(raw_body) > settings.FEED_MAX_ENTRY_CHARS:
        raise EntryError(
            _("The entry is larger than the limit of %(max)s characters.")
            % {"max": f"{settings.FEED_MAX_ENTRY_CHARS:,}"}
        )
    summary_text = _detail_text(entry, "summary") or html_to_text(raw_body)
    title = _detail_text(entry, "title") or Truncator(summary_text).words(12)
    if not title:
        raise EntryError(_("The entry at %(url)s has neither a title nor any text.") % {"url": url})
    return EntryData(
        guid=(entry.get("id") or "").strip()[:GUID_MAX],
        url=url,
        title=truncated(title, TITLE_MAX),
        summary=truncated(summary_text, SUMMARY_MAX),
        raw_body=raw_body,
        authors=_authors(entry),
        published_at=_published_at(entry),
        image=lead_image(entry, raw_body, body_base),
        base_url=body_base,
        raw_base=raw_base,
    )


def _joined(base_url: str, body_base: str, page: str) -> str:
    """The body's own address, made absolute against the feed's where it is relative.

    The article's page when the body's is not a web address (an xml:base
    of file: or ftp:).
    """
    if not body_base:
        return base_url
    try:
        joined = urljoin(base_url, body_base) if base_url else body_base
    except ValueError:
        joined = ""
    return urlnorm.web_address(joined) or page
