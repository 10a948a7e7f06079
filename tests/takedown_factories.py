"""Factories for takedown tests: a valid notice as the form posts it, and stored requests."""

from syndication.models import TakedownRequest

REASONS = {
    "action": "The article was removed.",
    "facts": "The claimant showed the text is theirs and unlicensed.",
    "ground": "Copyright infringement.",
    "redress": "Reply to this email to ask for a review.",
}


def notice_data(*articles, **overrides):
    """POST data for /takedown/ claiming `articles` (full URLs on the test server's host)."""
    data = {
        "claimant_name": "Rosa Rights",
        "organisation": "Rights & Co",
        "email": "rosa@rights.example.org",
        "phone": "+44 20 7946 0000",
        "postal_address": "1 Rights Row\nLondon",
        "capacity": "owner",
        "represented_owner": "",
        "work_description": "My essay “On Harbours”, first published in 2024.",
        "original_work_url": "https://rights.example.org/on-harbours",
        "claimed_urls": "\n".join(f"http://testserver{a.get_absolute_url()}" for a in articles),
        "explanation": "The whole essay was copied without a licence.",
        "good_faith_statement": "on",
        "accuracy_statement": "on",
        "signature": "Rosa Rights",
        "website": "",
    }
    return {**data, **overrides}


def make_takedown(*articles, **fields) -> TakedownRequest:
    """A stored request (through submit, as the form stores one) claiming `articles`."""
    defaults = {
        "claimed_urls": "\n".join(a.get_absolute_url() for a in articles),
        "claimant_name": "Rosa Rights",
        "email": "rosa@rights.example.org",
        "phone": "+44 20 7946 0000",
        "postal_address": "1 Rights Row, London",
        "work_description": "An essay.",
        "explanation": "Copied without a licence.",
        "good_faith_statement": True,
        "accuracy_statement": True,
        "signature": "Rosa Rights",
    }
    return TakedownRequest.submit(list(articles), **{**defaults, **fields})
