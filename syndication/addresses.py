"""The site's own address: as the request reached it where there is one, else SITE_URL."""

from django.conf import settings


def base_url(request=None) -> str:
    """Scheme and host as the reader used them (``https://example.org:8443``), no slash.

    A page links to the host it was asked for, so a site served on another
    name or port never sends readers to SITE_URL's. Both caches key pages by
    host, so one host's links are never served to another. Emails and
    management commands have no request: they use SITE_URL.
    """
    if request is None:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"
