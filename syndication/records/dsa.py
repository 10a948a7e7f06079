"""Statements of reasons for the EU's DSA Transparency Database (Article 24(5) DSA).

One statement per decision that removed content, built to the database's
API rules (`StatementStoreRequest` and `Statement` in
digital-services-act/transparency-database) and free of personal data
(Article 24(5) forbids it): every free text passes through `redact`.
"""

import re
from datetime import date

from django.utils import timezone

from .redact import redact

PUID = re.compile(r"^[a-zA-Z0-9-_]+$")
# Limits of the database's fields, in characters.
MAX_DECISION_FACTS = 5000
MAX_LEGAL_GROUND = 500
MAX_EXPLANATION = 2000
# Dates the database accepts.
EARLIEST_CONTENT_DATE = date(2000, 1, 1)


def puid(takedown) -> str:
    """The platform's own id of the statement: the request's reference (one removal each)."""
    return takedown.reference


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def content_date(takedown) -> date:
    """When the content went up here: the earliest claimed article's publication on this site."""
    moments = [a.publish_at or a.created_at for a in takedown.articles.all()]
    moments = [m for m in moments if m is not None]
    day = timezone.localdate(min(moments)) if moments else timezone.localdate(takedown.received_at)
    return max(day, EARLIEST_CONTENT_DATE)


def statement_for(takedown) -> dict:
    """The statement of reasons for an accepted takedown, as the database's API takes it."""
    facts = redact(takedown.reasons_facts, takedown)
    decision_facts = redact(f"{takedown.reasons_action}\n\n{takedown.reasons_facts}", takedown)
    decided = takedown.decided_at or timezone.now()
    return {
        "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"],
        "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
        "illegal_content_legal_ground": _clip(
            redact(takedown.reasons_ground, takedown), MAX_LEGAL_GROUND
        ),
        "illegal_content_explanation": _clip(facts, MAX_EXPLANATION),
        "content_type": ["CONTENT_TYPE_TEXT"],
        "category": "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        "category_specification": ["KEYWORD_COPYRIGHT_INFRINGEMENT"],
        "content_date": content_date(takedown).isoformat(),
        "application_date": timezone.localdate(decided).isoformat(),
        "decision_facts": _clip(decision_facts, MAX_DECISION_FACTS),
        "source_type": "SOURCE_ARTICLE_16",
        # A person's notice: the notifier's identity stays out (personal data).
        "automated_detection": "No",
        "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
        "puid": puid(takedown),
    }
