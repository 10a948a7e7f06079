"""Times as editors enter and read them: in the site's time zone, with the zone named."""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def time_zone_note() -> str:
    """Names the time zone that entered times are read in (settings.TIME_ZONE)."""
    return _("Times are in the %(zone)s time zone.") % {"zone": settings.TIME_ZONE}


def local_time(value) -> str:
    """A time in the site's time zone, with the zone named."""
    return _("%(time)s (%(zone)s)") % {
        "time": date_format(timezone.localtime(value), "DATETIME_FORMAT"),
        "zone": settings.TIME_ZONE,
    }
