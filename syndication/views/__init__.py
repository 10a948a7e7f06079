from .articles import ArticleDetailView, ArticleListView, ArticlePreviewView
from .health import healthz
from .sources import SourceDetailView, SourceListView

__all__ = [
    "ArticleDetailView",
    "ArticleListView",
    "ArticlePreviewView",
    "SourceDetailView",
    "SourceListView",
    "healthz",
]
