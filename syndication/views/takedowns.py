"""The rights holder's side: the notice form, its confirmation, the status look-up, the report."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import CreateView, DetailView, FormView, TemplateView

from .. import ratelimit, transparency
from ..addresses import base_url
from ..forms import ClaimantUpdateForm, StatusLookupForm, TakedownForm
from ..models import Article, TakedownRequest


def too_many_requests(request, retry_after, what="notices"):
    """The friendly answer once a client is over a rate limit; `what` it counted."""
    response = render(request, "429.html", {"what": what}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitedPostMixin:
    """Counts each POST of a client against `rate_limit_setting`, in the database."""

    rate_limit_scope = ""
    rate_limit_setting = ""
    rate_limit_counts = "notices"

    def post(self, request, *args, **kwargs):
        limit = getattr(settings, self.rate_limit_setting)
        if not ratelimit.allow(self.rate_limit_scope, request, limit):
            return too_many_requests(request, retry_after=limit[1], what=self.rate_limit_counts)
        return super().post(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class TakedownCreateView(RateLimitedPostMixin, CreateView):
    """/takedown/: the notice form; ?article=<slug> fills in that article's address."""

    model = TakedownRequest
    form_class = TakedownForm
    template_name = "syndication/takedown_form.html"
    # Every POST counts against a loose limit (typos included); stored
    # notices against the strict one, so a claimant who mistypes is not locked out.
    rate_limit_scope = "takedown-attempt"
    rate_limit_setting = "TAKEDOWN_ATTEMPT_RATE_LIMIT"

    def form_valid(self, form):
        key = form.submission_key
        with transaction.atomic():
            TakedownRequest.wait_for_same_submission(key)
            stored = self.stored_from_same_form(key)
            if stored is not None:
                # Sent before (a double click, a resent POST): that notice's
                # confirmation, without counting against the limit again.
                return redirect(stored)
            limit = settings.TAKEDOWN_RATE_LIMIT
            if not ratelimit.allow("takedown", self.request, limit):
                return too_many_requests(self.request, retry_after=limit[1])
            try:
                return super().form_valid(form)
            except IntegrityError:
                # Sent twice at once where nothing waits (SQLite): the other one stored it.
                stored = self.stored_from_same_form(key)
                if stored is None:
                    raise
                return redirect(stored)

    @staticmethod
    def stored_from_same_form(key):
        """The notice already stored from the same form, sent unchanged, if any."""
        if not key:
            return None
        return TakedownRequest.objects.filter(submission_key=key).first()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "base_url": base_url(self.request)}

    def get_initial(self):
        article = self.reported_article
        if article is None:
            return {}
        return {"claimed_urls": self.request.build_absolute_uri(article.get_absolute_url())}

    @cached_property
    def reported_article(self):
        """The published article named by ?article=<slug>, looked up once per request."""
        slug = self.request.GET.get("article", "")
        if not slug or len(slug) > 200 or not slug_re.fullmatch(slug):
            return None  # not a slug (e.g. a NUL byte, which PostgreSQL refuses): no prefill
        return Article.objects.published().filter(slug=slug).first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reported_article=self.reported_article,
            strike_limit=settings.REPEAT_INFRINGER_STRIKES,
            strike_window_days=settings.REPEAT_INFRINGER_WINDOW_DAYS,
            **kwargs,
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@method_decorator(never_cache, name="dispatch")
class TakedownSubmittedView(DetailView):
    """/takedown/submitted/<reference>/: the reference and what happens next; no personal data."""

    model = TakedownRequest
    slug_field = "reference"
    slug_url_kwarg = "reference"
    context_object_name = "takedown"
    template_name = "syndication/takedown_submitted.html"


