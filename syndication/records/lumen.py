"""Decided notices in Lumen's notice JSON (berkmancenter/lumendatabase, doc/api_documentation).

Redacted before anything leaves: the sender is its organisation or "an
individual", with no email, phone, postal address or personal name.
"""

from django.conf import settings
from django.utils import timezone

from .redact import redact, redact_url, sender


def action_taken(takedown) -> str:
    """Lumen's action_taken: "Yes" while this notice keeps the content removed, else "No".

    Accepted, counter-noticed (removed until restored) and court action all
    remove it; an appeal pending keeps whatever the decision appealed did.
    """
    S = takedown.Status
    status = takedown.status
    if status == S.APPEALED:
        status = (
            takedown.events.filter(to_status=S.APPEALED)
            .exclude(from_status=S.APPEALED)
            .order_by("-at", "-id")
            .values_list("from_status", flat=True)
            .first()
        )
    return "Yes" if status in takedown.REMOVING_STATUSES else "No"


def notice_for(takedown) -> dict:
    """The body Lumen's `POST /notices` takes (without the authentication token)."""
    name, kind = sender(takedown)
    work_url = redact_url(takedown.original_work_url, takedown)
    copyrighted = [work_url] if work_url.startswith("http") else []
    infringing = [line for line in takedown.claimed_urls.splitlines() if line.strip()]
    infringing = [url if url.startswith("http") else settings.SITE_URL + url for url in infringing]
    return {
        "notice": {
            "title": f"Copyright notice {takedown.reference} to {settings.SITE_NAME}",
            "type": "DMCA",
            "subject": "Copyright (DMCA / DSA Article 16) notice about republished articles",
            "date_sent": timezone.localdate(takedown.received_at).isoformat(),
            "date_received": timezone.localdate(takedown.received_at).isoformat(),
            "source": "Online form",
            "action_taken": action_taken(takedown),
            "body": redact(takedown.explanation, takedown),
            "works_attributes": [
                {
                    "kind": "Article",
                    "description": redact(takedown.work_description, takedown),
                    "copyrighted_urls_attributes": [{"url": url} for url in copyrighted],
                    "infringing_urls_attributes": [{"url": url} for url in infringing],
                }
            ],
            "entity_notice_roles_attributes": [
                {
                    "name": "recipient",
                    "entity_attributes": {
                        "name": settings.SITE_NAME,
                        "kind": "organization",
                        "url": settings.SITE_URL,
                    },
                },
                {"name": "sender", "entity_attributes": {"name": name, "kind": kind}},
            ],
        }
    }
