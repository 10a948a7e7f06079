"""Reason templates, managed by the Legal team for their statements of reasons."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import ReasonTemplate


@admin.register(ReasonTemplate)
class ReasonTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "decision", "ground"]
    list_filter = ["decision"]
    search_fields = ["name", "action", "facts", "ground", "redress"]
    fieldsets = [
        (None, {"fields": ["name", "decision"]}),
        (_("Statement of reasons"), {"fields": ["action", "facts", "ground", "redress"]}),
    ]
