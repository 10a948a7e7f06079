from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "is_active",
        "seo_policy",
        "article_count",
        "last_success_at",
        "consecutive_failures",
    ]
    list_filter = ["is_active", "seo_policy", "auto_publish"]
    search_fields = ["name", "slug", "homepage", "feed_url"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = [
        "etag",
        "last_modified",
        "last_fetched_at",
        "last_success_at",
        "last_error",
        "consecutive_failures",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "homepage", "is_active"]}),
        (_("Rights and attribution"), {
            "fields": ["rights_contact", "default_license", "license_url", "extra_disclaimer",
                       "seo_policy"],
        }),
        (_("Feed import"), {"fields": ["feed_url", "auto_publish", "poll_interval"]}),
        (_("Import state"), {
            "classes": ["collapse"],
            "fields": ["last_fetched_at", "last_success_at", "consecutive_failures",
                       "last_error", "etag", "last_modified", "created_at", "updated_at"],
        }),
    ]  # fmt: skip

    def get_queryset(self, request):
        # A GROUP BY query drops Meta.ordering; restore it for stable pages.
        qs = super().get_queryset(request).annotate(_article_count=Count("articles"))
        return qs.order_by("name")

    @admin.display(description=_("articles"), ordering="_article_count")
    def article_count(self, obj):
        return obj._article_count
