from django.db import models
from django.utils.translation import gettext_lazy as _


class SeoPolicy(models.TextChoices):
    """How search engines should treat our copy of someone else's article."""

    NOINDEX = "noindex", _("Keep out of search engines (noindex)")
    CANONICAL = "canonical", _("Point search engines to the original (canonical)")
    INDEX = "index", _("Let search engines index our copy")
