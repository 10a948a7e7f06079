"""Writes the open records of decisions (OpenRecord rows) and reads them out for export."""

from django.db import IntegrityError, transaction

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
    return written


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
