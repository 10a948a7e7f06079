"""Answers for crawlers: robots.txt and the sitemap."""

from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from .. import frontcache
from ..addresses import base_url
from ..pagecache import public_page
from ..sitemaps import SITEMAPS


@require_safe
@public_page
def sitemap_xml(request):
    """Django's sitemap of the indexable articles, sources and lists."""
    frontcache.add_keys(request, frontcache.LISTS)
    return sitemap(request, sitemaps=SITEMAPS)


@require_safe
@public_page
def robots_txt(request):
    """Crawlers may read the articles but not the admin, the forms or endless search pages."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /takedown/",
        "",
        f"Sitemap: {base_url(request)}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
