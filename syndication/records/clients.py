"""Submission to the DSA Transparency Database and to Lumen, from the recorded payloads.

Each answer is stored on its OpenRecord: what was accepted, what was refused
and why. A statement the database already holds (its puid is taken) counts
as accepted, so a resend after a lost answer does no harm.
"""

import json
import logging
from dataclasses import dataclass

import httpx
from django.conf import settings

from ..models import OpenRecord

logger = logging.getLogger(__name__)
Outcome = OpenRecord.Outcome
# The database's limit for one call of its multiple-statement endpoint.
BATCH_SIZE = 100


@dataclass
class Summary:
    accepted: int = 0
    refused: int = 0
    failed: int = 0  # not answered (network, authentication, server error): tried again later


def submit_statements(url=None, token=None, batch_size=BATCH_SIZE, http=None) -> Summary:
    """Sends pending statements in batches of at most 100 to `POST …/api/v1/statements`.

    The database takes a batch whole or not at all: when it refuses some
    statements (422, errors keyed `statement_<index>`), those are recorded as
    refused and the rest of the batch is sent again without them.
    """
    url = (url or settings.DSA_TDB_URL).rstrip("/") + "/api/v1/statements"
    token = token or settings.DSA_TDB_TOKEN
    summary = Summary()
    pending = list(OpenRecord.objects.pending(OpenRecord.Kind.DSA_STATEMENT))
    with http or _client() as client:
        for start in range(0, len(pending), batch_size):
            batch = pending[start : start + batch_size]
            while batch:
                batch = _send_batch(client, url, token, batch, summary)
    return summary


def _client():
    return httpx.Client(timeout=settings.DSA_TDB_TIMEOUT, follow_redirects=False)


def _send_batch(client, url, token, batch, summary):
    """Sends one batch; returns what is left to send again (empty when done or failed)."""
    try:
        response = client.post(
            url,
            json={"statements": [record.payload for record in batch]},
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )
    except httpx.HTTPError as exc:
        logger.warning("DSA Transparency Database unreachable: %r", exc)
        summary.failed += len(batch)
        return []
    if response.status_code in (200, 201):
        created = _json(response).get("statements") or []
        for index, record in enumerate(batch):
            answer = created[index] if index < len(created) else response.text[:500]
            record.answer(
                Outcome.ACCEPTED, json.dumps(answer) if isinstance(answer, dict) else answer
            )
            summary.accepted += 1
        return []
    if response.status_code == 422:
        errors = _json(response).get("errors") or {}
        existing = set(errors.get("existing_puids") or [])
        left = []
        for index, record in enumerate(batch):
            if record.key in existing:
                record.answer(Outcome.ACCEPTED, "Already in the database (puid taken).")
                summary.accepted += 1
            elif f"statement_{index}" in errors:
                record.answer(Outcome.REFUSED, json.dumps(errors[f"statement_{index}"]))
                summary.refused += 1
            else:
                left.append(record)
        if len(left) == len(batch):  # a refusal naming none of them: keep them for later
            logger.warning("DSA Transparency Database refused a batch: %s", response.text[:500])
            summary.failed += len(batch)
            return []
        return left
    logger.warning(
        "DSA Transparency Database answered %s: %s", response.status_code, response.text[:500]
    )
    summary.failed += len(batch)
    return []


def _json(response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def submit_lumen(url=None, token=None, http=None) -> Summary:
    """Sends each pending Lumen notice to `POST …/notices` with the authentication token.

    The token is added here and never stored with the payload.
    """
    url = (url or settings.LUMEN_URL).rstrip("/") + "/notices"
    token = token or settings.LUMEN_TOKEN
    summary = Summary()
    with http or httpx.Client(timeout=settings.LUMEN_TIMEOUT, follow_redirects=False) as client:
        for record in OpenRecord.objects.pending(OpenRecord.Kind.LUMEN_NOTICE):
            try:
                # The token as a parameter: proxies often drop Lumen's header
                # form (AUTHENTICATION_TOKEN), as nginx does names with "_".
                response = client.post(
                    url,
                    json={"authentication_token": token, **record.payload},
                    headers={"Accept": "application/json"},
                )
            except httpx.HTTPError as exc:
                logger.warning("Lumen unreachable: %r", exc)
                summary.failed += 1
                continue
            if response.status_code in (200, 201):
                record.answer(Outcome.ACCEPTED, response.text)
                summary.accepted += 1
            elif response.status_code == 422:
                record.answer(Outcome.REFUSED, response.text)
                summary.refused += 1
            else:
                summary.failed += 1
    return summary
