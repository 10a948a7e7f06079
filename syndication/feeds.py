"""RSS 2.0 and Atom 1.0 feeds of the latest published articles, site-wide and per source.

Every item carries the full attribution and the current disclaimer, like the
article page: a feed reader is another public rendering of the article. It
also carries the permission it is republished under: RSS items as
`creativeCommons:license` (the licence's address) and `dc:rights` (its name),
Atom entries as `<link rel="license">` (RFC 4946) and `<rights>`.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from . import frontcache
from .models import Article, Disclaimer, Source

FEED_ITEMS = 30
# Feeds go out as application/xml: browsers show application/rss+xml and
# application/atom+xml as source text and never apply the stylesheet, while
# every feed reader reads application/xml as well.
FEED_CONTENT_TYPE = "application/xml; charset=utf-8"
CREATIVE_COMMONS_NS = "http://backend.userland.com/creativeCommonsRssModule"
DUBLIN_CORE_NS = "http://purl.org/dc/elements/1.1/"


class LicensedRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose items name their licence, which a browser applies the stylesheet to."""

    content_type = FEED_CONTENT_TYPE

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:creativeCommons": CREATIVE_COMMONS_NS,
            "xmlns:dc": DUBLIN_CORE_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("license_url"):
            handler.addQuickElement("creativeCommons:license", item["license_url"])
        if item.get("rights"):
            handler.addQuickElement("dc:rights", item["rights"])


class LicensedAtomFeed(Atom1Feed):
    """Atom 1.0 whose entries link to their licence (RFC 4946; `<rights>` comes from Django),
    with the feed's stylesheets as Django's RSS feed writes them (its Atom feed writes none):
    the processing instructions go before the first element."""

    content_type = FEED_CONTENT_TYPE

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_stylesheets(self, handler):
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("license_url"):
            handler.addQuickElement("link", "", {"rel": "license", "href": item["license_url"]})


class LatestArticlesFeed(Feed):
    """The latest published articles as RSS 2.0 (`/feeds/rss/`)."""

    feed_type = LicensedRssFeed
    description_template = "syndication/feeds/item_description.html"
    link = "/"
    # Opened in a browser, the feed reads as a page that explains how to subscribe.
    stylesheets = ["/feeds/style.xsl"]

    def title(self):
        return _("%(site)s: latest articles") % {"site": settings.SITE_NAME}

    def description(self):
        return _("Articles republished with attribution to their original publishers.")

    def items(self):
        return Article.objects.published().select_related("source", "permission")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return item.original_authors or item.source.name

    def item_author_link(self, item):
        return item.source.homepage

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.source.name]

    def item_copyright(self, item):
        return item.effective_license or None

    def item_extra_kwargs(self, item):
        return {"license_url": item.effective_license_url, "rights": item.effective_license}

    def __call__(self, request, *args, **kwargs):
        # Read once per feed, not once per item.
        request.disclaimer = Disclaimer.current_text()
        frontcache.add_keys(request, frontcache.LISTS, frontcache.DISCLAIMER)
        return super().__call__(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request, article = kwargs["request"], kwargs["item"]
        frontcache.add_article_keys(request, [article])
        context.update(article=article, disclaimer=request.disclaimer)
        return context


class LatestArticlesAtomFeed(LatestArticlesFeed):
    """The same articles as Atom 1.0 (`/feeds/atom/`)."""

    feed_type = LicensedAtomFeed
    subtitle = LatestArticlesFeed.description


class SourceArticlesFeed(LatestArticlesFeed):
    """One source's latest published articles as RSS 2.0."""

    def get_object(self, request, slug):
        return get_object_or_404(Source, slug=slug)

    def title(self, obj):
        return _("%(site)s: articles from %(source)s") % {
            "site": settings.SITE_NAME,
            "source": obj.name,
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("Articles from %(source)s, republished with attribution.") % {"source": obj.name}

    def items(self, obj):
        return (
            Article.objects.published()
            .filter(source=obj)
            .select_related("source", "permission")[:FEED_ITEMS]
        )


class SourceArticlesAtomFeed(SourceArticlesFeed):
    """One source's latest published articles as Atom 1.0."""

    feed_type = LicensedAtomFeed
    subtitle = SourceArticlesFeed.description