@method_decorator(never_cache, name="dispatch")
class TakedownStatusView(RateLimitedPostMixin, FormView):
    """/takedown/status/: reference plus email gives the status; any wrong pair, one answer.

    On the same page the claimant can withdraw an open notice or add
    information to it; each such step is checked and rate-limited as a look-up.
    """

    form_class = StatusLookupForm
    template_name = "syndication/takedown_status.html"
    rate_limit_scope = "takedown-status"
    rate_limit_setting = "TAKEDOWN_STATUS_RATE_LIMIT"
    rate_limit_counts = "lookups"

    def get_form_class(self):
        return ClaimantUpdateForm if "intent" in self.request.POST else StatusLookupForm

    @staticmethod
    def find(cleaned):
        return (
            TakedownRequest.objects.filter(
                reference=cleaned["reference"], email__iexact=cleaned["email"]
            )
            .prefetch_related("articles")
            .first()
        )

    def form_valid(self, form):
        takedown = self.find(form.cleaned_data)
        if takedown is None:
            context = self.get_context_data(form=self.lookup_form(form), not_found=True)
            return self.render_to_response(context, status=404)
        done = error = None
        if isinstance(form, ClaimantUpdateForm):
            try:
                if form.cleaned_data["intent"] == "withdraw":
                    takedown.withdraw(online=True)
                    done = _("Your notice is withdrawn. No decision will be made on it.")
                elif form.cleaned_data["intent"] == "appeal":
                    takedown.appeal(form.cleaned_data["information"])
                    done = _(
                        "Your appeal is received. Someone who did not make the first "
                        "decision will decide on it."
                    )
                else:
                    takedown.add_information(form.cleaned_data["information"])
                    done = _("Thank you: your information is added to the notice.")
            except ValidationError as exc:
                error = " ".join(exc.messages)
            takedown = self.find(form.cleaned_data)
        context = self.status_context(takedown, self.lookup_form(form), done=done, error=error)
        return self.render_to_response(context, status=400 if error else 200)

    def form_invalid(self, form):
        if isinstance(form, ClaimantUpdateForm) and not (
            {"reference", "email"} & form.errors.keys()
        ):
            takedown = self.find(form.cleaned_data)
            if takedown is not None:
                context = self.status_context(takedown, self.lookup_form(form), invalid=form)
                return self.render_to_response(context, status=400)
        return self.render_to_response(
            self.get_context_data(form=self.lookup_form(form)), status=400
        )

    def lookup_form(self, form):
        """The visible look-up form, filled in with what was looked up."""
        if isinstance(form, StatusLookupForm) and not isinstance(form, ClaimantUpdateForm):
            return form
        return StatusLookupForm(initial={k: form.data.get(k, "") for k in ["reference", "email"]})

    def status_context(self, takedown, form, done=None, error=None, invalid=None):
        ids = {"reference": takedown.reference, "email": takedown.email}
        forms = {
            intent: ClaimantUpdateForm(initial={**ids, "intent": intent})
            for intent in ["withdraw", "add", "appeal"]
        }
        offered = {
            "withdraw": takedown.status in TakedownRequest.OPEN_STATUSES,
            "add": takedown.status != TakedownRequest.Status.WITHDRAWN,
            "appeal": takedown.can_be_appealed,
        }
        if invalid is not None:
            intent = invalid.data.get("intent")
            if offered.get(intent):
                forms[intent] = invalid  # its errors show beside its fields
            else:
                # No section of the page shows this form (an unknown step, or one this
                # notice no longer offers): its errors go at the top, or nobody sees them.
                error = self.invalid_step_error(invalid)
        return self.get_context_data(
            form=form,
            takedown=takedown,
            can_withdraw=offered["withdraw"],
            can_add=offered["add"],
            can_appeal=offered["appeal"],
            appeal_form=forms["appeal"],
            withdraw_form=forms["withdraw"],
            add_form=forms["add"],
            done=done,
            error=error,
        )

    @staticmethod
    def invalid_step_error(form):
        if "intent" in form.errors:
            return _("That step is not available. What you can do with this notice is shown below.")
        return _("This step is not available for your notice now: %(errors)s") % {
            "errors": " ".join(message for messages in form.errors.values() for message in messages)
        }


class TransparencyView(TemplateView):
    """/transparency/: requests by month and outcome, as a table and a server-drawn chart."""

    template_name = "syndication/transparency.html"

    def get_context_data(self, **kwargs):
        report = transparency.monthly_report()
        return super().get_context_data(
            report=list(reversed(report)),
            totals=transparency.totals(report),
            appeals=transparency.appeal_totals(),
            chart=transparency.chart(report),
            generated_at=timezone.now(),
            **kwargs,
        )


def transparency_csv(request):
    """The same report as CSV, oldest month first."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="takedown-transparency.csv"'
    transparency.write_csv(transparency.monthly_report(), response)
    return response
