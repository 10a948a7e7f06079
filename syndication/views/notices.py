"""/transparency/notices/: the public log of decided takedown notices, without personal data."""

from django.views.generic import ListView

from ..records.public import decided_notices, public_notice


class NoticeLogView(ListView):
    """Newest decision first; each entry is built by `public_notice`, which redacts it."""

    template_name = "syndication/notice_log.html"
    paginate_by = 20
    context_object_name = "takedowns"

    def get_queryset(self):
        return decided_notices()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notices"] = [public_notice(takedown) for takedown in context["page_obj"]]
        # The template lists the redacted entries; it gets no request to reach into.
        del context["takedowns"], context["object_list"]
        return context
