"""Full text from an article's own page, for sources whose feeds hold only summaries.

Opt-in per source (`fetch_full_text`), and only for articles whose
permission in the rights ledger covers the full text (not an excerpt or the
headline alone). The page is fetched through the same
guarded fetcher as feeds (address guard, timeouts, size cap), its main text
extracted by trafilatura, and the result sanitised by clean_html() like
every body. When anything fails, the feed's text stays and the article
says why (`full_text_error`).

Pages are fetched after the entries are stored, outside their transaction,
so no database lock waits on a slow publisher.
"""

import contextlib
import logging
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import trafilatura
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, Permission, Scope, Source
from ..models.permissions import best_of
from ..sanitize import clean_html
from ..urlnorm import BadURL, normalise_url
from .entries import html_to_text
from .fetching import FetchError, fetch

logger = logging.getLogger(__name__)

ERROR_MAX = Article._meta.get_field("full_text_error").max_length


def wanted(source: Source) -> bool:
    """Whether the source's articles get their page fetched (each also needs a permission
    for the full text, checked per article in fill_new_articles)."""
    return source.fetch_full_text


def extract(page: bytes, url: str) -> str:
    """The page's main text as sanitised HTML; raises ValueError saying why when there is none."""
    try:
        extracted = trafilatura.extract(
            page, url=url, output_format="html", include_links=True, favor_precision=True
        )
    except Exception as exc:  # the extractor's own failure on an odd page
        raise ValueError(_("the extractor failed (%(error)s)") % {"error": exc}) from exc
    if not extracted:
        raise ValueError(_("no main text was found on the page"))
    body = clean_html(extracted, base_url=url).strip()
    if len(html_to_text(body)) < settings.FEED_FULL_TEXT_MIN_CHARS:
        raise ValueError(_("the page's main text is too short to be the article"))
    return body


class _CanonicalLink(HTMLParser):
    """Finds the first <link rel="canonical" href="…"> of a page's head."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.href = ""

    def handle_starttag(self, tag, attrs):
        if tag == "link" and not self.href:
            values = dict(attrs)
            if "canonical" in (values.get("rel") or "").lower().split():
                self.href = (values.get("href") or "").strip()

    def handle_endtag(self, tag):
        if tag == "head":
            self.reset()  # the body's links are not the page's own


def canonical_url(page: bytes, url: str) -> str:
    """The page's own `rel=canonical` address, resolved and normalised; "" when it has none."""
    parser = _CanonicalLink()
    with contextlib.suppress(AssertionError):  # HTMLParser's reaction to some broken markup
        parser.feed(page.decode("utf-8", "replace"))
    if not parser.href:
        return ""
    try:
        return normalise_url(urljoin(url, parser.href))
    except (BadURL, ValueError):
        return ""


@dataclass
class Filled:
    """What fetching articles' pages gave: why some failed, their own canonical addresses."""

    failures: list[str] = field(default_factory=list)
    canonicals: dict[int, str] = field(default_factory=dict)  # article id -> rel=canonical
    filled: list[int] = field(default_factory=list)  # articles whose body is now the page's


def fill(article: Article) -> tuple[str, str]:
    """Puts its page's main text in an article's body: ("" or why not, the page's canonical)."""
    canonical = ""
    try:
        fetched = fetch(article.original_url, total_timeout=settings.FEED_FULL_TEXT_TIMEOUT)
        canonical = canonical_url(fetched.content, fetched.url)
        body = extract(fetched.content, fetched.url)
    except (FetchError, ValueError) as exc:
        reason = str(exc)
    else:
        if len(html_to_text(body)) <= len(html_to_text(article.body)):
            reason = _("the page's main text is no longer than the feed's")
        else:
            article.body, article.full_text_error = body, ""
            # save(): a published article's pages are purged like any change readers see.
            article.save(update_fields=["body", "full_text_error", "updated_at"])
            return "", canonical
    reason = (_("Full text not fetched: %(reason)s") % {"reason": reason})[:ERROR_MAX]
    Article.objects.filter(pk=article.pk).update(full_text_error=reason)
    return reason, canonical


def fill_new_articles(source: Source, article_ids: list[int], heartbeat=None) -> Filled:
    """Fills the articles an import created or updated, at most FEED_FULL_TEXT_MAX_PAGES of them.

    Only articles no editor has taken over, so an editor's text is never
    replaced. `heartbeat` is called before each page, so the poll that runs
    this keeps its source (polling.py) however many slow pages there are.
    """
    done = Filled()
    if not wanted(source) or not article_ids:
        return done
    articles = Article.objects.filter(pk__in=article_ids, curated_by__isnull=True).exclude(
        status=Article.Status.REMOVED
    )
    now = timezone.now()
    permissions = list(Permission.objects.filter(source=source).valid_at(now))
    for article in articles.order_by("pk")[: settings.FEED_FULL_TEXT_MAX_PAGES]:
        permission = best_of(permissions, article, now)
        if permission is None or permission.scope != Scope.FULL:
            # Nothing to fetch that readers could be shown; not a failure of the feed.
            reason = _("Full text not fetched: no permission in the rights ledger covers it.")
            Article.objects.filter(pk=article.pk).update(full_text_error=reason[:ERROR_MAX])
            continue
        if heartbeat:
            heartbeat()
        reason, canonical = fill(article)
        if canonical and canonical != article.original_url:
            done.canonicals[article.pk] = canonical
        if reason:
            logger.info("%s: %s", article.original_url, reason)
            done.failures.append(f"{article.original_url}: {reason}")
        else:
            done.filled.append(article.pk)
    return done
