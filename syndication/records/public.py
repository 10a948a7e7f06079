"""What the public notice log shows of one decided notice: nothing that identifies the claimant."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from ..models import TakedownRequest
from .redact import redact, redact_url, sender

S = TakedownRequest.Status
# Notices the Legal team decided (a withdrawn one never was), appeals included.
DECIDED = [S.ACCEPTED, S.REJECTED, S.REINSTATED, S.APPEALED, S.COUNTER_NOTICED, S.COURT_ACTION]


@dataclass
class PublicNotice:
    reference: str
    received_at: datetime
    decided_at: datetime | None
    outcome: str
    sender: str
    work: str
    addresses: list[str]
    ground: str


def decided_notices():
    return TakedownRequest.objects.filter(status__in=DECIDED).order_by("-decided_at", "-pk")


def public_notice(takedown) -> PublicNotice:
    """The log's entry: only these fields, each redacted."""
    name, kind = sender(takedown)
    return PublicNotice(
        reference=takedown.reference,
        received_at=takedown.received_at,
        decided_at=takedown.decided_at,
        outcome=takedown.get_status_display(),
        # `sender` says "an individual" in English, as the public databases (Lumen) get it;
        # the log says it in the reader's language.
        sender=_("an individual") if kind == "individual" else name,
        work=redact(takedown.work_description, takedown),
        addresses=[redact_url(url, takedown) for url in takedown.claimed_urls.splitlines()],
        ground=redact(takedown.reasons_ground, takedown),
    )
