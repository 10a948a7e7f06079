"""The repeat-infringer policy: sources whose articles keep being removed stop being imported.

A strike is an accepted takedown (still standing: accepted, counter-noticed
or in court) that removed an article of the source, counted by its decision
time. At REPEAT_INFRINGER_STRIKES strikes within REPEAT_INFRINGER_WINDOW_DAYS,
the source is made inactive (the importer skips inactive sources) and the
editors are told. An editor may turn it back on after talking to the publisher.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from .models import Source, TakedownRequest


def _window_start(now=None):
    return (now or timezone.now()) - timedelta(days=settings.REPEAT_INFRINGER_WINDOW_DAYS)


def strike_filter(now=None, prefix=""):
    """The Q for a source's strikes, through `prefix` (e.g. "articles__takedown_requests__")."""
    return Q(
        **{
            f"{prefix}status__in": TakedownRequest.REMOVING_STATUSES,
            f"{prefix}decided_at__gte": _window_start(now),
        }
    )


def strikes(source, now=None) -> int:
    """Accepted notices against `source` within the window."""
    return (
        TakedownRequest.objects.filter(strike_filter(now), articles__source=source)
        .distinct()
        .count()
    )


def sources_with_strikes(now=None):
    """Sources with at least one strike in the window, most strikes first."""
    prefix = "articles__takedown_requests__"
    return (
        Source.objects.annotate(
            strike_count=Count(f"{prefix}pk", filter=strike_filter(now, prefix), distinct=True)
        )
        .filter(strike_count__gt=0)
        .order_by("-strike_count", "name")
    )


def editor_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name="Editors", is_active=True)
    return sorted({user.email for user in users if user.email})


def apply_policy(takedown, removed) -> list:
    """After `takedown` removed `removed`: pauses each source that reached the limit.

    Called inside the decision's transaction, so the pause and its log entry
    commit with it. Returns the sources paused now.
    """
    paused = []
    for source in {article.source for article in removed}:
        count = strikes(source)
        if source.is_active and count >= settings.REPEAT_INFRINGER_STRIKES:
            source.is_active = False
            source.save(update_fields=["is_active"])
            paused.append((source, count))
    for source, count in paused:
        takedown.record_source_paused(source, count, editor_emails())
    return [source for source, _count in paused]
