from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Source


class ArticleSitemap(Sitemap):
    """Only articles whose SEO policy lets search engines index our copy."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.published().indexable().only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class SourceSitemap(Sitemap):
    """Every source's page."""

    changefreq = "daily"

    def items(self):
        return Source.objects.only("slug", "updated_at")

    def lastmod(self, source):
        return source.updated_at


class PageSitemap(Sitemap):
    """The home page and the list of sources."""

    changefreq = "hourly"

    def items(self):
        return ["syndication:home", "syndication:source_list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "sources": SourceSitemap, "articles": ArticleSitemap}
