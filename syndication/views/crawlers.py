"""Answers for crawlers: robots.txt (the sitemap is Django's own view)."""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from .public import public_page


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
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
