from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import ListView

from ..models import Article, Source
from .public import PublicPageMixin


class SourceListView(PublicPageMixin, ListView):
    """Every source with the number of its published articles."""

    template_name = "syndication/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        # The same rule as Article.objects.published(), spelled across the relation.
        published = Q(
            articles__status=Article.Status.PUBLISHED, articles__publish_at__lte=timezone.now()
        )
        return Source.objects.annotate(article_count=Count("articles", filter=published))


class SourceDetailView(PublicPageMixin, ListView):
    """One source and its published articles, newest first."""

    template_name = "syndication/source_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.source = get_object_or_404(Source, slug=self.kwargs["slug"])
        return Article.objects.published().filter(source=self.source).select_related("source")

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, **kwargs)
