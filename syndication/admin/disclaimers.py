from difflib import SequenceMatcher

from django.contrib import admin, messages
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Disclaimer

# Unchanged words kept on each side of a change in the history's diff.
CONTEXT_WORDS = 6


def word_diff(before: str, after: str):
    """What changed from `before` to `after`, word by word: removed in <del>, added in <ins>.

    Whole words only, so no text is cut mid-word; long unchanged runs are
    shortened to their ends. Every piece of text is escaped.
    """
    old, new = before.split(), after.split()
    opcodes = SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    parts = []
    for position, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            words = old[i1:i2]
            first, last = position == 0, position == len(opcodes) - 1
            head = [] if first else words[:CONTEXT_WORDS]
            tail = [] if last else words[-CONTEXT_WORDS:]
            if len(words) > len(head) + len(tail):
                words = [*head, "…", *tail]
            parts.append(format_html("{}", " ".join(words)))
            continue
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(old[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new[j1:j2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - each part is escaped by format_html


@admin.register(Disclaimer)
class DisclaimerAdmin(admin.ModelAdmin):
    """Each save adds a version (see `Disclaimer.save`); old versions are read-only history."""

    list_display = ["created_at", "created_by", "excerpt", "changes", "is_current"]
    list_select_related = ["created_by"]
    readonly_fields = ["created_at", "created_by", "changes"]
    fields = ["text", "created_at", "created_by", "changes"]

    @admin.display(description=gettext_lazy("text"))
    def excerpt(self, obj):
        return Truncator(obj.text).words(25)

    @admin.display(description=gettext_lazy("changes from the previous version"))
    def changes(self, obj):
        if obj.pk is None:
            return "–"
        if obj.previous_text is None:
            return _("First version.")
        if obj.previous_text == obj.text:
            return _("Same text as the previous version.")
        return format_html(
            '<div class="disclaimer-diff">{}</div>', word_diff(obj.previous_text, obj.text)
        )

    @admin.display(description=gettext_lazy("in force"), boolean=True, ordering="in_force")
    def is_current(self, obj):
        return obj.in_force

    def get_queryset(self, request):
        """Each row says whether it is in force, and the text before it, in the same query.

        In the query, not on this ModelAdmin: one instance serves every
        request at once, so state kept on it would leak between them. The
        previous text is a subquery, not a window, so it is right on a
        version's own page too (where the query is filtered to one row).
        """
        latest = Disclaimer.objects.order_by("-created_at", "-id").values("pk")[:1]
        in_force = ExpressionWrapper(Q(pk=Subquery(latest)), output_field=BooleanField())
        earlier = Q(created_at__lt=OuterRef("created_at")) | Q(
            created_at=OuterRef("created_at"), id__lt=OuterRef("id")
        )
        previous = Disclaimer.objects.filter(earlier).order_by("-created_at", "-id")
        return (
            super()
            .get_queryset(request)
            .annotate(in_force=in_force, previous_text=Subquery(previous.values("text")[:1]))
        )

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
        if change and not form.has_changed():
            return  # no new version for the same text
        obj.created_by = request.user
        obj.save()
        obj.new_version_saved = True  # this request's object only, for the message

    # One message for a save, in place of the admin's "was changed
    # successfully", which would contradict it: the old version is not changed.

    def response_add(self, request, obj, post_url_continue=None):
        return self._saved(request, obj, _("Saved. This version is in force from now."))

    def response_change(self, request, obj):
        if not getattr(obj, "new_version_saved", False):
            return self._saved(request, obj, _("Nothing changed; no new version was saved."))
        return self._saved(
            request,
            obj,
            _("Saved as a new version, in force from now; the previous one stays in the history."),
        )

    def _saved(self, request, obj, message):
        self.message_user(request, message, messages.SUCCESS)
        if "_continue" in request.POST:
            return HttpResponseRedirect(
                reverse("admin:syndication_disclaimer_change", args=[obj.pk])
            )
        return HttpResponseRedirect(reverse("admin:syndication_disclaimer_changelist"))
