"""The editors' admin: one ModelAdmin per model, split by domain."""

from django.conf import settings
from django.contrib import admin
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from . import (  # noqa: F401
    articles,
    disclaimers,
    duplicates,
    open_records,
    permissions,
    purges,
    reason_templates,
    sources,
    takedowns,
)

# The admin names the site (read when shown, so a changed setting shows).
_site_name = lazy(lambda: settings.SITE_NAME, str)
admin.site.site_header = _site_name()
admin.site.site_title = _site_name()
admin.site.index_title = _("What is waiting")
