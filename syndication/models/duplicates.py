"""Near-duplicate stories found at import (syndication/ingest/duplicates.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleSketch(models.Model):
    """An article's text in brief: its smallest shingle hashes (a bottom-k MinHash sketch)."""

    article = models.OneToOneField(
        "syndication.Article", on_delete=models.CASCADE, related_name="sketch"
    )
    hashes = models.TextField(_("hashes"), help_text=_("Space-separated, ascending."))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("article sketch")
        verbose_name_plural = _("article sketches")

    def __str__(self):
        return str(self.article)

    def values(self) -> list[int]:
        return [int(h) for h in self.hashes.split()]


class SketchKey(models.Model):
    """One of a sketch's smallest hashes, indexed to find similar articles without a full scan."""

    sketch = models.ForeignKey(ArticleSketch, on_delete=models.CASCADE, related_name="keys")
    key = models.BigIntegerField(_("key"), db_index=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("sketch key")
        verbose_name_plural = _("sketch keys")

    def __str__(self):
        return str(self.key)


class NearDuplicate(models.Model):
    """A new article whose text is much like an earlier one's: kept as a draft for an editor."""

    article = models.ForeignKey(
        "syndication.Article",
        on_delete=models.CASCADE,
        related_name="near_duplicates",
        verbose_name=_("later copy"),
        help_text=_("Imported after the original; never published automatically."),
    )
    original = models.ForeignKey(
        "syndication.Article",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("earlier article"),
    )
    similarity = models.FloatField(
        _("similarity"), help_text=_("Estimated share of shared text, from 0 to 1.")
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "original"], name="near_duplicate_once"),
        ]
        verbose_name = _("near-duplicate story")
        verbose_name_plural = _("near-duplicate stories")

    def __str__(self):
        return f"{self.article} ≈ {self.original} ({self.similarity:.0%})"
