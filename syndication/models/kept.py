"""Takedown records are kept for good: nothing deletes them, and the log is never rewritten."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TakedownRecordsAreKept(Exception):
    """Raised on any attempt to delete or rewrite a takedown record."""


class UndeletableQuerySet(models.QuerySet):
    def delete(self):
        raise TakedownRecordsAreKept(_("Takedown records are never deleted."))


class AppendOnlyQuerySet(UndeletableQuerySet):
    def update(self, **kwargs):
        raise TakedownRecordsAreKept(_("Takedown events are never changed."))
