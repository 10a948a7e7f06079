from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import NearDuplicate


@admin.register(NearDuplicate)
class NearDuplicateAdmin(admin.ModelAdmin):
    """Stories imported again from another source or under a new URL, for an editor to decide."""

    list_display = ["article_link", "article_status", "original_link", "similarity_percent",
                    "created_at"]  # fmt: skip
    list_select_related = ["article__source", "original__source"]
    list_filter = ["article__status", "article__source"]
    search_fields = ["article__title", "original__title"]
    readonly_fields = ["article", "original", "similarity", "created_at"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # found by the importer only

    @admin.display(description=_("later copy"), ordering="article__title")
    def article_link(self, obj):
        return _article_link(obj.article)

    @admin.display(description=_("status"), ordering="article__status")
    def article_status(self, obj):
        return obj.article.get_status_display()

    @admin.display(description=_("earlier article"), ordering="original__title")
    def original_link(self, obj):
        return _article_link(obj.original)

    @admin.display(description=_("similarity"), ordering="similarity")
    def similarity_percent(self, obj):
        return f"{obj.similarity:.0%}"


def _article_link(article):
    url = reverse("admin:syndication_article_change", args=[article.pk])
    return format_html('<a href="{}">{}</a> ({})', url, article.title, article.source.name)
