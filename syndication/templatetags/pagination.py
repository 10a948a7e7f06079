"""Numbered pagination: the page numbers around the current one, the first and the last."""

from django import template

register = template.Library()


@register.simple_tag
def page_numbers(page_obj):
    """The numbers to link, with the paginator's ellipsis where pages are left out."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2))


@register.simple_tag
def page_query(query, number):
    """The query string of page `number` of a list (of a search, when `query` is set)."""
    from django.utils.http import urlencode

    return "?" + urlencode({"q": query, "page": number} if query else {"page": number})
