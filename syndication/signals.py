"""Keeps shared caches honest: any change the public could see invalidates them."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .caching import invalidate_public_pages
from .models import Article, Disclaimer, Source
from .models.disclaimers import CACHE_KEY as DISCLAIMER_CACHE_KEY


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Source)
def _content_changed(sender, **kwargs):
    invalidate_public_pages()


@receiver(post_save, sender=Disclaimer)
def _disclaimer_changed(sender, **kwargs):
    cache.delete(DISCLAIMER_CACHE_KEY)
    invalidate_public_pages()
