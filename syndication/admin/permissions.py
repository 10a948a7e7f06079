"""The rights ledger in the admin: permissions per source and per article; evidence kept private."""

import mimetypes
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import FileResponse, Http404
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import ledger
from ..models import Permission

EVIDENCE_EXTENSIONS = {"pdf", "png", "jpg", "jpeg", "txt", "eml", "msg", "odt", "docx", "html"}
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


class PermissionForm(forms.ModelForm):
    """The rules of the ledger sit on the model (`Permission.clean`); this form checks uploads."""

    class Meta:
        model = Permission
        fields = []  # the admin supplies its fieldsets; this form only adds a rule

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if not upload or not hasattr(upload, "size"):
            return upload
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in EVIDENCE_EXTENSIONS:
            raise ValidationError(
                _("Upload a PDF, an image, an email or a document (%(allowed)s).")
                % {"allowed": ", ".join(sorted(EVIDENCE_EXTENSIONS))},
                code="file_type",
            )
        if upload.size > EVIDENCE_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)s MB; link to it instead.")
                % {"mb": EVIDENCE_MAX_BYTES // (1024 * 1024)},
                code="file_size",
            )
        return upload


class ValidityFilter(admin.SimpleListFilter):
    """Permissions by where they stand today, including those ending soon."""

    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [
            ("current", _("In force")),
            (
                "ending_soon",
                _("Ending within %(days)s days") % {"days": settings.LEDGER_ENDING_SOON_DAYS},
            ),
            ("future", _("Not yet in force")),
            ("ended", _("Ended")),
            ("revoked", _("Revoked")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "current":
            return queryset.valid_at(now)
        if value == "ending_soon":
            return queryset.ending_soon(days=settings.LEDGER_ENDING_SOON_DAYS, now=now)
        if value == "future":
            return queryset.filter(revoked_at__isnull=True, valid_from__gt=now)
        if value == "ended":
            return queryset.filter(revoked_at__isnull=True, valid_until__lte=now)
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


def _standing(permission) -> str:
    now = timezone.now()
    if permission.revoked_at is not None:
        return _("Revoked")
    if permission.valid_from > now:
        return _("Not yet in force")
    if permission.valid_until is not None and permission.valid_until <= now:
        return _("Ended")
    days = settings.LEDGER_ENDING_SOON_DAYS
    if permission.valid_until is not None and permission.valid_until <= now + timedelta(days=days):
        return _("Ending soon")
    return _("In force")


class PermissionChangesMixin:
    """After a permission is saved, readers get its scope and its articles follow its dates.

    A revoked or shortened permission withdraws the articles it no longer
    covers at once, rather than at the next scheduled run.
    """

    def _apply_ledger(self, request, source):
        ledger.relink(source)
        withdrawn = ledger.withdraw_unpermitted(source=source)
        if withdrawn:
            self.message_user(
                request,
                ngettext(
                    "%(n)d article no permission covers any more was withdrawn; editors were "
                    "emailed.",
                    "%(n)d articles no permission covers any more were withdrawn; editors were "
                    "emailed.",
                    len(withdrawn),
                )
                % {"n": len(withdrawn)},
                messages.WARNING,
            )


@admin.register(Permission)
class PermissionAdmin(PermissionChangesMixin, admin.ModelAdmin):
    form = PermissionForm
    list_display = [
        "name",
        "source",
        "article",
        "kind",
        "scope",
        "valid_from",
        "valid_until",
        "standing",
        "evidence",
    ]
    list_filter = [ValidityFilter, "kind", "scope", "declared_in_feed", "source"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_select_related = ["source", "article"]
    ordering = ["source__name", "-valid_from", "-id"]
    search_fields = ["name", "note", "source__name", "article__title"]
    # A plain choice of source, and the article by its id with a look-up: the
    # autocomplete widget fails (500) on a non-numeric id sent back to it.
    raw_id_fields = ["article"]
    date_hierarchy = "valid_from"
    readonly_fields = ["declared_in_feed", "recorded_by", "recorded_at"]
    fieldsets = [
        (None, {
            "description": _(
                "Nothing is published without a permission that covers its publish time, and "
                "readers get only what its scope allows. An article's own permission takes "
                "precedence over its source's."
            ),
            "fields": ["source", "article", "kind", "name", "license_url", "license_version",
                       "scope"],
        }),
        (_("Evidence"), {"fields": ["evidence_url", "evidence_file", "note"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_until", "revoked_at", "revoked_reason"]}),
        (_("Record"), {"fields": ["declared_in_feed", "recorded_by", "recorded_at"]}),
    ]  # fmt: skip

    @admin.display(description=_("standing"))
    def standing(self, obj):
        return _standing(obj)

    @admin.display(description=_("evidence"))
    def evidence(self, obj):
        if obj.evidence_file:
            return format_html('<a href="{}">{}</a>', obj.evidence_file.url, _("File"))
        if obj.evidence_url:
            return format_html('<a href="{}" rel="noopener">{}</a>', obj.evidence_url, _("Link"))
        return "–"

    def get_urls(self):
        view = self.admin_site.admin_view(self.evidence_view)
        return [
            path("evidence/<path:name>", view, name="syndication_permission_evidence"),
            *super().get_urls(),
        ]

    def evidence_view(self, request, name):
        """An evidence file, for staff who may view permissions; nobody else has its address."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not Permission.objects.filter(evidence_file=name).exists():
            raise Http404
        storage = Permission._meta.get_field("evidence_file").storage
        if not storage.exists(name):
            raise Http404
        content_type, _encoding = mimetypes.guess_type(name)
        return FileResponse(
            storage.open(name),
            as_attachment=True,
            filename=name.rsplit("/", 1)[-1],
            content_type=content_type or "application/octet-stream",
        )

    def has_delete_permission(self, request, obj=None):
        """The ledger keeps what articles were published under: end or revoke it instead."""
        if obj is not None and obj.articles.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, each checked above
        return actions

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        self._apply_ledger(request, obj.source)


class PermissionInline(admin.TabularInline):
    """The source's own permissions (not an article's), on the source's page."""

    model = Permission
    form = PermissionForm
    fk_name = "source"
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Ledger records are not deleted here: end one with "valid until" or revoke it.
    can_delete = False
    fields = [
        "kind",
        "name",
        "license_url",
        "scope",
        "evidence_url",
        "evidence_file",
        "valid_from",
        "valid_until",
        "revoked_at",
        "revoked_reason",
    ]
    verbose_name_plural = _(
        "permissions (the rights ledger: nothing is published without one that covers it)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).filter(article__isnull=True)
