from django.views.generic import ListView

from ..search import (
    MAX_QUERY_LENGTH,
    normalize_query,
    planned_for_each_query,
    search_articles,
    snippet,
)
from .public import PublicPageMixin, attach_public_sources


class SearchView(PublicPageMixin, ListView):
    """Full-text search over published articles (`/search/?q=…`)."""

    template_name = "syndication/search.html"
    context_object_name = "articles"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        # Every query runs here: get_context_data fetches the page shown.
        with planned_for_each_query():
            return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.raw_query = self.request.GET.get("q", "")
        self.query = normalize_query(self.raw_query)
        return search_articles(self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query,
            truncated=len(" ".join(self.raw_query.split())) > MAX_QUERY_LENGTH,
            max_query_length=MAX_QUERY_LENGTH,
            more_results=getattr(self.object_list, "more", False),
            **kwargs,
        )
        attach_public_sources(self.request, context["articles"])
        for article in context["articles"]:
            article.snippet = snippet(article, self.query)
        return context
