"""Deciding a takedown request: the statement-of-reasons form and the request's own buttons.

Both ways in (the change list's actions and the buttons on a request's page)
show the same page: the whole notice beside the form, reason templates to
start from, and the model's transition doing the work.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..models import ReasonTemplate, TakedownRequest

DEFAULT_REDRESS = format_lazy(
    _(
        "If you disagree, you can add information to your request at {}/takedown/status/ "
        "with your reference and email address, and we will look at it again. You may also "
        "take the matter to a court or, in the EU, to a certified out-of-court dispute "
        "settlement body (Article 21 of the Digital Services Act)."
    ),
    settings.SITE_URL,
)

# What each decision page says, and the words on its button.
DECISIONS = {
    "accept": {
        "title": _("Accept takedown requests"),
        "explanation": _("Accepting removes every claimed article from the public site at once; "
                         "its address then answers 451."),
        "submit_label": _("Accept and remove"),
        "button": _("Accept…"),
    },
    "reject": {
        "title": _("Reject takedown requests"),
        "explanation": _("Rejecting keeps the articles online (or restores those hidden on "
                         "receipt)."),
        "submit_label": _("Reject"),
        "button": _("Reject…"),
    },
    "reinstate": {
        "title": _("Reinstate removed articles"),
        "explanation": _("Reinstating publishes the claimed articles again, unless another "
                         "accepted request keeps them removed."),
        "submit_label": _("Reinstate"),
        "button": _("Reinstate…"),
    },
}  # fmt: skip
# Transitions that need no statement of reasons: one click on the request's page.
SIMPLE = {
    "start_review": {"button": _("Start review"), "done": _("Review started.")},
    "withdraw": {"button": _("Record withdrawal"), "done": _("Withdrawal recorded.")},
}


class DecisionForm(forms.Form):
    """The statement of reasons, structured as the EU DSA's Article 17 asks."""

    template = forms.ModelChoiceField(
        ReasonTemplate.objects.none(),
        label=_("Start from a template"),
        required=False,
        help_text=_("Fills in the four parts below; you can still change each of them."),
    )
    # Prefixed: a field named "action" would clash with the admin's own action parameter.
    reasons_action = forms.CharField(
        label=_("Action taken"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, and to which content."),
    )
    reasons_facts = forms.CharField(
        label=_("Facts and circumstances"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the decision rests on."),
    )
    reasons_ground = forms.CharField(
        label=_("Ground relied on"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The law or terms applied, e.g. infringement of copyright."),
    )
    reasons_redress = forms.CharField(
        label=_("Redress"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the claimant can do if they disagree."),
    )

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ReasonTemplate.objects.for_decision(decision)

    @property
    def reasons(self) -> dict:
        return {
            key.removeprefix("reasons_"): value
            for key, value in self.cleaned_data.items()
            if key.startswith("reasons_")
        }


def decision_form(request, decision) -> DecisionForm:
    """The form as this POST asks: filled from a template, bound to apply, or fresh."""
    if "load_template" in request.POST:
        chooser = DecisionForm(request.POST, decision=decision)
        try:
            chosen = chooser.fields["template"].clean(request.POST.get("template") or None)
        except ValidationError:
            chosen = None  # gone, or not one for this decision: a fresh form
        if chosen is not None:
            return DecisionForm(
                initial={"template": chosen.pk, **chosen.as_initial()}, decision=decision
            )
    if "apply" in request.POST:
        return DecisionForm(request.POST, decision=decision)
    return DecisionForm(initial={"reasons_redress": DEFAULT_REDRESS}, decision=decision)


def decision_page(model_admin, request, takedowns, decision, form, hidden=()):
    """The reasons page: each notice in full beside the statement-of-reasons form."""
    return TemplateResponse(
        request,
        "admin/syndication/takedownrequest/decide.html",
        {
            **model_admin.admin_site.each_context(request),
            **DECISIONS[decision],
            "opts": model_admin.model._meta,
            "form": form,
            "takedowns": takedowns,
            # (name, value) pairs the list's action needs to come back to it.
            "hidden": hidden,
        },
    )


class DecisionPagesMixin:
    """The request's own page decides: a button for each transition its state allows."""

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [
            path(
                "<path:object_id>/decide/<str:transition>/",
                decide,
                name="syndication_takedownrequest_decide",
            ),
            *super().get_urls(),
        ]

    def decision_buttons(self, obj):
        """(label, url, needs reasons) for what the request's state allows."""
        buttons = []
        for name in obj.allowed_transitions:
            url = reverse("admin:syndication_takedownrequest_decide", args=[obj.pk, name])
            if name in DECISIONS:
                buttons.append((DECISIONS[name]["button"], url, True))
            else:
                buttons.append((SIMPLE[name]["button"], url, False))
        return buttons

    def decide_view(self, request, object_id, transition):
        takedown = get_object_or_404(TakedownRequest, pk=object_id)
        if not self.has_change_permission(request, takedown):
            raise PermissionDenied
        if transition not in DECISIONS and transition not in SIMPLE:
            raise Http404
        change_url = reverse("admin:syndication_takedownrequest_change", args=[takedown.pk])
        if transition in SIMPLE:
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return self._run(request, takedown, transition, change_url, SIMPLE[transition]["done"])
        form = decision_form(request, transition)
        if form.is_bound and form.is_valid():
            done = _("Decision recorded: %(status)s.")
            return self._run(request, takedown, transition, change_url, done, reasons=form.reasons)
        return decision_page(self, request, [takedown], transition, form)

    def _run(self, request, takedown, transition, change_url, done, **kwargs):
        try:
            getattr(takedown, transition)(by=request.user, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                self.message_user(request, message, messages.WARNING)
        else:
            takedown.refresh_from_db()
            self.message_user(
                request, done % {"status": takedown.get_status_display()}, messages.SUCCESS
            )
        return HttpResponseRedirect(change_url)
