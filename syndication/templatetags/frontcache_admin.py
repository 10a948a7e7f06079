"""For the admin index: front-cache purges still failing, which staff must know about."""

from django import template

from ..models import FrontCachePurge

register = template.Library()


@register.simple_tag
def failing_purge_count() -> int:
    return FrontCachePurge.objects.count()
