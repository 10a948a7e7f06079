"""The domain: sources, the articles reposted from them, and the disclaimer."""

from .articles import Article, ArticleQuerySet, SeoPolicy
from .disclaimers import Disclaimer
from .sources import Source

__all__ = ["Article", "ArticleQuerySet", "Disclaimer", "SeoPolicy", "Source"]
