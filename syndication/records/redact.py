"""Removes a claimant's personal data from text that is published or sent to a public database."""

import re

REDACTED = "[redacted]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, with the spaces, dots, dashes and brackets people write them with.
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")


def personal_values(takedown) -> list[str]:
    """What identifies the claimant as a person: name, signature, email, phone, address lines."""
    values = [takedown.claimant_name, takedown.signature, takedown.email, takedown.phone]
    values += takedown.postal_address.replace(",", "\n").splitlines()
    values = {" ".join(value.split()) for value in values}
    # Longest first, so "Rosa Rights" goes before a part of it could break it up.
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def redact(text: str, takedown) -> str:
    """`text` without the claimant's personal data, nor any email address or phone number."""
    for value in personal_values(takedown):
        words = [re.escape(word) for word in value.split()]
        text = re.sub(r"\s+".join(words), REDACTED, text, flags=re.IGNORECASE)
    text = _EMAIL.sub(REDACTED, text)
    return _PHONE.sub(REDACTED, text)


def sender(takedown) -> tuple[str, str]:
    """(name, kind) of who sent the notice, as published: the organisation, or "an individual"."""
    if takedown.organisation.strip():
        return redact(takedown.organisation.strip(), takedown), "organization"
    return "an individual", "individual"
