"""The small files browsers and feed readers ask for: favicon, web app manifest, feed style."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_cookie

DAY = 24 * 3600


@require_safe
@cache_control(public=True, max_age=DAY)
def favicon(request):
    """Clients that ask for /favicon.ico without reading the page's icon link get the icon."""
    return redirect(static("favicon.svg"), permanent=True)


@require_safe
@vary_on_cookie  # in the reader's language, which the footer's links set by cookie
@cache_control(public=True, max_age=DAY)
def web_manifest(request):
    """The web app manifest: the site's name, colours and icon, for "add to home screen"."""
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME[:12],
        "description": _("Articles republished with attribution to their original publishers."),
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": [
            {"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_safe
@vary_on_cookie  # in the reader's language, which the footer's links set by cookie
@cache_control(public=True, max_age=DAY)
def feed_stylesheet(request):
    """The XSLT stylesheet the feeds name, so a feed opened in a browser reads as a page
    that says what a feed is and how to subscribe."""
    return render(request, "syndication/feeds/feed.xsl", content_type="text/xsl; charset=utf-8")
