"""Fingerprints an article whenever a save changes what readers are shown of it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Article
from .models.evidence import ArticleFingerprint, fingerprint

SHOWN = {"title", "body", "original_url"}


@receiver(post_save, sender=Article)
def _fingerprint_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """One row per new version: saves that leave title, body and URL alone add nothing."""
    if raw or (update_fields is not None and not SHOWN & set(update_fields)):
        return  # fixtures, and transitions (status and times only)
    latest = (
        ArticleFingerprint.objects.filter(article=instance)
        .order_by("-at", "-id")
        .values_list("sha256", flat=True)
        .first()
    )
    if latest == fingerprint(instance):
        return
    imported = created and instance.retrieved_at is not None
    moment = ArticleFingerprint.Moment.IMPORTED if imported else ArticleFingerprint.Moment.SAVED
    ArticleFingerprint.take(instance, moment)
