from .articles import ArticleDetailView, ArticleListView, ArticlePreviewView
from .crawlers import robots_txt, sitemap_xml
from .health import healthz
from .search import SearchView
from .sources import SourceDetailView, SourceListView

__all__ = [
    "ArticleDetailView",
    "ArticleListView",
    "ArticlePreviewView",
    "SearchView",
    "SourceDetailView",
    "SourceListView",
    "healthz",
    "robots_txt",
    "sitemap_xml",
]
