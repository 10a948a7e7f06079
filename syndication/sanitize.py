"""The single gate for stored HTML: `clean_html()`.

Every HTML body is stored only after passing through here, whether it came
from the admin, a feed import or the shell (`Article.save()` calls it). The
allow-list fits news articles; every other element is unwrapped to its text,
except those whose content is code or page chrome (script, style, iframes,
forms, svg…), which go together with everything inside them.
"""

import hashlib
import threading
from collections import Counter, OrderedDict
from functools import lru_cache, partial
from html.parser import HTMLParser
from urllib.parse import urljoin

import bleach
from bleach.html5lib_shim import Filter

from .urlnorm import web_address

# No <span>: a bare one means nothing, and word processors wrap every run of
# text in one (with their styles, which go), so spans are unwrapped to their
# text. The admin's editor (syndication/editor.py) writes a subset of these.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd",
        "a", "em", "strong", "b", "i", "u", "s", "small", "mark", "sub", "sup",
        "abbr", "cite", "q", "code", "pre", "kbd", "time",
        "blockquote", "figure", "figcaption", "img",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip


# The classes the admin's editor puts on figures and their captions, each
# allowed on its own element only; no other class is kept anywhere.
EDITOR_CLASSES = {"figure": "figure", "figcaption": "figure-caption"}


def _editor_class(tag, name, value):
    return name == "class" and value == EDITOR_CLASSES[tag]


# An ordered list's numbering, as the editor writes it (type, and data-type
# naming the same style in CSS terms, which the editor reads back).
LIST_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman",
              "I": "upper-roman"}  # fmt: skip


def _list_attribute(tag, name, value):
    if name == "type":
        return value in LIST_TYPES
    if name == "data-type":
        return value in LIST_TYPES.values() or value == "disc"
    return name in ("start", "reversed")


ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "figure": _editor_class,
    "figcaption": _editor_class,
    "img": ["src", "alt", "title", "width", "height"],
    "abbr": ["title"],
    "time": ["datetime"],
    "blockquote": ["cite"],
    "q": ["cite"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "ol": _list_attribute,
}

ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset",
        "object", "embed", "applet", "svg", "math", "form", "button", "select",
        "textarea", "title", "meta", "link", "base", "noembed", "noframes", "xmp",
        "plaintext", "head", "xml",  # xml: a word processor's document settings
    }
)  # fmt: skip

LINK_REL = "nofollow noopener"


# Attributes that hold an address. In a body imported from elsewhere, a
# relative one is made absolute against the body's own address: on our pages
# it would otherwise point into this site.
ADDRESS_ATTRIBUTES = frozenset(
    {("a", "href"), ("img", "src"), ("blockquote", "cite"), ("q", "cite")}
)


def _absolute(base_url: str, value: str) -> str | None:
    """`value` made absolute against `base_url`; None for an address that cannot be read.

    The sanitiser has checked the scheme of any address that has one, and
    urljoin() leaves schemes it cannot join (mailto:) alone, so the result is
    one of those or http(s) like the base. An address without a scheme
    (//cdn.example/a.jpg) is taken as https: pages here are served over
    https, and the Content-Security-Policy allows no plain-http image.
    """
    value = value.strip()
    if value.startswith(("https://", "http://")):
        return value  # what urljoin() would give, without its cost for every link
    if value.startswith("//"):
        value = f"https:{value}"
    try:
        return urljoin(base_url, value)
    except ValueError:  # e.g. a malformed IPv6 host
        return None


class _ArticleFilter(Filter):
    """What the allow-list alone does not do, in one pass over the sanitiser's tokens.

    Drops DROP_WITH_CONTENT elements and every token inside them; sets
    rel="nofollow noopener" on every link (we vouch for no one's pages);
    makes relative addresses absolute against `base_url` when one is given.
    """

    def __init__(self, source, base_url: str = ""):
        super().__init__(source)
        self.base_url = base_url

    def __iter__(self):
        depth = 0
        for token in super().__iter__():
            name = token.get("name")
            if name in DROP_WITH_CONTENT:
                if token["type"] == "StartTag":
                    depth += 1
                elif token["type"] == "EndTag":
                    depth = max(depth - 1, 0)
                continue
            if depth:
                continue
            if token["type"] in ("StartTag", "EmptyTag"):
                if name == "a":
                    token["data"] = {**token["data"], (None, "rel"): LINK_REL}
                if self.base_url:
                    self._resolve(name, token)
            yield token

    def _resolve(self, name, token):
        attributes = token["data"]
        for key in [k for k in attributes if (name, k[1]) in ADDRESS_ATTRIBUTES]:
            absolute = _absolute(self.base_url, attributes[key])
            if absolute is None:
                del attributes[key]
            else:
                attributes[key] = absolute


