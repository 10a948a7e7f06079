"""For the admin index: the desk's sections for the signed-in user."""

from django import template

from ..admin import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_sections(context):
    """The desk's sections for the signed-in user (see syndication.admin.dashboard)."""
    return dashboard.sections(context["request"])
