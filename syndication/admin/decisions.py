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
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Appeal, ReasonTemplate
from ..models.evidence import compare

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
    "decide_appeal": {
        "title": _("Decide the appeal"),
        "explanation": _("You must not be the person who made the decision appealed. On the "
                         "claimant's appeal, reversing removes the articles. On the publisher's "
                         "counter-notice, reversing restores them now; upholding keeps them "
                         "removed and stops their automatic return (the publisher may then go "
                         "to court)."),
        "submit_label": _("Decide the appeal"),
        "button": _("Decide appeal…"),
    },
    "record_court_action": {
        "title": _("Record court action by the claimant"),
        "explanation": _("The articles stay removed and are not restored when the counter-notice "
                         "period ends. Both sides are told."),
        "submit_label": _("Record court action"),
        "button": _("Record court action…"),
    },
    "end_court_action": {
        "title": _("Record how the court action ended"),
        "explanation": _("The court decides, not us: record its outcome. If the court found for "
                         "the publisher, or the claimant dropped the case, the publisher's "
                         "articles come back; if it upheld the removal, they stay removed. "
                         "Both sides are told, with the statement of reasons."),
        "submit_label": _("Record the outcome"),
        "button": _("Court action ended…"),
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

    def transition_kwargs(self) -> dict:
        return {"reasons": self.reasons}


class ChoosesAppeal(forms.Form):
    """Which of the request's appeals the step acts on: a notice claiming articles of several
    publishers may have a counter-notice from each."""

    appeal = forms.ModelChoiceField(
        Appeal.objects.none(),
        label=_("Appeal or counter-notice"),
        empty_label=None,
        widget=forms.RadioSelect,
        required=False,  # none chosen: the oldest waiting, as the page preselects
    )

    appeal_step = ""  # the transition, as TakedownRequest.decidable_appeals names it

    def __init__(self, *args, takedown=None, decision=None, **kwargs):
        super().__init__(*args, **kwargs)
        if takedown is not None:
            self.fields["appeal"].queryset = takedown.decidable_appeals(self.appeal_step)
            self.fields["appeal"].initial = self.fields["appeal"].queryset.first()


class AppealDecisionForm(DecisionForm, ChoosesAppeal):
    """An appeal's decision: uphold or reverse, with a full statement of reasons."""

    appeal_step = "decide_appeal"

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("uphold", _("Uphold the decision")), ("reverse", _("Reverse the decision"))],
        widget=forms.RadioSelect,
    )

    field_order = ["appeal", "template", "outcome"]

    def transition_kwargs(self) -> dict:
        return {
            "reasons": self.reasons,
            "reverse": self.cleaned_data["outcome"] == "reverse",
            "appeal": self.cleaned_data["appeal"],
        }


class CourtOutcomeForm(DecisionForm, ChoosesAppeal):
    """How a court action ended, with the statement of reasons sent to both sides."""

    appeal_step = "end_court_action"

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (
                "restore",
                _(
                    "The court found for the publisher, or the claimant dropped the case: "
                    "restore the articles"
                ),
            ),
            ("keep", _("The court upheld the removal: the articles stay removed")),
        ],  # fmt: skip
        widget=forms.RadioSelect,
    )

    field_order = ["appeal", "template", "outcome"]

    def transition_kwargs(self) -> dict:
        return {
            "reasons": self.reasons,
            "restore": self.cleaned_data["outcome"] == "restore",
            "appeal": self.cleaned_data["appeal"],
        }


class CourtActionForm(ChoosesAppeal):
    """What Legal knows of the claimant's court action."""

    appeal_step = "record_court_action"

    note = forms.CharField(
        label=_("Court action"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which court, the case reference, and how the claimant told us."),
    )

    def transition_kwargs(self) -> dict:
        return {"note": self.cleaned_data["note"], "appeal": self.cleaned_data["appeal"]}


FORMS = {
    "decide_appeal": AppealDecisionForm,
    "record_court_action": CourtActionForm,
    "end_court_action": CourtOutcomeForm,
}


def decision_form(request, decision, takedown=None) -> DecisionForm:
    """The form as this POST asks: filled from a template, bound to apply, or fresh.

    `takedown`: the request decided from its own page, whose appeals a step
    on an appeal chooses from.
    """
    form_class = FORMS.get(decision, DecisionForm)
    options = {"decision": decision}
    if issubclass(form_class, ChoosesAppeal):
        options["takedown"] = takedown
    if form_class is CourtActionForm:
        return form_class(request.POST if "apply" in request.POST else None, **options)
    if "load_template" in request.POST:
        chooser = form_class(request.POST, **options)
        try:
            chosen = chooser.fields["template"].clean(request.POST.get("template") or None)
        except ValidationError:
            chosen = None  # gone, or not one for this decision: a fresh form
        if chosen is not None:
            initial = {"template": chosen.pk, **chosen.as_initial()}
            if "appeal" in request.POST:
                initial["appeal"] = request.POST["appeal"]
            return form_class(initial=initial, **options)
    if "apply" in request.POST:
        return form_class(request.POST, **options)
    return form_class(initial={"reasons_redress": DEFAULT_REDRESS}, **options)


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
            "evidence": {t.pk: compare(t) for t in takedowns},
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
        takedown = self.get_object(request, object_id)  # None for an id that is not one
        if takedown is None:
            raise Http404
        if not self.has_change_permission(request, takedown):
            raise PermissionDenied
        if transition not in DECISIONS and transition not in SIMPLE:
            raise Http404
        change_url = reverse("admin:syndication_takedownrequest_change", args=[takedown.pk])
        if transition in SIMPLE:
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return self._run(request, takedown, transition, change_url, SIMPLE[transition]["done"])
        form = decision_form(request, transition, takedown)
        if form.is_bound and form.is_valid():
            done = _("Decision recorded: %(status)s.")
            kwargs = form.transition_kwargs()
            return self._run(request, takedown, transition, change_url, done, **kwargs)
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
