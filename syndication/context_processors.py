from django.conf import settings

from .addresses import base_url


def site(request):
    """The site's name, and its address as this request reached it, for every template."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": base_url(request)}
