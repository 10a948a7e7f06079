"""For the admin index: how many takedown notices wait for Legal, and how many are overdue."""

from django import template

from ..models import Appeal, TakedownRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def takedown_counts(context) -> dict | None:
    """Open and overdue counts, for users who may see takedown requests; None for others."""
    user = context["request"].user
    if not user.has_perm("syndication.view_takedownrequest"):
        return None
    return {
        "open": TakedownRequest.objects.open().count(),
        "overdue": TakedownRequest.objects.overdue().count(),
        # Appeals and counter-notices waiting for another Legal user's decision.
        "appeals": Appeal.objects.pending().count(),
        "appeals_overdue": Appeal.objects.overdue().count(),
    }


@register.simple_tag(takes_context=True)
def repeat_infringers(context) -> dict | None:
    """Sources with strikes under the repeat-infringer policy, for users who may see sources."""
    from django.conf import settings

    from ..strikes import sources_with_strikes

    if not context["request"].user.has_perm("syndication.view_source"):
        return None
    return {
        "sources": list(sources_with_strikes()[:20]),
        "limit": settings.REPEAT_INFRINGER_STRIKES,
        "days": settings.REPEAT_INFRINGER_WINDOW_DAYS,
    }
