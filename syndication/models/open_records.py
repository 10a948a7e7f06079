"""What each decision sent to the public databases: DSA statements of reasons and Lumen notices.

A row is written with the payload when it is first exported, and keeps the
database's answer, so nothing is sent twice and every refusal is on record.
Rows are never deleted.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kept import TakedownRecordsAreKept, UndeletableQuerySet


class OpenRecordQuerySet(UndeletableQuerySet):
    def pending(self, kind):
        return self.filter(kind=kind, outcome=OpenRecord.Outcome.PENDING)


class OpenRecord(models.Model):
    """One statement or notice for a public database, and how that database answered."""

    class Kind(models.TextChoices):
        DSA_STATEMENT = "dsa", _("DSA Transparency Database statement of reasons")
        LUMEN_NOTICE = "lumen", _("Lumen notice")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    request = models.ForeignKey(
        "syndication.TakedownRequest",
        on_delete=models.PROTECT,
        related_name="open_records",
        verbose_name=_("takedown request"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(
        _("identifier"),
        max_length=100,
        help_text=_("The id the database knows it by (the DSA database's puid)."),
    )
    payload = models.JSONField(_("as sent"), help_text=_("Redacted: no personal data."))
    created_at = models.DateTimeField(_("exported"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=Outcome.choices,
        default=Outcome.PENDING,
        db_index=True,
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    response = models.TextField(_("database's answer"), blank=True)

    objects = OpenRecordQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("open record")
        verbose_name_plural = _("open records")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="open_record_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"

    def delete(self, *args, **kwargs):
        raise TakedownRecordsAreKept(_("Takedown records are never deleted."))

    def answer(self, outcome, response):
        """Records the database's answer (kept whole, up to 5,000 characters)."""
        self.outcome = outcome
        self.response = str(response)[:5000]
        self.answered_at = timezone.now()
        self.save(update_fields=["outcome", "response", "answered_at"])
