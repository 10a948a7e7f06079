from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from .. import frontcache
from ..models import Article, Source
from ..pagecache import PublicPageMixin
from .articles import SUMMARY_FIELDS


class SourceListView(PublicPageMixin, ListView):
    """Every source with the number of its published articles."""

    template_name = "syndication/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        # A correlated count per source, served by the (source, status,
        # publish_at) index, instead of joining every article to its source.
        published_count = (
            Article.objects.published()
            .filter(source=OuterRef("pk"))
            .order_by()
            .values("source")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return Source.objects.annotate(article_count=Coalesce(Subquery(published_count), 0)).only(
            "name", "slug"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        frontcache.add_keys(self.request, frontcache.LISTS)
        frontcache.add_keys(self.request, *map(frontcache.source_key, context["sources"]))
        return context


class SourceDetailView(PublicPageMixin, ListView):
    """One source and its published articles, newest first."""

    template_name = "syndication/source_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.source = get_object_or_404(Source, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .filter(source=self.source)
            .select_related("source", "permission")
            .only(*SUMMARY_FIELDS)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(source=self.source, **kwargs)
        frontcache.add_keys(self.request, frontcache.LISTS, frontcache.source_key(self.source))
        frontcache.add_article_keys(self.request, context["articles"])
        return context
