"""Writes the open records of decisions (OpenRecord rows) and reads them out for export."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import OpenRecord, TakedownRequest
from . import dsa, lumen
from .public import DECIDED

K = OpenRecord.Kind


def _record(takedown, kind, key, payload):
    try:
        with transaction.atomic():  # a savepoint: another process may have recorded it first
            return OpenRecord.objects.create(request=takedown, kind=kind, key=key, payload=payload)
    except IntegrityError:
        return None


def record_statement(takedown):
    """The DSA statement of reasons of an acceptance, recorded once (called as it is decided)."""
    return _record(takedown, K.DSA_STATEMENT, dsa.puid(takedown), dsa.statement_for(takedown))


def record_missing() -> int:
    """Records what is missing: statements for accepted requests, Lumen notices for decided ones.

    Acceptances record their statement as they happen; this catches requests
    decided before this existed. Returns how many rows it wrote.
    """
    written = 0
    accepted = TakedownRequest.objects.filter(status=TakedownRequest.Status.ACCEPTED).exclude(
        open_records__kind=K.DSA_STATEMENT
    )
    for takedown in accepted.prefetch_related("articles"):
        written += record_statement(takedown) is not None
    decided = TakedownRequest.objects.filter(status__in=DECIDED).exclude(
        open_records__kind=K.LUMEN_NOTICE
    )
    for takedown in decided:
        written += (
            _record(takedown, K.LUMEN_NOTICE, takedown.reference, lumen.notice_for(takedown))
            is not None
        )
    return written + refresh_lumen_notices()


def refresh_lumen_notices() -> int:
    """Brings up to date each Lumen notice not yet taken by Lumen whose request was decided
    again since it was recorded (an appeal, a counter-notice, a restoration), so it is sent
    with its outcome as it stands. Lumen's API cannot change a notice it has taken: those
    stay as sent. Returns how many it rebuilt."""
    rebuilt = 0
    rows = OpenRecord.objects.filter(kind=K.LUMEN_NOTICE).exclude(
        outcome=OpenRecord.Outcome.ACCEPTED
    )
    for record in rows.select_related("request"):
        takedown = record.request
        changed = takedown.events.filter(at__gt=record.created_at).exclude(
            from_status=F("to_status")
        )
        if not changed.exists():
            continue
        record.payload = lumen.notice_for(takedown)
        record.outcome = OpenRecord.Outcome.PENDING
        record.response = ""
        record.answered_at = None
        record.created_at = timezone.now()  # exported again, as it stands now
        record.save(update_fields=["payload", "outcome", "response", "answered_at", "created_at"])
        rebuilt += 1
    return rebuilt


def statements(pending_only=False) -> dict:
    """Every recorded statement as the database's multiple-statement call takes them."""
    rows = OpenRecord.objects.filter(kind=K.DSA_STATEMENT)
    if pending_only:
        rows = rows.filter(outcome=OpenRecord.Outcome.PENDING)
    return {"statements": [row.payload for row in rows]}


def lumen_notices(pending_only=False) -> list[dict]:
    rows = OpenRecord.objects.filter(kind=K.LUMEN_NOTICE)
    if pending_only:
        rows = rows.filter(outcome=OpenRecord.Outcome.PENDING)
    return [row.payload for row in rows]
