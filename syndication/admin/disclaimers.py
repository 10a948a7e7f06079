from django.contrib import admin
from django.db.models import BooleanField, ExpressionWrapper, Q, Subquery
from django.utils.translation import gettext_lazy as _

from ..models import Disclaimer


@admin.register(Disclaimer)
class DisclaimerAdmin(admin.ModelAdmin):
    """Each save adds a version (see `Disclaimer.save`); old versions are read-only history."""

    list_display = ["created_at", "created_by", "excerpt", "is_current"]
    list_select_related = ["created_by"]
    readonly_fields = ["created_at", "created_by"]
    fields = ["text", "created_at", "created_by"]

    @admin.display(description=_("text"))
    def excerpt(self, obj):
        return obj.text[:120]

    @admin.display(description=_("in force"), boolean=True, ordering="in_force")
    def is_current(self, obj):
        return obj.in_force

    def get_queryset(self, request):
        """Each row says whether it is the version in force, worked out in the same query.

        In the query, not on this ModelAdmin: one instance serves every
        request at once, so state kept on it would leak between them.
        """
        latest = Disclaimer.objects.order_by("-created_at", "-id").values("pk")[:1]
        in_force = ExpressionWrapper(Q(pk=Subquery(latest)), output_field=BooleanField())
        return super().get_queryset(request).annotate(in_force=in_force)

    def has_delete_permission(self, request, obj=None):
        # Never: the site must always have a disclaimer, and its history stays.
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.pk != self._latest_pk():
            return ["text", *self.readonly_fields]
        return self.readonly_fields

    def _latest_pk(self):
        return (
            Disclaimer.objects.order_by("-created_at", "-id").values_list("pk", flat=True).first()
        )

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        obj.save()
        if change:
            self.message_user(
                request, _("Saved as a new version; the previous one stays in the history.")
            )
