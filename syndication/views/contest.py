"""/takedown/contest/<token>/: the publisher's private page to contest a removal."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from .. import ratelimit
from ..forms import CounterNoticeForm
from ..models import Appeal, TakedownRequest
from .takedowns import too_many_requests


@method_decorator(never_cache, name="dispatch")
class ContestView(View):
    """The removal and its reasons, and the counter-notice form while one can be filed.

    The link is the key: it was emailed to the publisher's rights contact and
    is never shown anywhere else. No claimant details are on this page.
    """

    template_name = "syndication/takedown_contest.html"

    def get_takedown(self, token):
        takedown = (
            TakedownRequest.objects.exclude(contest_token="")
            .filter(contest_token=token)
            .prefetch_related("articles")
            .first()
        )
        if takedown is None:
            raise Http404
        return takedown

    def render(self, request, takedown, form=None, filed=None, status=200, **extra):
        can_file = (
            takedown.status == TakedownRequest.Status.ACCEPTED
            and not takedown.appeals.filter(kind=Appeal.Kind.COUNTER_NOTICE).exists()
        )
        context = {
            "takedown": takedown,
            "form": form or (CounterNoticeForm() if can_file else None),
            "can_file": can_file,
            "filed": filed,
            "counter_notice_days": settings.TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS,
            **extra,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, token):
        return self.render(request, self.get_takedown(token))

    def post(self, request, token):
        limit = settings.TAKEDOWN_ATTEMPT_RATE_LIMIT
        if not ratelimit.allow("takedown-contest", request, limit):
            return too_many_requests(request, retry_after=limit[1])
        takedown = self.get_takedown(token)
        refused = self.refusal(takedown)
        if refused is not None:
            return refused
        form = CounterNoticeForm(request.POST)
        if not form.is_valid():
            return self.render(request, takedown, form=form, status=400)
        try:
            appeal = takedown.file_counter_notice(**form.cleaned_data)
        except ValidationError as exc:
            # Filed or decided meanwhile (a double click, another tab): say so on the page.
            takedown.refresh_from_db()
            refused = self.refusal(takedown)
            if refused is not None:
                return refused
            form.add_error(None, exc)
            return self.render(request, takedown, form=form, status=400)
        takedown.refresh_from_db()
        return self.render(request, takedown, filed=appeal)

    def refusal(self, takedown):
        """The page for a counter-notice that cannot be filed now, or None if it can.

        Sent again after it was filed (a double click, a reload): the notice it
        filed, as a success. The removal decided otherwise since the page was
        shown: why nothing was filed.
        """
        already = takedown.appeals.filter(kind=Appeal.Kind.COUNTER_NOTICE).first()
        if already is not None:
            return self.render(self.request, takedown, already_filed=already)
        if takedown.status != TakedownRequest.Status.ACCEPTED:
            error = _(
                "Nothing was filed: this removal is now “%(status)s”, so a counter-notice can "
                "no longer be filed on it."
            ) % {"status": takedown.get_status_display()}
            return self.render(self.request, takedown, error=error, status=400)
        return None
