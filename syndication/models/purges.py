import logging

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class FrontCachePurgeQuerySet(models.QuerySet):
    def retry(self) -> tuple[int, int]:
        """Sends each purge again; the ones that go through are deleted. Returns (done, failing)."""
        from ..frontcache import backend_named, send_purge

        done = failing = 0
        for purge in self.order_by("pk"):
            backend = backend_named(purge.cache_url)
            if backend is None:
                # Taken out of FRONT_CACHES: nothing there is served to readers any more.
                logger.warning("Dropped a purge for %s, no longer configured", purge.cache_url)
                purge.delete()
                continue
            if send_purge(backend, purge.keys.split(), record_failure=False):
                purge.delete()
                done += 1
            else:
                FrontCachePurge.objects.filter(pk=purge.pk).update(
                    attempts=models.F("attempts") + 1, last_tried_at=timezone.now()
                )
                failing += 1
        return done, failing


class FrontCachePurge(models.Model):
    """A purge a front cache did not accept: until it does, readers may see an old page there.

    Kept until a retry (`manage.py retry_purges`, or the admin action) goes
    through; a change is never left unpurged silently.
    """

    cache_url = models.CharField(
        _("cache"), max_length=500, help_text=_("A front cache's address, or “page cache”.")
    )
    keys = models.TextField(_("keys"), help_text=_("What the purge removes, space-separated."))
    last_error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    created_at = models.DateTimeField(_("first failed"), auto_now_add=True)
    last_tried_at = models.DateTimeField(_("last tried"), default=timezone.now)

    objects = FrontCachePurgeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("front-cache purge waiting")
        verbose_name_plural = _("front-cache purges waiting")

    def __str__(self):
        return f"{self.cache_url}: {self.keys}"