def _make_cleaner(base_url: str = "") -> bleach.Cleaner:
    # The sanitiser lets DROP_WITH_CONTENT through (stripped of attributes)
    # only so that the filter can see where they end and drop them whole.
    return bleach.Cleaner(
        tags=ALLOWED_TAGS | DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(_ArticleFilter, base_url=base_url)],
    )


_per_thread = threading.local()


# Cleaners kept per thread: one for text without an address, and one for
# each of the few addresses whose bodies it cleaned last (an import cleans
# every entry of a feed against the same one or two).
_CLEANERS_PER_THREAD = 8


def _cleaner(base_url: str) -> bleach.Cleaner:
    """This thread's Cleaner for `base_url`, made once per thread.

    A Cleaner's HTML parser keeps state while it works, and bleach says to
    make one per thread: shared by the threads that poll feeds (import_feeds,
    Celery's thread pool) or serve pages (gunicorn --threads), two cleanings
    at once mixed up each other's documents and raised, or let markup
    through in the wrong place.
    """
    cleaners = getattr(_per_thread, "cleaners", None)
    if cleaners is None:
        cleaners = _per_thread.cleaners = OrderedDict()
    cleaner = cleaners.get(base_url)
    if cleaner is None:
        cleaner = cleaners[base_url] = _make_cleaner(base_url)
        while len(cleaners) > _CLEANERS_PER_THREAD:
            cleaners.popitem(last=False)
    cleaners.move_to_end(base_url)
    return cleaner


# Digests of recent outputs. Cleaning is idempotent, so a text equal to an
# earlier output is returned as it is: an imported body is cleaned once by the
# importer and would otherwise be parsed again by Article.save().
_KNOWN_CLEAN_MAX = 2048
_known_clean: OrderedDict[bytes, None] = OrderedDict()
_known_clean_lock = threading.Lock()


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


# An import cleans every body of a feed against the same one or two addresses.
_web_address = lru_cache(maxsize=64)(web_address)


def clean_html(html: str, base_url: str = "") -> str:
    """Returns `html` reduced to the article allow-list; safe to render unescaped.

    `base_url` is the address the HTML was published at (an imported body's
    feed or page): its relative links and images are made absolute against
    it. Only an http(s) address is used; without one they stay as they are.
    """
    if not html:
        return ""
    base_url = _web_address(base_url)
    # Without an address only: an earlier output may hold relative addresses
    # that this call's address would make absolute.
    if not base_url:
        digest = _digest(html)
        with _known_clean_lock:
            if digest in _known_clean:
                return html
    cleaned = _cleaner(base_url).clean(html.replace("\x00", "")).strip()
    with _known_clean_lock:
        _known_clean[_digest(cleaned)] = None
        while len(_known_clean) > _KNOWN_CLEAN_MAX:
            _known_clean.popitem(last=False)
    return cleaned


class _MarkupCounter(HTMLParser):
    """Counts each element and each (element, attribute) pair in a piece of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = Counter()
        self.attributes = Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, _value in attrs:
            self.attributes[(tag, name)] += 1

    handle_startendtag = handle_starttag


def _count(html: str) -> _MarkupCounter:
    counter = _MarkupCounter()
    counter.feed(html)
    counter.close()
    return counter


def removed_markup(html: str) -> list[str]:
    """What `clean_html(html)` takes away: elements and attributes, as "<tag>" and "tag attr".

    For telling an editor what a save removed. Attributes the sanitiser adds
    (a link's rel) do not count, and neither do comments.
    """
    before, after = _count(html or ""), _count(clean_html(html or ""))
    gone_tags = before.tags - after.tags
    gone_attributes = before.attributes - after.attributes
    removed = [f"<{tag}>" for tag in sorted(gone_tags)]
    removed += [
        f"{tag} {name}"
        for tag, name in sorted(gone_attributes)
        if tag not in gone_tags and not (tag == "a" and name == "rel")
    ]
    return removed
