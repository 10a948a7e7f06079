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
from ..models import Article, ContestLink, TakedownRequest
from .takedowns import too_many_requests

# A publisher may contest while its articles stay removed, whatever other publishers did.
S = TakedownRequest.Status
FILEABLE = [S.ACCEPTED, S.COUNTER_NOTICED, S.COURT_ACTION]


@method_decorator(never_cache, name="dispatch")
class ContestView(View):
    """The removal and its reasons, and the counter-notice form while one can be filed.

    The link is the key: it was sent to one publisher's rights contact and is
    never shown anywhere else. The page shows that publisher's articles only,
    and no claimant details.
    """

    template_name = "syndication/takedown_contest.html"

    def get_link(self, token):
        link = ContestLink.objects.select_related("request", "source").filter(token=token).first()
        if link is None:
            raise Http404
        return link

    def render(self, request, link, form=None, filed=None, status=200, **extra):
        takedown = link.request
        counter_notice = link.counter_notice
        can_file = (
            counter_notice is None
            and takedown.status in FILEABLE
            and link.removed_articles().filter(status=Article.Status.REMOVED).exists()
        )
        context = {
            "takedown": takedown,
            "link": link,
            "articles": link.removed_articles().order_by("pk"),
            "counter_notice": counter_notice,
            "form": form or (CounterNoticeForm() if can_file else None),
            "can_file": can_file,
            "filed": filed,
            "counter_notice_days": settings.TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS,
            **extra,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, token):
        return self.render(request, self.get_link(token))

    def post(self, request, token):
        limit = settings.TAKEDOWN_ATTEMPT_RATE_LIMIT
        if not ratelimit.allow("takedown-contest", request, limit):
            return too_many_requests(request, retry_after=limit[1])
        link = self.get_link(token)
        refused = self.refusal(link)
        if refused is not None:
            return refused
        form = CounterNoticeForm(request.POST)
        if not form.is_valid():
            return self.render(request, link, form=form, status=400)
        try:
            appeal = link.request.file_counter_notice(link, **form.cleaned_data)
        except ValidationError as exc:
            # Filed or decided meanwhile (a double click, another tab): say so on the page.
            link.request.refresh_from_db()
            refused = self.refusal(link)
            if refused is not None:
                return refused
            form.add_error(None, exc)
            return self.render(request, link, form=form, status=400)
        link.request.refresh_from_db()
        return self.render(request, link, filed=appeal)

    def refusal(self, link):
        """The page for a counter-notice that cannot be filed now, or None if it can.

        Sent again after it was filed (a double click, a reload): the notice it
        filed, as a success. The removal decided otherwise since the page was
        shown: why nothing was filed.
        """
        already = link.counter_notice
        if already is not None:
            return self.render(self.request, link, already_filed=already)
        takedown = link.request
        if (
            takedown.status not in FILEABLE
            or not link.removed_articles().filter(status=Article.Status.REMOVED).exists()
        ):
            error = _(
                "Nothing was filed: this removal is now “%(status)s”, so a counter-notice can "
                "no longer be filed on it."
            ) % {"status": takedown.get_status_display()}
            return self.render(self.request, link, error=error, status=400)
        return None
