"""Removes a claimant's personal data from text that is published or sent to a public database."""

import re

REDACTED = "[redacted]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, with the spaces, dots, dashes and brackets people write them with.
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
# An address in running text: with a scheme, from www., or a path starting with "/"
# (not the "/" inside a date such as 15/01/2024). Sentence punctuation after it stays out.
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|(?<![\w/])/)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]")
# A word of a name: letters, with inner apostrophes or hyphens (O'Brien, Smith-Jones).
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Shorter name words (initials, "Q", "Li") would also strike ordinary words.
MIN_NAME_WORD = 3


def _squash(value: str) -> str:
    return " ".join(value.split())


def personal_values(takedown) -> list[str]:
    """What identifies the claimant as a person: name, signature, email, phone, address lines,
    and the rights owner an agent acts for."""
    values = [
        takedown.claimant_name,
        takedown.signature,
        takedown.email,
        takedown.phone,
        getattr(takedown, "represented_owner", ""),
    ]
    values += takedown.postal_address.replace(",", "\n").splitlines()
    values = {_squash(value) for value in values}
    # Longest first, so "Rosa Rights" goes before a part of it could break it up.
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def name_words(takedown) -> list[str]:
    """Each word of three or more letters of the claimant's name, signature and represented
    owner: a surname alone ("Doe owns it") or a first name identifies a person too."""
    words = set()
    for name in [
        takedown.claimant_name,
        takedown.signature,
        getattr(takedown, "represented_owner", ""),
    ]:
        for word in _NAME_WORD.findall(name or ""):
            # A compound and each of its parts: "Smith-Jones", "Smith", "Jones".
            words.update(
                part for part in [word, *re.split(r"['’-]", word)] if len(part) >= MIN_NAME_WORD
            )
    return sorted(words, key=len, reverse=True)


def _redact_values(text: str, values) -> str:
    for value in values:
        words = [re.escape(word) for word in value.split()]
        text = re.sub(r"\s+".join(words), REDACTED, text, flags=re.IGNORECASE)
    return text


def _redact_name_words(text: str, words, keep: str) -> str:
    """Strikes each name word as a whole word, except inside the organisation's name, which
    the records show on purpose (a claimant "Rosa Rights" of "Rights & Co")."""
    if not words:
        return text
    kept = []
    if keep:
        kept = [m.span() for m in re.finditer(re.escape(keep), text, flags=re.IGNORECASE)]
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)",
        re.IGNORECASE,
    )

    def strike(match):
        inside = any(start <= match.start() and match.end() <= end for start, end in kept)
        return match.group(0) if inside else REDACTED

    return pattern.sub(strike, text)


def redact_url(url: str, takedown) -> str:
    """An address, left whole: only the claimant's own email in it, or an address that is
    exactly one of the claimant's values, is redacted. The phone and name patterns would
    break dated paths (/articles/2024-01-15-ferry/) and hosts (127.0.0.1:8711)."""
    if _squash(url).casefold() in {v.casefold() for v in personal_values(takedown)}:
        return REDACTED
    email = (takedown.email or "").strip()
    if email:
        url = re.sub(re.escape(email), REDACTED, url, flags=re.IGNORECASE)
    return url


def _redact_prose(text: str, takedown, values, words, keep) -> str:
    text = _redact_values(text, values)
    text = _redact_name_words(text, words, keep)
    text = _EMAIL.sub(REDACTED, text)
    return _PHONE.sub(REDACTED, text)


def redact(text: str, takedown) -> str:
    """`text` without the claimant's personal data, nor any email address or phone number.

    Addresses in the text are treated by `redact_url`, the prose around them in full.
    """
    values = personal_values(takedown)
    words = name_words(takedown)
    keep = _redact_values(_squash(getattr(takedown, "organisation", "") or ""), values)
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts.append(_redact_prose(text[last : match.start()], takedown, values, words, keep))
        parts.append(redact_url(match.group(0), takedown))
        last = match.end()
    parts.append(_redact_prose(text[last:], takedown, values, words, keep))
    return "".join(parts)


def sender(takedown) -> tuple[str, str]:
    """(name, kind) of who sent the notice, as published: the organisation, or "an individual"."""
    if takedown.organisation.strip():
        return redact(takedown.organisation.strip(), takedown), "organization"
    return "an individual", "individual"
