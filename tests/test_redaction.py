"""The one redaction used by the notice log, the DSA statements and the Lumen export."""

from types import SimpleNamespace

from syndication.records.redact import redact, redact_url, sender


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


def test_each_name_word_is_redacted_alone_but_not_initials_nor_the_organisation():
    agent = notice(
        claimant_name="Jane Q Doe",
        signature="Jane Doe",
        represented_owner="Peter Photog",
        organisation="Doe Pictures",
    )
    out = redact("By Doe (J. Doe), for PETER photog; jane's photo. Doe Pictures holds it.", agent)
    for gone in ["Doe)", "By Doe", "PETER", "photog", "jane"]:
        assert gone not in out
    assert out == (
        "By [redacted] (J. [redacted]), for [redacted]; [redacted]'s photo. Doe Pictures holds it."
    )
    assert redact("Doesn't matter; a donor.", agent) == "Doesn't matter; a donor."


def test_addresses_in_the_text_are_not_taken_for_phone_numbers():
    text = (
        "See /articles/2024-01-15-ferry/ and http://127.0.0.1:8711/x on 15/01/2024, "
        "or call 020 7946 1234."
    )
    out = redact(text, notice())
    assert "/articles/2024-01-15-ferry/" in out
    assert "http://127.0.0.1:8711/x" in out
    assert "7946" not in out


def test_an_address_is_redacted_only_by_the_claimants_own_values():
    assert redact_url("http://127.0.0.1:8711/articles/2024-01-15-ferry/", notice()) == (
        "http://127.0.0.1:8711/articles/2024-01-15-ferry/"
    )
    assert redact_url("mailto:rosa@rights.example.org", notice()) == "mailto:[redacted]"
    assert redact_url("Rosa  Rights", notice()) == "[redacted]"
