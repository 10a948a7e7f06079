"""Evidence: a fingerprint (SHA-256) of what readers were shown of an article, and when.

Taken when an article is imported or saved with a change to its title, body
or original URL, when a notice claims it and when a decision is made, so
Legal can see whether the text changed between the notice and the decision,
and an appeal is judged on what readers saw. Append-only.
"""

import hashlib
import json

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kept import AppendOnlyQuerySet, TakedownRecordsAreKept


def fingerprint(article) -> str:
    """SHA-256 of the article's title, body (as stored, i.e. sanitised) and original URL."""
    shown = {"title": article.title, "body": article.body, "original_url": article.original_url}
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


class ArticleFingerprint(models.Model):
    """One fingerprint of an article at a moment that may matter to a takedown."""

    class Moment(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        SAVED = "saved", _("Saved")
        NOTICE = "notice", _("Claimed by a notice")
        DECISION = "decision", _("Decision made")

    article = models.ForeignKey(
        "syndication.Article",
        on_delete=models.CASCADE,  # only unclaimed articles can go: ClaimedArticle protects
        related_name="fingerprints",
        verbose_name=_("article"),
    )
    request = models.ForeignKey(
        "syndication.TakedownRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fingerprints",
        verbose_name=_("takedown request"),
    )
    moment = models.CharField(_("when"), max_length=10, choices=Moment.choices)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    at = models.DateTimeField(_("at"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("article fingerprint")
        verbose_name_plural = _("article fingerprints")
        indexes = [models.Index(fields=["article", "-at"], name="fingerprint_article_at")]

    def __str__(self):
        return f"{self.article_id} {self.moment} {self.sha256[:12]}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TakedownRecordsAreKept(_("Evidence is never changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TakedownRecordsAreKept(_("Evidence is never deleted."))

    @classmethod
    def take(cls, article, moment, request=None):
        return cls.objects.create(
            article=article, request=request, moment=moment, sha256=fingerprint(article)
        )


def compare(takedown) -> list[dict]:
    """Per claimed article: its fingerprint at the notice, now, and whether the text changed."""
    rows = []
    for article in takedown.articles.all():
        at_notice = (
            ArticleFingerprint.objects.filter(
                article=article, request=takedown, moment=ArticleFingerprint.Moment.NOTICE
            )
            .values_list("sha256", flat=True)
            .first()
        )
        now = fingerprint(article)
        rows.append(
            {"article": article, "at_notice": at_notice, "now": now, "changed": at_notice != now}
        )
    return rows
