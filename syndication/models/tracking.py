from django.db import models


class TracksPublicFields(models.Model):
    """Knows, when saved, whether any field readers see changed.

    Only such a change purges cached pages (syndication/signals.py): an
    import's bookkeeping or an edit of a draft must not empty the caches.
    The fields are compared with the row as stored just before the save, not
    as this instance once loaded it: another editor, a transition on an
    instance loaded earlier, or a `refresh_from_db()` would make a snapshot
    wrong, and a missed purge leaves an old page public. It costs one query
    per save; saves are rare next to page views.
    """

    PUBLIC_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.public_before_save = self._stored_public_fields()
        super().save(*args, **kwargs)

    def _stored_public_fields(self) -> dict | None:
        if self.pk is None or self._state.adding:
            return None
        stored = type(self)._base_manager.using(self._state.db or "default")
        return stored.filter(pk=self.pk).values(*self.PUBLIC_FIELDS).first()

    def public_fields_changed(self) -> bool:
        """Whether the last save changed a field readers see (a new row always does)."""
        before = getattr(self, "public_before_save", None)
        if before is None:
            return True
        deferred = self.get_deferred_fields()
        return any(
            before[name] != getattr(self, name)
            for name in self.PUBLIC_FIELDS
            if name not in deferred
        )
