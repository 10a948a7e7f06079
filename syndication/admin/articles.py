import re
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import editor
from ..localtime import local_time
from ..models import Article, ClaimedArticle
from ..sanitize import removed_markup
from ..urlnorm import BadURL, normalise_url
from ..views.articles import ArticlePreviewView
from .article_page import ArticlePageMixin
from .article_page import PublishAtForm as ScheduleForm
from .transitions import TransitionActionsMixin


class VisibilityFilter(admin.SimpleListFilter):
    """Status as readers experience it: published splits into live and scheduled."""

    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", _("Live now")), ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


class PermissionLapsedFilter(admin.SimpleListFilter):
    """Articles withdrawn because their permission in the rights ledger ended or was revoked."""

    title = _("rights")
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        return [("lapsed", _("Withdrawn for lack of permission"))]

    def queryset(self, request, queryset):
        if self.value() == "lapsed":
            return queryset.withdrawn_for_lack_of_permission()
        return queryset


class DeskFilter(admin.SimpleListFilter):
    """The admin index's lists of waiting work, each opened as a filtered change list."""

    title = _("waiting")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [
            ("drafts", _("Drafts to curate, oldest first")),
            ("next24h", _("Scheduled in the next 24 hours")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "drafts":
            return queryset.filter(status=Article.Status.DRAFT)
        if self.value() == "next24h":
            return queryset.scheduled(now).filter(publish_at__lte=now + timedelta(hours=24))
        return queryset


# An <img> whose address is plain http (the Content-Security-Policy blocks it).
PLAIN_HTTP_IMAGE = re.compile(r"""<img\b[^>]*\bsrc\s*=\s*["']?(http://[^"'\s>]+)""", re.IGNORECASE)


class ArticleAdminForm(forms.ModelForm):
    original_url = forms.URLField(
        label=capfirst(_("original URL")),
        max_length=1000,
        assume_scheme="https",
        help_text=Article._meta.get_field("original_url").help_text,
    )

    body = editor.body_field()

    class Meta:
        model = Article
        fields = []  # the admin supplies its fieldsets; this form only adds rules

    lead_image_url = forms.URLField(
        label=capfirst(_("lead image")),
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text=Article._meta.get_field("lead_image_url").help_text,
    )

    def clean_lead_image_url(self):
        """Only https: the Content-Security-Policy lets pages show no plain-http image."""
        url = self.cleaned_data["lead_image_url"]
        if url and not url.startswith("https://"):
            raise ValidationError(_("The lead image must have an https address."), code="not_https")
        return url

    def clean_body(self):
        """Images only from https addresses, as for the lead image: the CSP shows no other."""
        body = self.cleaned_data["body"]
        plain = sorted(set(PLAIN_HTTP_IMAGE.findall(body)))
        if plain:
            raise ValidationError(
                _("Images must have an https address; change or remove: %(urls)s")
                % {"urls": ", ".join(plain)},
                code="not_https",
            )
        return body

    def clean_original_url(self):
        """Stores the canonical spelling, and checks uniqueness on that spelling."""
        try:
            return normalise_url(self.cleaned_data["original_url"])
        except BadURL as exc:
            raise ValidationError(str(exc), code="bad_url") from exc


@admin.register(Article)
class ArticleAdmin(ArticlePageMixin, TransitionActionsMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "source",
        "status_label",
        "publish_at",
        "original_published_at",
        "curated_by",
        "upstream_changed",
        "preview_link",
    ]
    list_filter = [
        DeskFilter,
        "status",
        VisibilityFilter,
        PermissionLapsedFilter,
        "source",
        "upstream_changed",
        "publish_at",
        "original_published_at",
        "created_at",
    ]
    list_select_related = ["source", "curated_by"]
    search_fields = ["title", "original_url", "original_authors", "slug"]
    date_hierarchy = "publish_at"
    # A plain select, not the admin's autocomplete: its box has no accessible name.
    prepopulated_fields = {"slug": ["title"]}
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = [
        "status",
        "publish_at",
        "published_under",
        "permission_lapsed_at",
        "permission_lapse_note",
        "license",
        "curated_by",
        "retrieved_at",
        "feed_guid",
        "full_text_error",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["source", "title", "slug", "summary", "body"]}),
        (_("Attribution"), {
            "fields": ["original_url", "original_authors", "original_published_at", "license"],
        }),
        (_("Lead image"), {
            "fields": ["lead_image_url", "lead_image_alt", "lead_image_credit"],
        }),
        (_("Publication"), {
            "description": _("Status and publish time change through the buttons at the top "
                             "of this page, “Save and publish”, or the actions on the article "
                             "list."),
            "fields": ["status", "publish_at", "published_under", "permission_lapsed_at",
                       "permission_lapse_note", "seo_policy", "curated_by", "upstream_changed"],
        }),
        (_("Import"), {
            "classes": ["collapse"],
            "fields": ["feed_guid", "retrieved_at", "full_text_error", "created_at",
                       "updated_at"],
        }),
    ]  # fmt: skip
    actions = ["publish_now", "schedule", "withdraw", "back_to_draft"]

    # A removed article is what a takedown decided on: its text and address
    # stay exactly as readers saw them, for an appeal or a court.
    REMOVED_READONLY = [
        "source",
        "title",
        "slug",
        "summary",
        "body",
        "lead_image_url",
        "lead_image_alt",
        "lead_image_credit",
        "original_url",
        "original_authors",
        "original_published_at",
        "license",
        "seo_policy",
        "upstream_changed",
    ]

    # The desk's lists in the order they are worked through (a column's own
    # sort, chosen on the list, still wins).
    DESK_ORDERING = {"drafts": ["created_at", "id"], "next24h": ["publish_at", "id"]}

    def get_ordering(self, request):
        return self.DESK_ORDERING.get(request.GET.get("desk"), super().get_ordering(request))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == Article.Status.REMOVED:
            return [*self.readonly_fields, *self.REMOVED_READONLY, "takedown_record"]
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Article.Status.REMOVED:
            record = (_("Removed after a takedown"), {"fields": ["takedown_record"]})
            return [record, *fieldsets]
        return fieldsets

    @admin.display(description=_("takedown"))
    def takedown_record(self, obj):
        """The decisions that removed it: reference, outcome, date and reasons; no claimant data."""
        removals = (
            ClaimedArticle.objects.filter(article=obj, removed_at__isnull=False)
            .select_related("request")
            .order_by("-removed_at")
        )
        return format_html_join(
            "",
            '<dl class="takedown-record"><dt>{}</dt><dd>{} · {}</dd>'
            "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>"
            "<dt>{}</dt><dd>{}</dd></dl>",
            (
                (
                    r.request.reference,
                    r.request.get_status_display(),
                    _("decided %(date)s")
                    % {
                        "date": date_format(
                            timezone.localtime(r.request.decided_at or r.removed_at)
                        )
                    },
                    _("Action taken"),
                    r.request.reasons_action or "–",
                    _("Facts and circumstances"),
                    r.request.reasons_facts or "–",
                    _("Ground relied on"),
                    r.request.reasons_ground or "–",
                    _("Redress"),
                    r.request.reasons_redress or "–",
                )
                for r in removals
            ),
        ) or _("Removed; no decision is recorded yet (hidden on receipt of a notice).")

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.status == Article.Status.REMOVED:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_urls(self):
        preview = self.admin_site.admin_view(ArticlePreviewView.as_view())
        return [
            path("<int:pk>/preview/", preview, name="syndication_article_preview"),
            *super().get_urls(),  # with the article page's buttons (ArticlePageMixin)
        ]

    @admin.display(description=_("published under"))
    def published_under(self, obj):
        """The permission that covers it, linked to the ledger; what an editor checks first."""
        if obj is None or obj.pk is None:  # the add page
            return _("Set when it is published: a permission in the rights ledger must cover it.")
        add_own = format_html(
            '<a href="{}?{}">{}</a>',
            reverse("admin:syndication_permission_add"),
            urlencode({"source": obj.source_id, "article": obj.pk}),
            _("Record a permission for this article only"),
        )
        if obj.permission is None:
            return format_html(
                "{} {}",
                _("No permission recorded: it cannot be published until one covers it."),
                add_own,
            )
        permission = obj.permission
        return format_html(
            '<a href="{}">{}</a> · {} · {}',
            reverse("admin:syndication_permission_change", args=[permission.pk]),
            permission.name,
            permission.get_scope_display(),
            add_own,
        )

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="{}">{}</span>', obj.publish_at.isoformat(), _("Scheduled")
            )
        return obj.get_status_display()

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        url = reverse("admin:syndication_article_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview"))

    def view_on_site(self, obj):
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("admin:syndication_article_preview", args=[obj.pk])

    def save_model(self, request, obj, form, change):
        obj.curated_by = request.user
        # Article.save() sanitises the body; the editor is told what that took away.
        removed = removed_markup(obj.body) if "body" in form.changed_data else []
        super().save_model(request, obj, form, change)
        if change and "source" in form.changed_data:
            # Readers get what the new source's permission allows, or nothing.
            obj.follow_source_change(
                str(
                    _("Moved to %(source)s, whose permissions do not cover it.")
                    % {"source": obj.source.name}
                )
            )
            if obj.status == Article.Status.WITHDRAWN and obj.permission_lapsed_at:
                self.message_user(request, obj.permission_lapse_note, messages.WARNING)
        if removed:
            self.message_user(
                request,
                _("Some markup in the body is not allowed on the site and was removed: "
                  "%(removed)s. Check the text before publishing.")
                % {"removed": ", ".join(removed)},
                messages.WARNING,
            )  # fmt: skip

    @admin.action(description=_("Publish now"), permissions=["change"])
    def publish_now(self, request, queryset):
        self._apply(
            request,
            queryset,
            "publish",
            lambda n: (
                ngettext("Published %(n)d article.", "Published %(n)d articles.", n) % {"n": n}
            ),
        )

    @admin.action(description=_("Publish at a chosen time…"), permissions=["change"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            at = form.cleaned_data["publish_at"]
            self._apply(
                request,
                queryset,
                "publish",
                lambda n: (
                    ngettext(
                        "Scheduled %(n)d article for %(at)s.",
                        "Scheduled %(n)d articles for %(at)s.",
                        n,
                    )
                    % {"n": n, "at": local_time(at)}
                ),
                at=at,
            )
            return None
        return TemplateResponse(
            request,
            "admin/syndication/article/schedule.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Schedule articles"),
                "opts": self.model._meta,
                "form": form,
                "articles": queryset,
                "action": "schedule",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Withdraw from the public site"), permissions=["change"])
    def withdraw(self, request, queryset):
        self._apply(
            request,
            queryset,
            "withdraw",
            lambda n: ngettext("Withdrew %(n)d article.", "Withdrew %(n)d articles.", n) % {"n": n},
        )

    @admin.action(description=_("Back to draft"), permissions=["change"])
    def back_to_draft(self, request, queryset):
        self._apply(
            request,
            queryset,
            "to_draft",
            lambda n: (
                ngettext(
                    "Sent %(n)d article back to draft.", "Sent %(n)d articles back to draft.", n
                )
                % {"n": n}
            ),
        )

    def get_search_results(self, request, queryset, search_term):
        """Also finds an article by the exact original URL an editor pasted.

        Only among the articles the list's filters left (`queryset` as it
        came in): a published article must not show under "draft".
        """
        filtered = queryset
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.startswith(("http://", "https://")):
            queryset |= filtered.filter(original_url=search_term.strip())
        return queryset, may_have_duplicates
