"""One canonical spelling of an article's original URL.

Every original URL is stored in this form, whether it arrives by import or
from an editor, so that "the same article" is a plain equality: that is
what keeps a feed from re-creating an article a takedown removed.
"""

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _

# Query parameters that only say how a reader arrived; they never change the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok",
        "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "rb_clickid", "s_cid",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": 80, "https": 443}
URL_MAX = 1000
# Characters a path or query may keep as they are; everything else (spaces,
# non-ASCII letters of an IRI) is percent-encoded, and existing escapes stay.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


class BadURL(ValueError):
    """Not an absolute http(s) URL we can store; the message says why."""


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """The canonical form: lower-case host, no default port, fragment or tracking
    parameters, sorted query, percent-encoded path. Raises BadURL."""
    shown = url[:200]
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        hostname = parts.hostname
        port = parts.port
    except ValueError as exc:  # bad IPv6 brackets, bad port
        raise BadURL(_("“%(url)s” is not a valid web address.") % {"url": shown}) from exc
    if scheme not in DEFAULT_PORTS or not hostname:
        raise BadURL(_("“%(url)s” is not an http(s) URL.") % {"url": shown})
    host = hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode(
        sorted(
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
        )
    )
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    normalised = urlunsplit((scheme, netloc, path, query, ""))
    if len(normalised) > URL_MAX:
        raise BadURL(_("The address is longer than %(max)s characters.") % {"max": URL_MAX})
    return normalised


def url_variants(url: str) -> set[str]:
    """Spellings of one normalised URL that name the same article: http/https, trailing slash."""
    parts = urlsplit(url)
    paths = {parts.path}
    if parts.path != "/":
        paths.add(parts.path[:-1] if parts.path.endswith("/") else parts.path + "/")
    return {
        urlunsplit((scheme, parts.netloc, path, parts.query, ""))
        for scheme in DEFAULT_PORTS
        for path in paths
    }


def web_address(url: str) -> str:
    """`url` if it is an http(s) address with a host, without credentials; else "".

    What relative links may be made absolute against: nothing else (file:,
    an Atom feed's tag: id) must, and a user name and password would be
    copied into every link made from it.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return ""
    return without_credentials(url)


def without_credentials(url: str) -> str:
    """`url` without a user name and password, which must never reach a page or a log."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))
