"""Keeps shared caches honest: any change the public could see invalidates them."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .caching import invalidate_public_pages
from .models import Article, Disclaimer, Source
from .models.disclaimers import CACHE_KEY as DISCLAIMER_CACHE_KEY


def _forget_disclaimer():
    cache.delete(DISCLAIMER_CACHE_KEY)


def _invalidate_now_and_after_commit(*steps):
    """Runs `steps` now and again once the transaction commits.

    Now, so that a failing cache fails the change instead of leaving stale
    pages behind it; again after the commit, because a reader served between
    the first run and the commit still saw the old rows and may have cached
    them under the new generation.
    """
    for step in steps:
        step()
        transaction.on_commit(step, robust=True)


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Source)
def _content_changed(sender, **kwargs):
    _invalidate_now_and_after_commit(invalidate_public_pages)


@receiver(post_save, sender=Disclaimer)
def _disclaimer_changed(sender, **kwargs):
    _invalidate_now_and_after_commit(_forget_disclaimer, invalidate_public_pages)
