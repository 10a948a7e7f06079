"""The Legal team's admin: takedown requests, read-only as submitted, decided through actions.

Only the Legal group holds permissions on these models (migration 0003), so
editors never see a claimant's personal data. Nobody can add or delete a
request here: requests come from the public form and are kept for good.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Source, TakedownEmail, TakedownEvent, TakedownRequest
from .transitions import TransitionActionsMixin

# An open request older than this is flagged in the change list.
OVERDUE_DAYS = 7


class DecisionForm(forms.Form):
    """The statement of reasons, structured as the EU DSA's Article 17 asks."""

    # Prefixed: a field named "action" would clash with the admin's own action parameter.
    reasons_action = forms.CharField(
        label=_("Action taken"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was done, and to which content."),
    )
    reasons_facts = forms.CharField(
        label=_("Facts and circumstances"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the decision rests on."),
    )
    reasons_ground = forms.CharField(
        label=_("Ground relied on"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The law or terms applied, e.g. infringement of copyright."),
    )
    reasons_redress = forms.CharField(
        label=_("Redress"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the claimant can do if they disagree."),
    )


DEFAULT_REDRESS = _(
    "You may reply to this email to ask us to review this decision, and you may "
    "take the matter to a court or, in the EU, to a certified out-of-court dispute "
    "settlement body."
)


class ArticleSourceFilter(admin.SimpleListFilter):
    """Requests claiming an article of a given source."""

    title = _("article source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        sources = Source.objects.filter(articles__takedown_requests__isnull=False).distinct()
        return [(str(source.pk), source.name) for source in sources]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isascii() and value.isdigit():
            return queryset.filter(articles__source_id=int(value)).distinct()
        return queryset  # absent or not a source id: no filtering, never an error


class TakedownEventInline(admin.TabularInline):
    model = TakedownEvent
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TakedownEmailInline(admin.TabularInline):
    model = TakedownEmail
    fields = ["kind", "recipients", "created_at", "sent_at", "attempts", "last_error"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("emails (unsent ones are retried by `manage.py send_takedown_emails`)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TakedownRequest)
class TakedownRequestAdmin(TransitionActionsMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "status",
        "claimant_name",
        "organisation",
        "received_at",
        "age",
        "claimed_articles",
    ]
    list_filter = ["status", ("received_at", admin.DateFieldListFilter), ArticleSourceFilter]
    search_fields = ["reference", "claimant_name", "organisation", "email", "claimed_urls"]
    list_select_related = ["decided_by"]
    date_hierarchy = "received_at"
    list_per_page = 50
    inlines = [TakedownEventInline, TakedownEmailInline]
    fieldsets = [
        (None, {"fields": ["reference", "status", "received_at", "claimed_urls",
                           "claimed_article_links"]}),
        (_("Claimant (as submitted)"), {"fields": ["claimant_name", "organisation", "email",
                                                   "phone", "postal_address", "capacity",
                                                   "represented_owner"]}),
        (_("Notice (as submitted)"), {"fields": ["work_description", "original_work_url",
                                                 "explanation", "good_faith_statement",
                                                 "accuracy_statement", "signature"]}),
        (_("Decision: statement of reasons"), {
            "description": _("Decisions are made with the actions on the request list."),
            "fields": ["reasons_action", "reasons_facts", "reasons_ground", "reasons_redress",
                       "decided_by", "decided_at"],
        }),
    ]  # fmt: skip
    # Everything a claimant submitted, and every decision, is on record as it was.
    readonly_fields = [
        field for _title, options in fieldsets for field in options["fields"]
    ]  # fmt: skip
    actions = ["start_review", "accept", "reject", "reinstate", "record_withdrawal"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("articles")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("age"), ordering="received_at")
    def age(self, obj):
        age = timesince(obj.received_at)
        if obj.is_decided:
            return age
        if timezone.now() - obj.received_at > timedelta(days=OVERDUE_DAYS):
            return format_html('<strong title="{}">{}</strong>', _("Open for over a week"), age)
        return age

    @admin.display(description=_("articles"))
    def claimed_articles(self, obj):
        return format_html_join(
            ", ", "{} ({})", ((a.title, a.get_status_display()) for a in obj.articles.all())
        )

    @admin.display(description=_("claimed articles"))
    def claimed_article_links(self, obj):
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 - a constant
            '<a href="{}">{}</a> — {}',
            (
                (
                    reverse("admin:syndication_article_change", args=[a.pk]),
                    a.title,
                    a.get_status_display(),
                )
                for a in obj.articles.all()
            ),
        )

    # --- actions: thin wrappers around the model's transitions ------------

    def _decide(self, request, queryset, transition, title, explanation, submit_label, done):
        """Asks for the statement of reasons on an intermediate page, then applies it."""
        form = DecisionForm(
            request.POST if "apply" in request.POST else None,
            initial={"reasons_redress": DEFAULT_REDRESS},
        )
        if form.is_valid():
            reasons = {k.removeprefix("reasons_"): v for k, v in form.cleaned_data.items()}
            self._apply(request, queryset, transition, done, reasons=reasons)
            return None
        return TemplateResponse(
            request,
            "admin/syndication/takedownrequest/decide.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "explanation": explanation,
                "submit_label": submit_label,
                "opts": self.model._meta,
                "form": form,
                "takedowns": queryset,
                "action": transition,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Start review"), permissions=["change"])
    def start_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            "start_review",
            lambda n: (
                ngettext("Review started on %d request.", "Review started on %d requests.", n) % n
            ),
        )

    @admin.action(description=_("Accept and remove the articles…"), permissions=["change"])
    def accept(self, request, queryset):
        return self._decide(
            request,
            queryset,
            "accept",
            _("Accept takedown requests"),
            _("Accepting removes every claimed article from the public site at once; "
              "its address then answers 451."),
            _("Accept and remove"),
            lambda n: ngettext("Accepted %d request; its articles are removed.",
                               "Accepted %d requests; their articles are removed.", n) % n,
        )  # fmt: skip

    @admin.action(description=_("Reject…"), permissions=["change"])
    def reject(self, request, queryset):
        return self._decide(
            request,
            queryset,
            "reject",
            _("Reject takedown requests"),
            _("Rejecting keeps the articles online (or restores those hidden on receipt)."),
            _("Reject"),
            lambda n: ngettext("Rejected %d request.", "Rejected %d requests.", n) % n,
        )

    @admin.action(description=_("Reinstate the articles…"), permissions=["change"])
    def reinstate(self, request, queryset):
        return self._decide(
            request,
            queryset,
            "reinstate",
            _("Reinstate removed articles"),
            _("Reinstating publishes the claimed articles again, unless another accepted "
              "request keeps them removed."),
            _("Reinstate"),
            lambda n: ngettext("Reinstated %d request; its articles are back.",
                               "Reinstated %d requests; their articles are back.", n) % n,
        )  # fmt: skip

    @admin.action(description=_("Record withdrawal by the claimant"), permissions=["change"])
    def record_withdrawal(self, request, queryset):
        self._apply(
            request,
            queryset,
            "withdraw",
            lambda n: ngettext("Recorded %d withdrawal.", "Recorded %d withdrawals.", n) % n,
        )
