"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read into feedparser's shape.

feedparser reads RSS and Atom only. A JSON Feed becomes the same kind of
FeedParserDict (its public result type), so entries.map_entry() and the
rest of the importer treat all three formats alike.
"""

import json
from datetime import UTC, datetime

import feedparser
from django.utils.translation import gettext as _

JSON_TYPES = ("application/feed+json", "application/json")
VERSION_PREFIX = "https://jsonfeed.org/version/"


class NotAJsonFeed(ValueError):
    """The document is JSON (or says it is) but not a JSON Feed; the message says why."""


def looks_like_json(content: bytes, content_type: str = "") -> bool:
    """Whether to read the document as JSON: its type says so, or it starts with "{" or "["."""
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind in JSON_TYPES or content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _time(value):
    """An RFC 3339 date as a UTC struct_time, as feedparser gives; None when absent or bad."""
    text = _text(value)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).timetuple()


def _authors(item: dict, feed: dict) -> list[dict]:
    # 1.1 has "authors"; 1.0 had one "author"; an item without its own takes the feed's.
    for holder in (item, feed):
        authors = holder.get("authors")
        if not isinstance(authors, list):
            single = holder.get("author")
            authors = [single] if isinstance(single, dict) else []
        names = [
            {"name": _text(a.get("name"))}
            for a in authors
            if isinstance(a, dict) and _text(a.get("name"))
        ]
        if names:
            return names
    return []


def _entry(item: dict, feed: dict) -> feedparser.FeedParserDict:
    entry = feedparser.FeedParserDict()
    item_id = item.get("id")
    entry["id"] = str(item_id).strip() if isinstance(item_id, str | int) else ""
    link = _text(item.get("url")) or _text(item.get("external_url"))
    if link:
        entry["link"] = link
    elif entry["id"].startswith(("http://", "https://")):
        entry["link"] = entry["id"]
    if _text(item.get("title")):
        entry["title"] = _text(item["title"])
        entry["title_detail"] = {"type": "text/plain"}
    if _text(item.get("summary")):
        entry["summary"] = _text(item["summary"])
        entry["summary_detail"] = {"type": "text/plain"}
    contents = []
    if isinstance(item.get("content_html"), str) and item["content_html"].strip():
        # Its relative links are the item page's, as a browser there reads them.
        page = _text(item.get("url"))
        contents.append({"type": "text/html", "value": item["content_html"], "base": page})
    elif isinstance(item.get("content_text"), str) and item["content_text"].strip():
        contents.append({"type": "text/plain", "value": item["content_text"]})
    if contents:
        entry["content"] = contents
    entry["authors"] = _authors(item, feed)
    for field, key in (("date_published", "published_parsed"), ("date_modified", "updated_parsed")):
        parsed = _time(item.get(field))
        if parsed:
            entry[key] = parsed
    # Kept for the lead image (images.py): the item's own image, then its attachments.
    if _text(item.get("image")):
        entry["json_image"] = _text(item["image"])
    attachments = item.get("attachments")
    if isinstance(attachments, list):
        entry["enclosures"] = [
            {
                "href": _text(a.get("url")),
                "type": _text(a.get("mime_type")),
                "title": _text(a.get("title")),
            }
            for a in attachments
            if isinstance(a, dict) and _text(a.get("url"))
        ]
    return entry


def parse_json_feed(content: bytes) -> feedparser.FeedParserDict:
    """Reads a JSON Feed document; raises NotAJsonFeed when it is not one."""
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotAJsonFeed(_("it is not valid JSON (%(error)s)") % {"error": exc}) from exc
    if not isinstance(document, dict) or not _text(document.get("version")).startswith(
        VERSION_PREFIX
    ):
        raise NotAJsonFeed(_("it has no JSON Feed version"))
    items = document.get("items")
    if not isinstance(items, list):
        raise NotAJsonFeed(_("it has no list of items"))
    parsed = feedparser.FeedParserDict()
    parsed["version"] = "json" + document["version"].removeprefix(VERSION_PREFIX)
    parsed["bozo"] = False
    parsed["feed"] = feedparser.FeedParserDict(
        title=_text(document.get("title")), link=_text(document.get("home_page_url"))
    )
    parsed["entries"] = [_entry(item, document) for item in items if isinstance(item, dict)]
    return parsed
