"""The one redaction used by the notice log, the DSA statements and the Lumen export."""

from types import SimpleNamespace

from syndication.records.redact import redact, sender


def notice(**fields):
    defaults = {
        "claimant_name": "Rosa Rights",
        "signature": "Rosa  Rights",
        "email": "rosa@rights.example.org",
        "phone": "+44 20 7946 0000",
        "postal_address": "1 Rights Row, London\nEC1 1AA",
        "organisation": "",
    }
    return SimpleNamespace(**{**defaults, **fields})


def test_the_claimants_details_are_redacted_in_any_case_and_spacing():
    text = "From ROSA   rights, rosa@rights.example.org, +44 20 7946 0000, 1 Rights Row, EC1 1AA."
    out = redact(text, notice())
    for gone in ["ROSA", "rosa@", "7946", "Rights Row", "EC1 1AA"]:
        assert gone not in out
    assert out.startswith("From [redacted], [redacted]")


def test_any_email_or_phone_number_is_redacted():
    out = redact("Ask bob@agency.example.com or call (020) 7946-1234.", notice())
    assert "bob@" not in out and "7946" not in out


def test_ordinary_text_and_years_survive():
    text = "The essay “On Harbours”, first published in 2024, was copied in full."
    assert redact(text, notice()) == text


def test_the_sender_is_the_organisation_or_an_individual():
    assert sender(notice(organisation="Harbour Press Ltd")) == ("Harbour Press Ltd", "organization")
    assert sender(notice()) == ("an individual", "individual")
    assert sender(notice(organisation="Rosa Rights Ltd"))[0] == "[redacted] Ltd"
