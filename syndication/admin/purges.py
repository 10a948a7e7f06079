from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ..models import FrontCachePurge


@admin.register(FrontCachePurge)
class FrontCachePurgeAdmin(admin.ModelAdmin):
    """Purges a front cache refused: readers there may see an old page until one goes through."""

    list_display = ["created_at", "cache_url", "keys", "attempts", "last_tried_at", "last_error"]
    list_filter = ["cache_url"]
    readonly_fields = [field.name for field in FrontCachePurge._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again now"), permissions=["view"])
    def retry_now(self, request, queryset):
        done, failing = queryset.retry()
        level = messages.WARNING if failing else messages.SUCCESS
        message = _("%(done)d purged; %(failing)d still failing.")
        self.message_user(request, message % {"done": done, "failing": failing}, level)
