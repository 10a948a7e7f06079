"""What was sent to the DSA Transparency Database and Lumen, and their answers: read-only."""

from django.contrib import admin

from ..models import OpenRecord


@admin.register(OpenRecord)
class OpenRecordAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "outcome", "created_at", "answered_at"]
    list_filter = ["kind", "outcome"]
    search_fields = ["key", "request__reference"]
    list_select_related = ["request"]
    readonly_fields = ["request", "kind", "key", "payload", "created_at", "outcome",
                       "answered_at", "response"]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
