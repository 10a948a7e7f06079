from django.db import models


class TracksPublicFields(models.Model):
    """Remembers the fields readers see as they were loaded, so a save can tell if it changes any.

    Only such a change purges cached pages (syndication/signals.py): an
    import's bookkeeping or an edit of a draft must not empty the caches.
    """

    PUBLIC_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_public_fields()
        return instance

    def remember_public_fields(self) -> None:
        # Deferred fields are not in __dict__; reading them here would load them.
        self._public_as_loaded = {
            name: self.__dict__[name] for name in self.PUBLIC_FIELDS if name in self.__dict__
        }

    def public_as_loaded(self, name, default=None):
        return getattr(self, "_public_as_loaded", {}).get(name, default)

    def public_fields_changed(self) -> bool:
        loaded = getattr(self, "_public_as_loaded", None)
        if loaded is None:
            return True  # not saved before
        return any(
            name in self.__dict__ and (name not in loaded or loaded[name] != self.__dict__[name])
            for name in self.PUBLIC_FIELDS
        )
