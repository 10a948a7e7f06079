"""Purges cached pages after each change readers can see, and only then (see frontcache.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import frontcache
from .models import Article, Disclaimer, Permission, Source


@receiver(post_save, sender=Article)
def _article_saved(sender, instance, **kwargs):
    if instance.changes_public_view():
        frontcache.purge_after_commit(frontcache.article_key(instance), frontcache.LISTS)


@receiver(post_delete, sender=Article)
def _article_deleted(sender, instance, **kwargs):
    # A removed article's 451 notice is cached too.
    if instance.status in (Article.Status.PUBLISHED, Article.Status.REMOVED):
        frontcache.purge_after_commit(frontcache.article_key(instance), frontcache.LISTS)


@receiver(post_save, sender=Source)
def _source_saved(sender, instance, **kwargs):
    if instance.public_fields_changed():
        frontcache.purge_after_commit(frontcache.source_key(instance), frontcache.LISTS)


@receiver(post_delete, sender=Source)
def _source_deleted(sender, instance, **kwargs):
    frontcache.purge_after_commit(frontcache.source_key(instance), frontcache.LISTS)


@receiver(post_save, sender=Disclaimer)
def _disclaimer_saved(sender, instance, **kwargs):
    frontcache.purge_after_commit(frontcache.DISCLAIMER)


@receiver(post_save, sender=Permission)
def _permission_saved(sender, instance, **kwargs):
    # Its name, licence link and scope are on the pages of the articles published under it.
    published = instance.articles.filter(status=Article.Status.PUBLISHED).values_list(
        "pk", flat=True
    )
    keys = [frontcache.article_key(pk) for pk in published]
    if keys:
        frontcache.purge_after_commit(*keys, frontcache.LISTS)
