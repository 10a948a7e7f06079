"""An entry's lead image, with its credit and alt text where the feed gives them.

In order: Media RSS `media:content` (an image), `media:thumbnail`, an image
`enclosure` (or JSON Feed attachment), JSON Feed's `image`, then the first
`<img>` of the body. Images are shown from the original's address
(hot-linked, never copied), so only https addresses are taken: the
Content-Security-Policy allows images from https: and no plain http.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.utils.text import Truncator

URL_MAX = 1000
TEXT_MAX = 300
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


@dataclass(frozen=True)
class LeadImage:
    url: str
    alt: str = ""
    credit: str = ""


class _FirstImage(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = None

    def handle_starttag(self, tag, attrs):
        if tag == "img" and self.found is None:
            values = dict(attrs)
            if values.get("src"):
                self.found = (values["src"], values.get("alt") or "")


def _first_img(html: str):
    if "<img" not in html.lower():
        return None
    parser = _FirstImage()
    parser.feed(html)
    parser.close()
    return parser.found


def _usable(url: str, base_url: str) -> str:
    """The absolute https address of an image, or "" when it cannot be shown."""
    url = (url or "").strip()
    if not url:
        return ""
    try:
        url = urljoin(base_url, url) if base_url else url
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme != "https" or not parts.hostname or len(url) > URL_MAX:
        return ""
    return url


def _text(value: str) -> str:
    from .entries import html_to_text  # entries imports this module

    return Truncator(html_to_text(value or "")).chars(TEXT_MAX)


def _is_image(media: dict) -> bool:
    medium, kind = media.get("medium", ""), media.get("type", "")
    if medium or kind:
        return medium == "image" or kind.startswith("image/")
    return urlsplit(media.get("url", "")).path.lower().endswith(IMAGE_EXTENSIONS)


def lead_image(entry, raw_body: str, base_url: str = "") -> LeadImage | None:
    """The entry's lead image, or None."""
    credits = entry.get("media_credit") or []
    credit = _text(credits[0].get("content", "")) if credits else ""
    candidates = [
        (m.get("url", ""), "", credit) for m in entry.get("media_content") or [] if _is_image(m)
    ]
    candidates += [(m.get("url", ""), "", credit) for m in entry.get("media_thumbnail") or []]
    candidates += [
        (e.get("href", ""), "", credit)
        for e in entry.get("enclosures") or []
        if (e.get("type") or "").startswith("image/")
    ]
    if entry.get("json_image"):
        candidates.append((entry["json_image"], "", ""))
    first = _first_img(raw_body)
    if first:
        candidates.append((first[0], first[1], ""))
    for url, alt, credit_text in candidates:
        if usable := _usable(url, base_url):
            return LeadImage(url=usable, alt=_text(alt), credit=credit_text)
    return None
