"""Publishing from an article's own admin page: buttons for what its state allows.

The buttons, "Save and publish" and the schedule page only call the model's
transitions (`Article.publish`, `withdraw`, `to_draft`); a transition that
refuses (a ValidationError: the wrong state, or no permission to publish)
becomes an error message on the page, never a server error.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..localtime import local_time, time_zone_note
from ..models import Article, Disclaimer
from ..sanitize import clean_html
from ..views.articles import article_page_context, for_preview


class PublishAtForm(forms.Form):
    """A future publish time, read in the site's time zone (which the field names)."""

    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_at"].help_text = " ".join(
            [time_zone_note(), _("A future time schedules the article.")]
        )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise ValidationError(
                _("Choose a time in the future, or use “Publish now”."), code="past"
            )
        return value


# The buttons that post straight to a transition: model method, label, done message.
TRANSITIONS = {
    "publish": ("publish", gettext_lazy("Publish now"), gettext_lazy("Published “%(title)s”.")),
    "withdraw": (
        "withdraw",
        gettext_lazy("Withdraw"),
        gettext_lazy("Withdrew “%(title)s” from the public site."),
    ),
    "to_draft": (
        "to_draft",
        gettext_lazy("Back to draft"),
        gettext_lazy("Sent “%(title)s” back to draft."),
    ),
}


def allowed_buttons(article) -> list[str]:
    """What the article's state allows, in the order the page shows it."""
    S = Article.Status
    if article.status == S.DRAFT:
        return ["publish", "schedule"]
    if article.status == S.WITHDRAWN:
        return ["publish", "schedule", "to_draft"]
    if article.status == S.PUBLISHED:
        scheduled = ["publish", "schedule"] if article.is_scheduled else []
        return [*scheduled, "withdraw", "to_draft"]
    return []  # removed: only a takedown decision brings it back


class ArticlePageMixin:
    """ModelAdmin part for the article's own page: state, buttons, "Save and publish"."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/transition/<str:name>/",
                view(self.transition_view),
                name="syndication_article_transition",
            ),
            path(
                "<int:pk>/preview-changes/",
                view(self.preview_changes_view),
                name="syndication_article_preview_changes",
            ),
            path(
                "<int:pk>/schedule/",
                view(self.schedule_view),
                name="syndication_article_schedule",
            ),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.get_internal_type() == "DateTimeField":
            # One labelled input (the browser's date-and-time picker) instead of
            # the admin's separate date and time boxes, which have no labels.
            kwargs["form_class"] = forms.DateTimeField
            kwargs["widget"] = forms.DateTimeInput(
                attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S"
            )
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.get_internal_type() == "DateTimeField":
            field.help_text = " ".join(str(t) for t in [field.help_text, time_zone_note()] if t)
        return field

    def article_buttons(self, request, article):
        """(label, url, posts) for each button the state allows and the user may use."""
        if not self.has_change_permission(request, article):
            return []
        buttons = []
        for name in allowed_buttons(article):
            if name == "schedule":
                label = _("Reschedule…") if article.is_scheduled else _("Schedule…")
                url = reverse("admin:syndication_article_schedule", args=[article.pk])
                buttons.append((label, url, False))
            else:
                url = reverse("admin:syndication_article_transition", args=[article.pk, name])
                buttons.append((TRANSITIONS[name][1], url, True))
        return buttons

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None:
            can_change = self.has_change_permission(request, article)
            extra_context = {
                "article_state": article.visibility_description(),
                "article_buttons": self.article_buttons(request, article),
                "preview_url": reverse("admin:syndication_article_preview", args=[article.pk]),
                "show_save_and_publish": can_change and "publish" in allowed_buttons(article),
                "preview_changes_url": reverse(
                    "admin:syndication_article_preview_changes", args=[article.pk]
                )
                if can_change and article.status != Article.Status.REMOVED
                else "",
                **extra_context,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"show_save_and_publish": True, **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    # --- after a save ---------------------------------------------------------

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def _after_save(self, request, obj):
        """ "Save and publish"; None for the admin's own buttons."""
        change_url = reverse("admin:syndication_article_change", args=[obj.pk])
        if "_publish" in request.POST:
            try:
                obj.publish(by=request.user)
            except ValidationError as exc:
                self.message_user(
                    request,
                    _("“%(title)s” was saved but not published: %(reason)s")
                    % {"title": obj.title, "reason": " ".join(exc.messages)},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    _("“%(title)s” was saved and published.") % {"title": obj.title},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(change_url)
        return None

    # --- the buttons' own views -----------------------------------------------

    def _article_for_change(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _run(self, request, article, method, done, **kwargs):
        try:
            getattr(article, method)(by=request.user, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:syndication_article_change", args=[article.pk]))

    def transition_view(self, request, pk, name):
        if name not in TRANSITIONS:
            return TemplateResponse(
                request,
                "admin/syndication/article/unknown_step.html",
                {**self.admin_site.each_context(request), "title": _("Unknown step")},
                status=404,
            )
        if request.method != "POST":
            return HttpResponseNotAllowed(
                ["POST"], _("Publishing steps are taken with the buttons on the article's page.")
            )
        article = self._article_for_change(request, pk)
        method, _label, done = TRANSITIONS[name]
        return self._run(request, article, method, done % {"title": article.title})

    def preview_changes_view(self, request, pk):
        """The article as readers would see it with the form's unsaved changes; saves nothing.

        The form posts here into a new tab, so the editing tab keeps its
        changes; the body is shown as `clean_html` would store it.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(
                ["POST"], _("Preview changes with the button under the article's form.")
            )
        article = self._article_for_change(request, pk)
        form = self.get_form(request, article, change=True)(request.POST, instance=article)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("The changes cannot be previewed"),
                "form": form,
            }
            return TemplateResponse(
                request, "admin/syndication/article/preview_invalid.html", context, status=400
            )
        changed = for_preview(form.save(commit=False))  # in memory only
        changed.body = clean_html(changed.body)
        state = _("Unsaved changes: readers see none of them until the form is saved.")
        context = {
            **article_page_context(request, changed, Disclaimer.current_text()),
            "article": changed,
            "preview": True,
            "preview_state": f"{state} {article.visibility_description()}",
            "back_text": _("Close this tab to go back to editing."),
        }
        return TemplateResponse(request, "syndication/article_detail.html", context)

    def schedule_view(self, request, pk):
        article = self._article_for_change(request, pk)
        form = PublishAtForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            at = form.cleaned_data["publish_at"]
            done = _("“%(title)s” is scheduled for %(time)s.") % {
                "title": article.title,
                "time": local_time(at),
            }
            return self._run(request, article, "publish", done, at=at)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Schedule “%(title)s”") % {"title": article.title},
            "opts": self.model._meta,
            "original": article,
            "form": form,
            "state": article.visibility_description(),
        }
        status = 400 if form.is_bound else 200
        return TemplateResponse(
            request, "admin/syndication/article/schedule_one.html", context, status=status
        )
