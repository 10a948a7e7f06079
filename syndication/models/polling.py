"""Shared polling state: per-host fetch slots, and the fetches editors asked for in the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedHostSlot(models.Model):
    """One of the FEED_PER_HOST_CONCURRENCY slots of a host; a poll holds one while it fetches.

    In the database, so the limit holds across threads, processes, Celery
    workers and machines alike (syndication/ingest/polling.py).
    """

    host = models.CharField(_("host"), max_length=300)
    slot = models.PositiveSmallIntegerField(_("slot"))
    leased_until = models.DateTimeField(_("held until"))
    token = models.CharField(_("holder"), max_length=40, blank=True)

    class Meta:
        ordering = ["host", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["host", "slot"], name="feed_host_slot_unique"),
        ]
        verbose_name = _("feed host slot")
        verbose_name_plural = _("feed host slots")

    def __str__(self):
        return f"{self.host} #{self.slot}"


class FeedFetch(models.Model):
    """A "Fetch feed now" request from the admin, followed by the editor until it is done."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    source = models.ForeignKey(
        "syndication.Source", on_delete=models.CASCADE, related_name="fetches"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    entries_done = models.PositiveIntegerField(_("entries stored"), default=0)
    entries_total = models.PositiveIntegerField(_("entries in the feed"), default=0)
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feed fetch")
        verbose_name_plural = _("feed fetches")

    def __str__(self):
        return f"{self.source}: {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
