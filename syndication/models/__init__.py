"""The domain: sources, the articles reposted from them, the disclaimer, and takedowns."""

from . import lookups  # noqa: F401  (registers field__any)
from .appeals import Appeal, ContestLink
from .articles import Article, ArticleQuerySet, SeoPolicy
from .disclaimers import Disclaimer
from .duplicates import ArticleSketch, NearDuplicate, SketchKey
from .evidence import ArticleFingerprint
from .open_records import OpenRecord
from .permissions import Permission, Scope
from .polling import FeedFetch, FeedHostSlot
from .purges import FrontCachePurge
from .ratelimits import RateLimitCounter
from .reason_templates import ReasonTemplate
from .sources import Source
from .takedown_emails import TakedownEmail
from .takedowns import ClaimedArticle, TakedownEvent, TakedownRequest

__all__ = [
    "Appeal",
    "ContestLink",
    "Article",
    "ArticleFingerprint",
    "ArticleQuerySet",
    "ArticleSketch",
    "ClaimedArticle",
    "Disclaimer",
    "FeedFetch",
    "FeedHostSlot",
    "FrontCachePurge",
    "NearDuplicate",
    "OpenRecord",
    "Permission",
    "RateLimitCounter",
    "ReasonTemplate",
    "Scope",
    "SeoPolicy",
    "SketchKey",
    "Source",
    "TakedownEmail",
    "TakedownEvent",
    "TakedownRequest",
]
