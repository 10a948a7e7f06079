"""Rate-limit counters, one row per client, scope and fixed time window.

They live in the database, not in the cache: the database is shared by every
worker and machine like Redis is, but it is also the thing a rate-limited
request writes to, so when it is down there is nothing to protect, and when
it is up the limit holds. Each window is its own row, keyed by its number,
so a counter can never outlive its window the way a cache key whose
time-to-live was lost can.
"""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """How many counted requests one client made in one scope during one window."""

    key = models.CharField(
        _("key"),
        max_length=150,
        unique=True,
        help_text=_("Scope, hashed client and window number: “takedown:<client>:<window>”."),
    )
    hits = models.PositiveIntegerField(_("hits"), default=0)
    ends_at = models.DateTimeField(
        _("window ends"),
        db_index=True,
        help_text=_("After this time the counter no longer counts and may be deleted."),
    )

    class Meta:
        ordering = ["ends_at", "key"]
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self):
        return f"{self.key}: {self.hits}"

    @classmethod
    def hit(cls, key: str, ends_at, now) -> int:
        """Counts one request against `key`'s window and returns the window's count so far.

        The increment is one UPDATE with F(), so simultaneous requests never
        lose a count; it row-locks the counter until the transaction ends,
        so the count read back right after it is this request's own.
        get_or_create survives two requests creating the same window at once
        (the loser reads the winner's row). The first request of a window
        also deletes counters whose windows are over, which keeps the table
        to about one row per active client.
        """
        with transaction.atomic():
            counter, created = cls.objects.get_or_create(key=key, defaults={"ends_at": ends_at})
            if created:
                cls._delete_ended(now)
            cls.objects.filter(pk=counter.pk).update(hits=F("hits") + 1)
            return cls.objects.values_list("hits", flat=True).get(pk=counter.pk)

    @classmethod
    def _delete_ended(cls, now, batch=500):
        """Deletes up to `batch` counters of ended windows, none that another request holds.

        Cheap through the index on ends_at, and it never waits: two requests
        deleting the same rows at once would wait for each other (or
        deadlock, when they lock them in different orders), so each skips
        the rows another has locked and leaves them to it.
        """
        ended = (
            cls.objects.filter(ends_at__lte=now)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:batch]
        )
        cls.objects.filter(pk__in=list(ended)).delete()
