from django.views.generic import ListView

from .. import frontcache
from ..pagecache import PublicPageMixin
from ..search import MAX_QUERY_LENGTH, normalize_query, search_articles, snippet


class SearchView(PublicPageMixin, ListView):
    """Full-text search over published articles (`/search/?q=…`)."""

    template_name = "syndication/search.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        self.raw_query = self.request.GET.get("q", "")
        self.query = normalize_query(self.raw_query)
        results, self.more_results = search_articles(self.query)
        return results

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query,
            truncated=len(" ".join(self.raw_query.split())) > MAX_QUERY_LENGTH,
            max_query_length=MAX_QUERY_LENGTH,
            more_results=self.more_results,
            **kwargs,
        )
        frontcache.add_keys(self.request, frontcache.LISTS)
        frontcache.add_article_keys(self.request, context["articles"])
        for article in context["articles"]:
            article.snippet = snippet(article)
        return context
