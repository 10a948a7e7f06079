"""The outbox for takedown emails: written with the change they announce, sent after commit.

A row stays unsent until delivery succeeds; `manage.py send_takedown_emails`
retries what failed. Rows are never deleted: they record what the claimant
and the Legal team were told, and when.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kept import TakedownRecordsAreKept, UndeletableQuerySet

logger = logging.getLogger(__name__)


class TakedownEmailQuerySet(UndeletableQuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True)

    def send_pending(self) -> tuple[int, int]:
        """Tries every unsent email once; returns (sent, failed)."""
        sent = failed = 0
        for email in self.pending().order_by("created_at", "pk"):
            result = email.send()
            if result:
                sent += 1
            elif result is False:
                failed += 1
        return sent, failed


class TakedownEmail(models.Model):
    """An email about a request, kept until (and after) it is sent: the outbox for retries."""

    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement to the claimant")
        LEGAL_NOTICE = "legal_notice", _("Notice to the Legal team")
        DECISION = "decision", _("Decision to the claimant")
        EDITOR_NOTICE = "editor_notice", _("Removal notice to the curating editor")
        CLAIMANT_UPDATE = "claimant_update", _("Claimant's online update to the Legal team")
        PUBLISHER_NOTICE = "publisher_notice", _("Removal notice to the publisher")
        PUBLISHER_LETTER = "publisher_letter", _("Removal notice to post to the publisher")
        CLAIMANT_RECEIPT = "claimant_receipt", _("Receipt to the claimant")
        APPEAL_STEP = "appeal_step", _("Appeal or counter-notice step")
        SOURCE_PAUSED = "source_paused", _("Source paused, to the editors")

    request = models.ForeignKey(
        "syndication.TakedownRequest",
        on_delete=models.PROTECT,
        related_name="emails",
        verbose_name=_("takedown request"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    recipients = models.TextField(_("recipients"), help_text=_("One address per line."))
    reply_to = models.TextField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        editable=False,
        help_text=_("The language the email is written in, sent as its Content-Language."),
    )
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = TakedownEmailQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("takedown email")
        verbose_name_plural = _("takedown emails")

    def __str__(self):
        return f"{self.request} {self.get_kind_display()}"

    def delete(self, *args, **kwargs):
        raise TakedownRecordsAreKept(_("Takedown records are never deleted."))

    def send(self) -> bool | None:
        """Sends the email: True if sent, False if it failed (logged, kept for retry).

        None when there was nothing to do: already sent, or another sender holds it.

        The row lock (skipping rows another sender holds) keeps two retry runs
        from sending the same email twice.
        """
        with transaction.atomic():
            email = (
                TakedownEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=self.pk, sent_at__isnull=True)
                .first()
            )
            if email is None:
                return None
            email.attempts += 1
            try:
                EmailMessage(
                    subject=email.subject,
                    body=email.body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=email.recipients.split(),
                    reply_to=email.reply_to.split(),
                    headers={"Content-Language": email.language} if email.language else None,
                ).send()
            except Exception as exc:  # noqa: BLE001 - any mail failure is retried later
                logger.warning(
                    "Takedown email %s for %s failed (attempt %d): %r",
                    email.pk,
                    email.request_id,
                    email.attempts,
                    exc,
                )
                email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                email.save(update_fields=["attempts", "last_error"])
                self.attempts, self.last_error = email.attempts, email.last_error
                return False
            email.sent_at = timezone.now()
            email.save(update_fields=["attempts", "sent_at"])
            self.attempts, self.sent_at = email.attempts, email.sent_at
            return True
