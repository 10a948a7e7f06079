from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import Truncator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from .. import frontcache
from ..addresses import base_url
from ..models import Article, Disclaimer
from ..pagecache import PublicPageMixin
from ..structured_data import news_article
from .removed import removed_response

RELATED_ARTICLES = 3
# What includes/article_summary.html shows; lists load nothing else (not the bodies).
SUMMARY_FIELDS = (
    "title",
    "slug",
    "summary",
    "original_authors",
    "original_published_at",
    "publish_at",
    "lead_image_url",
    "lead_image_alt",
    "lead_image_credit",
    "source__name",
    "source__slug",
    "permission__scope",  # what readers get of it: no summary for headline-only articles
)


def for_preview(article):
    """`article` as readers would get it once published, for a preview.

    An article records its permission only when it is published, so a draft
    would preview as a bare headline; it previews with the scope of the
    permission that would cover it (none: the headline, as readers would get it).
    """
    if article.permission_id is None:
        article.permission = article.covering_permission(article.publish_at or timezone.now())
    return article


def article_page_context(request, article, disclaimer: str) -> dict:
    """What article_detail.html needs besides the article, for the page and its preview."""
    site = base_url(request)
    url = site + article.get_absolute_url()
    return {
        "disclaimer": disclaimer,
        "page_url": url,
        "seo_policy": article.effective_seo_policy,
        "structured_data": news_article(article, disclaimer, url, site),
        # Used three times in the head (description, Open Graph, Twitter card).
        "description": Truncator(article.public_summary or article.title).words(40),
    }


class PublicArticlesMixin:
    """Public pages list only what `Article.objects.published()` allows."""

    def get_queryset(self):
        return Article.objects.published().select_related("source", "permission")


class ArticleListView(PublicPageMixin, PublicArticlesMixin, ListView):
    """The home page: the latest published articles, newest first."""

    template_name = "syndication/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return super().get_queryset().only(*SUMMARY_FIELDS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        frontcache.add_keys(self.request, frontcache.LISTS)
        frontcache.add_article_keys(self.request, context["articles"])
        return context


class ArticleDetailView(PublicPageMixin, PublicArticlesMixin, DetailView):
    """One article with its attribution and the disclaimer."""

    template_name = "syndication/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Not public: removed articles get their own answer, the rest 404.
            removed = Article.objects.filter(
                slug=kwargs["slug"], status=Article.Status.REMOVED
            ).select_related("source")
            article = removed.first()
            if article is None:
                raise
            return removed_response(request, article)

    def get_context_data(self, **kwargs):
        related = list(self.object.related().only(*SUMMARY_FIELDS)[:RELATED_ARTICLES])
        frontcache.add_keys(self.request, frontcache.DISCLAIMER)
        # A related article's takedown or edit must reach this page too.
        frontcache.add_article_keys(self.request, [self.object, *related])
        context = article_page_context(self.request, self.object, Disclaimer.current_text())
        return super().get_context_data(**context, related=related, **kwargs)


@method_decorator([staff_member_required, never_cache], name="dispatch")
class ArticlePreviewView(DetailView):
    """Shows any article as the public would see it; staff only, never cached."""

    template_name = "syndication/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        return for_preview(
            get_object_or_404(
                Article.objects.select_related("source", "permission"), pk=self.kwargs["pk"]
            )
        )

    def get_context_data(self, **kwargs):
        context = article_page_context(self.request, self.object, Disclaimer.current_text())
        return super().get_context_data(
            **context,
            preview=True,
            preview_state=self.object.visibility_description(),
            edit_url=reverse("admin:syndication_article_change", args=[self.object.pk]),
            **kwargs,
        )
