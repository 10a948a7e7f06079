from django.conf import settings

from .addresses import base_url

# The navigation's sections, by the start of their pages' paths; "/" (Latest)
# also holds the article pages.
SECTIONS = [
    ("/sources/", "sources"),
    ("/search/", "search"),
    ("/takedown/", "report"),
    ("/transparency/", "transparency"),
    ("/articles/", "latest"),
]


def section_of(path: str) -> str:
    """The navigation section a page belongs to, so the header can mark it."""
    if path == "/":
        return "latest"
    return next((name for prefix, name in SECTIONS if path.startswith(prefix)), "")


def site(request):
    """The site's name, its address as this request reached it, and the page's section."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": base_url(request),
        "section": section_of(request.path),
    }
