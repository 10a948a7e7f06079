"""The domain: sources, the articles reposted from them, the disclaimer, and takedowns."""

from .articles import Article, ArticleQuerySet, SeoPolicy
from .disclaimers import Disclaimer
from .polling import FeedFetch, FeedHostSlot
from .purges import FrontCachePurge
from .ratelimits import RateLimitCounter
from .reason_templates import ReasonTemplate
from .sources import Source
from .takedown_emails import TakedownEmail
from .takedowns import ClaimedArticle, TakedownEvent, TakedownRequest

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ClaimedArticle",
    "Disclaimer",
    "FeedFetch",
    "FeedHostSlot",
    "FrontCachePurge",
    "RateLimitCounter",
    "ReasonTemplate",
    "SeoPolicy",
    "Source",
    "TakedownEmail",
    "TakedownEvent",
    "TakedownRequest",
]
