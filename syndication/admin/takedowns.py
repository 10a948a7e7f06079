"""The Legal team's admin: takedown requests, read-only as submitted, decided through actions.

Only the Legal group holds permissions on these models (migration 0003), so
editors never see a claimant's personal data. Nobody can add or delete a
request here: requests come from the public form and are kept for good.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Appeal, Source, TakedownEmail, TakedownEvent, TakedownRequest
from ..models.evidence import compare
from .decisions import DecisionPagesMixin, decision_form, decision_page
from .transitions import TransitionActionsMixin


class DeadlineFilter(admin.SimpleListFilter):
    """Open requests past their target time to decision (TAKEDOWN_TARGET_DAYS), and requests
    with appeals waiting, or waiting past TAKEDOWN_APPEAL_TARGET_DAYS."""

    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Open")),
            ("overdue", _("Overdue")),
            ("appeals", _("Appeals to decide")),
            ("appeals_overdue", _("Appeals overdue")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "appeals":
            return queryset.filter(appeals__in=Appeal.objects.pending()).distinct()
        if self.value() == "appeals_overdue":
            return queryset.filter(appeals__in=Appeal.objects.overdue()).distinct()
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "open":
            return queryset.open()
        return queryset


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


class AppealInline(admin.StackedInline):
    model = Appeal
    fk_name = "request"
    fields = ["kind", "source", "filed_at", "restore_due_at", "explanation", "name", "email",
              "phone", "postal_address", "material", "mistake_statement", "jurisdiction_consent",
              "signature",
              "original_decided_by", "outcome", "decided_by", "decided_at", "reasons"]  # fmt: skip
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("appeals and counter-notices")

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
class TakedownRequestAdmin(DecisionPagesMixin, TransitionActionsMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "status",
        "claimant_name",
        "organisation",
        "received_at",
        "due_by",
        "claimed_articles",
    ]
    list_filter = [
        "status",
        DeadlineFilter,
        ("received_at", admin.DateFieldListFilter),
        ArticleSourceFilter,
    ]
    search_fields = ["reference", "claimant_name", "organisation", "email", "claimed_urls"]
    list_select_related = ["decided_by"]
    date_hierarchy = "received_at"
    list_per_page = 50
    inlines = [AppealInline, TakedownEventInline, TakedownEmailInline]
    fieldsets = [
        (None, {"fields": ["reference", "status", "received_at", "claimed_urls",
                           "claimed_article_links", "evidence", "publisher_links"]}),
        (_("Claimant (as submitted)"), {"fields": ["claimant_name", "organisation", "email",
                                                   "language", "phone", "postal_address",
                                                   "capacity", "represented_owner"]}),
        (_("Notice (as submitted)"), {"fields": ["work_description", "original_work_url",
                                                 "explanation", "good_faith_statement",
                                                 "accuracy_statement", "signature"]}),
        (_("Decision: statement of reasons"), {
            "description": _("Decide with the buttons at the top of this page (or the "
                             "actions on the request list)."),
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
        takedown = self.get_object(request, object_id)
        can_decide = takedown is not None and self.has_change_permission(request, takedown)
        extra_context = {
            **(extra_context or {}),
            "decision_buttons": self.decision_buttons(takedown) if can_decide else [],
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("due by"), ordering="received_at")
    def due_by(self, obj):
        """The target date for a decision; overdue open requests are marked."""
        due = date_format(timezone.localtime(obj.due_at), "SHORT_DATETIME_FORMAT")
        if obj.is_decided:
            return format_html(
                '<span class="takedown-decided">{}</span>', _("%(due)s (decided)") % {"due": due}
            )
        if obj.is_overdue:
            return format_html(
                '<strong class="takedown-overdue">{}</strong>',
                _("Overdue: %(due)s, %(late)s late") % {"due": due, "late": timesince(obj.due_at)},
            )
        return _("%(due)s (in %(left)s)") % {"due": due, "left": timeuntil(obj.due_at)}

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

    @admin.display(description=_("publishers' links"))
    def publisher_links(self, obj):
        """Each publisher's private link to contest the removal, and where its contest stands."""
        rows = []
        for link in obj.contest_links.select_related("source"):
            counter_notice = link.counter_notice
            if counter_notice is None:
                state = _("no counter-notice")
            elif counter_notice.restore_due_at:
                state = _("counter-notice; restored on %(date)s unless court action") % {
                    "date": date_format(timezone.localtime(counter_notice.restore_due_at))
                }
            else:
                state = counter_notice.get_outcome_display()
            rows.append((link.source.name, settings.SITE_URL + link.get_absolute_url(), state))
        return format_html_join(mark_safe("<br>"), "{}: <code>{}</code> — {}", rows)  # noqa: S308

    @admin.display(description=_("text since the notice"))
    def evidence(self, obj):
        """Whether each claimed article's title, body or URL changed since the notice (SHA-256)."""
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 - a constant
            "{}: {} <code>{}</code>",
            (
                (
                    row["article"].title,
                    _("CHANGED since the notice") if row["changed"] else _("unchanged"),
                    row["now"][:16],
                )
                for row in compare(obj)
            ),
        )

    # --- actions: thin wrappers around the model's transitions ------------

    def _decide(self, request, queryset, transition, done):
        """Asks for the statement of reasons on the reasons page, then applies it to each."""
        form = decision_form(request, transition)
        if form.is_bound and form.is_valid():
            self._apply(request, queryset, transition, done, reasons=form.reasons)
            return None
        hidden = [("action", transition)] + [
            (admin.helpers.ACTION_CHECKBOX_NAME, takedown.pk) for takedown in queryset
        ]
        return decision_page(self, request, queryset, transition, form, hidden)

    @admin.action(description=_("Start review"), permissions=["change"])
    def start_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            "start_review",
            lambda n: (
                ngettext("Review started on %(n)d request.", "Review started on %(n)d requests.", n)
                % {"n": n}
            ),
        )

    @admin.action(description=_("Accept and remove the articles…"), permissions=["change"])
    def accept(self, request, queryset):
        return self._decide(
            request,
            queryset,
            "accept",
            lambda n: (
                ngettext(
                    "Accepted %(n)d request; its articles are removed.",
                    "Accepted %(n)d requests; their articles are removed.",
                    n,
                )
                % {"n": n}
            ),
        )

    @admin.action(description=_("Reject…"), permissions=["change"])
    def reject(self, request, queryset):
        return self._decide(
            request,
            queryset,
            "reject",
            lambda n: ngettext("Rejected %(n)d request.", "Rejected %(n)d requests.", n) % {"n": n},
        )

    @admin.action(description=_("Reinstate the articles…"), permissions=["change"])
    def reinstate(self, request, queryset):
        return self._decide(
            request,
            queryset,
            "reinstate",
            lambda n: (
                ngettext(
                    "Reinstated %(n)d request; its articles are back.",
                    "Reinstated %(n)d requests; their articles are back.",
                    n,
                )
                % {"n": n}
            ),
        )

    @admin.action(description=_("Record withdrawal by the claimant"), permissions=["change"])
    def record_withdrawal(self, request, queryset):
        self._apply(
            request,
            queryset,
            "withdraw",
            lambda n: (
                ngettext("Recorded %(n)d withdrawal.", "Recorded %(n)d withdrawals.", n) % {"n": n}
            ),
        )
