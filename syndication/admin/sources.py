import time
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateparse import parse_duration
from django.utils.duration import duration_string
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..ingest.polling import poll_source
from ..models import FeedFetch, Permission, Source
from ..tasks import fetch_now, worker_available
from .permissions import PermissionChangesMixin, PermissionInline


class FeedHealthFilter(admin.SimpleListFilter):
    """Sources whose feed import is failing, for the editor who keeps the feeds running."""

    title = _("feed health")
    parameter_name = "feed_health"

    def lookups(self, request, model_admin):
        return [
            ("flagged", _("Failing too long (flagged)")),
            ("failing", _("Failing")),
            ("ok", _("Working")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            return queryset.filter(failure_flagged_at__isnull=False)
        if self.value() == "failing":
            return queryset.filter(consecutive_failures__gt=0)
        if self.value() == "ok":
            return queryset.exclude(feed_url="").filter(consecutive_failures=0)
        return queryset


# The polling intervals an editor chooses from.
POLL_INTERVALS = [
    (timedelta(minutes=15), _("Every 15 minutes")),
    (timedelta(minutes=30), _("Every 30 minutes")),
    (timedelta(hours=1), _("Every hour")),
    (timedelta(hours=6), _("Every 6 hours")),
    (timedelta(days=1), _("Once a day")),
]


class SourceAdminForm(forms.ModelForm):
    """The polling interval as a choice of sensible values, instead of a typed duration."""

    # Option values are the duration's own spelling ("01:00:00"), so the
    # stored DurationField needs no change.
    poll_interval = forms.TypedChoiceField(
        label=capfirst(Source._meta.get_field("poll_interval").verbose_name),
        coerce=parse_duration,
        help_text=Source._meta.get_field("poll_interval").help_text,
    )

    class Meta:
        model = Source
        fields = []  # the admin supplies its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.poll_interval
        choices = [(duration_string(interval), label) for interval, label in POLL_INTERVALS]
        if current and current not in dict(POLL_INTERVALS):
            # Set some other way (the shell, an older version): kept until changed here.
            label = _("%(interval)s (as set before; not one of the usual choices)")
            choices.append((duration_string(current), label % {"interval": current}))
        self.fields["poll_interval"].choices = choices
        self.initial.setdefault("poll_interval", duration_string(current or timedelta(hours=1)))


@admin.register(Source)
class SourceAdmin(PermissionChangesMixin, admin.ModelAdmin):
    form = SourceAdminForm
    list_display = [
        "name",
        "slug",
        "is_active",
        "seo_policy",
        "article_count",
        "last_success_at",
        "feed_status",
    ]
    list_filter = ["is_active", FeedHealthFilter, "seo_policy", "auto_publish"]
    inlines = [PermissionInline]
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
        "next_fetch_at",
        "failing_since",
        "failure_flagged_at",
        "previous_feed_url",
        "feed_moved_at",
        "default_license",
        "license_url",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "homepage", "is_active"]}),
        (_("Rights and attribution"), {
            "fields": ["rights_contact", "default_license", "license_url", "extra_disclaimer",
                       "seo_policy"],
        }),
        (_("Feed import"), {"fields": ["feed_url", "auto_publish", "trust_feed_licences",
                                        "poll_interval", "fetch_full_text"]}),
        (_("Import state"), {
            "classes": ["collapse"],
            "fields": ["last_fetched_at", "last_success_at", "next_fetch_at",
                       "consecutive_failures", "failing_since", "failure_flagged_at",
                       "last_error", "previous_feed_url", "feed_moved_at", "etag",
                       "last_modified", "created_at", "updated_at"],
        }),
    ]  # fmt: skip

    def save_formset(self, request, form, formset, change):
        if formset.model is Permission:
            for permission in formset.save(commit=False):
                if permission.pk is None:
                    permission.recorded_by = request.user
                permission.save()
            for permission in formset.deleted_objects:
                permission.delete()
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._apply_ledger(request, form.instance)

    def get_queryset(self, request):
        # A GROUP BY query drops Meta.ordering; restore it for stable pages.
        qs = super().get_queryset(request).annotate(_article_count=Count("articles"))
        return qs.order_by("name")

    actions = ["fetch_feed_now"]

    def get_urls(self):
        fetches = path(
            "fetches/",
            self.admin_site.admin_view(self.fetches_view),
            name="syndication_source_fetches",
        )
        return [fetches, *super().get_urls()]

    def fetches_view(self, request):
        """Queued "Fetch feed now" requests: their progress, then their results."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = [int(n) for n in request.GET.get("ids", "").split(",") if n.strip().isdigit()]
        fetches = list(FeedFetch.objects.filter(pk__in=ids[:100]).select_related("source"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Fetching feeds"),
            "opts": self.model._meta,
            "fetches": fetches,
            "all_finished": all(f.is_finished for f in fetches),
        }
        return TemplateResponse(request, "admin/syndication/source/fetches.html", context)

    @admin.display(description=_("articles"), ordering="_article_count")
    def article_count(self, obj):
        return obj._article_count

    @admin.display(description=_("feed status"), ordering="consecutive_failures")
    def feed_status(self, obj):
        if not obj.feed_url:
            return "—"
        if obj.failure_flagged_at:
            return format_html(
                '<strong title="{}">{}</strong>',
                obj.last_error,
                _("Failing since %(since)s: %(error)s")
                % {
                    "since": date_format(obj.failing_since, "DATETIME_FORMAT"),
                    "error": Truncator(obj.last_error).chars(80),
                },
            )
        if obj.consecutive_failures:
            return format_html(
                '<strong title="{}">{}</strong>',
                obj.last_error,
                ngettext(
                    "%(count)s failure: %(error)s",
                    "%(count)s failures: %(error)s",
                    obj.consecutive_failures,
                )
                % {"count": obj.consecutive_failures, "error": Truncator(obj.last_error).chars(80)},
            )
        if obj.last_error:  # a warning on a fetch that worked
            return format_html('<span title="{}">{}</span>', obj.last_error, _("OK, with warnings"))
        return _("OK") if obj.last_success_at else _("Not fetched yet")

    @admin.action(description=_("Fetch feed now"), permissions=["change"])
    def fetch_feed_now(self, request, queryset):
        """Polls the sources, due or not: on the Celery workers where one answers, else here.

        Queued, the editor follows each fetch on a page that refreshes itself
        until all are done. Without a worker (the embedded set-up), the import
        runs in this request within FEED_ADMIN_TIMEOUT, well below the web
        server's worker timeout; sources left when the time is up are named.
        """
        sources = []
        for source in queryset:
            if not source.feed_url or not source.is_active:
                self.message_user(
                    request,
                    _("%(source)s was not fetched: it is inactive or has no feed URL.")
                    % {"source": source},
                    messages.WARNING,
                )
            else:
                sources.append(source)
        if sources and worker_available():
            fetches = [
                FeedFetch.objects.create(source=s, requested_by=request.user) for s in sources
            ]
            for fetch in fetches:
                transaction.on_commit(lambda pk=fetch.pk: fetch_now.delay(pk))
            ids = ",".join(str(f.pk) for f in fetches)
            return HttpResponseRedirect(
                reverse("admin:syndication_source_fetches") + "?" + urlencode({"ids": ids})
            )
        self._fetch_here(request, sources)

    def _fetch_here(self, request, sources):
        deadline = time.monotonic() + settings.FEED_ADMIN_TIMEOUT
        for position, source in enumerate(sources):
            remaining = deadline - time.monotonic()
            if remaining < 1:
                self.message_user(
                    request,
                    _("Not fetched, out of time: %(sources)s. Fetch them again.")
                    % {"sources": ", ".join(str(s) for s in sources[position:])},
                    messages.WARNING,
                )
                break
            # Under the polling rules, as on the workers: another poll of this
            # source, or a host already at its limit, means not now.
            result = poll_source(source.pk, force=True, total_timeout=remaining)
            if isinstance(result, str):
                self.message_user(
                    request,
                    _("%(source)s: not fetched now (%(reason)s). Try again in a moment.")
                    % {"source": source.slug, "reason": result},
                    messages.WARNING,
                )
                continue
            level = messages.SUCCESS if result.ok else messages.ERROR
            if result.ok and result.failed:
                level = messages.WARNING
            self.message_user(request, str(result), level)
