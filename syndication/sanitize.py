"""The single gate for stored HTML: `clean_html()`.

Every HTML body is stored only after passing through here, whether it came
from the admin, a feed import or the shell (`Article.save()` calls it). The
allow-list fits news articles; every other element is unwrapped to its text,
except those whose content is code or page chrome (script, style, iframes,
forms, svg…), which go together with everything inside them.
"""

import hashlib
import threading
from collections import OrderedDict

import bleach
from bleach.html5lib_shim import Filter

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd",
        "a", "em", "strong", "b", "i", "u", "s", "small", "mark", "sub", "sup",
        "abbr", "cite", "q", "code", "pre", "kbd", "time", "span",
        "blockquote", "figure", "figcaption", "img",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "img": ["src", "alt", "title", "width", "height"],
    "abbr": ["title"],
    "time": ["datetime"],
    "blockquote": ["cite"],
    "q": ["cite"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "ol": ["start", "reversed"],
}

ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset",
        "object", "embed", "applet", "svg", "math", "form", "button", "select",
        "textarea", "title", "meta", "link", "base", "noembed", "noframes", "xmp",
        "plaintext", "head",
    }
)  # fmt: skip

LINK_REL = "nofollow noopener"


class _DropWithContentFilter(Filter):
    """Drops DROP_WITH_CONTENT elements and every token inside them."""

    def __iter__(self):
        depth = 0
        for token in super().__iter__():
            name = token.get("name")
            kind = token["type"]
            if name in DROP_WITH_CONTENT:
                if kind == "StartTag":
                    depth += 1
                elif kind == "EndTag":
                    depth = max(depth - 1, 0)
                continue
            if depth == 0:
                yield token


class _LinkRelFilter(Filter):
    """Sets rel="nofollow noopener" on every link: we vouch for no one's pages."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                token["data"] = {**token["data"], (None, "rel"): LINK_REL}
            yield token


def _make_cleaner() -> bleach.Cleaner:
    # The sanitiser lets DROP_WITH_CONTENT through (stripped of attributes)
    # only so that the next filter can see where they end and drop them whole.
    return bleach.Cleaner(
        tags=ALLOWED_TAGS | DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_DropWithContentFilter, _LinkRelFilter],
    )


_per_thread = threading.local()


def _cleaner() -> bleach.Cleaner:
    """This thread's Cleaner, made once per thread.

    A Cleaner's HTML parser keeps state while it works, and bleach says to
    make one per thread: shared by the threads that poll feeds (import_feeds,
    Celery's thread pool) or serve pages (gunicorn --threads), two cleanings
    at once mixed up each other's documents and raised, or let markup
    through in the wrong place.
    """
    cleaner = getattr(_per_thread, "cleaner", None)
    if cleaner is None:
        cleaner = _per_thread.cleaner = _make_cleaner()
    return cleaner


# Digests of recent outputs. Cleaning is idempotent, so a text equal to an
# earlier output is returned as it is: an imported body is cleaned once by the
# importer and would otherwise be parsed again by Article.save().
_KNOWN_CLEAN_MAX = 2048
_known_clean: OrderedDict[bytes, None] = OrderedDict()
_known_clean_lock = threading.Lock()


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def clean_html(html: str) -> str:
    """Returns `html` reduced to the article allow-list; safe to render unescaped."""
    if not html:
        return ""
    digest = _digest(html)
    with _known_clean_lock:
        if digest in _known_clean:
            return html
    cleaned = _cleaner().clean(html.replace("\x00", "")).strip()
    with _known_clean_lock:
        _known_clean[_digest(cleaned)] = None
        while len(_known_clean) > _KNOWN_CLEAN_MAX:
            _known_clean.popitem(last=False)
    return cleaned
