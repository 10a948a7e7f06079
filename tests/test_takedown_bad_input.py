"""Bad input on /takedown/: a clear field error and a 400, never a 500, never a stored row."""

import pytest

from syndication.models import TakedownEmail, TakedownEvent, TakedownRequest
from tests.conftest import make_article
from tests.takedown_factories import notice_data


def post_bad(client, article, **overrides):
    response = client.post("/takedown/", notice_data(article, **overrides))
    assert response.status_code == 400
    assert TakedownRequest.objects.count() == 0
    assert TakedownEvent.objects.count() == 0
    assert TakedownEmail.objects.count() == 0
    return response, response.context["form"].errors.as_data()


def codes(errors, field):
    return {e.code for e in errors[field]}


def test_empty_post_lists_every_required_field(client, article):
    response = client.post("/takedown/", {})
    assert response.status_code == 400
    errors = response.context["form"].errors
    for field in ["claimant_name", "email", "phone", "postal_address", "work_description",
                  "claimed_urls", "explanation", "good_faith_statement",
                  "accuracy_statement", "signature"]:  # fmt: skip
        assert field in errors
    assert "Please check the form" in response.content.decode()
    assert TakedownRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "size"),
    [("claimant_name", 201), ("explanation", 5001), ("postal_address", 501), ("phone", 41)],
)
def test_overlong_values_are_refused(client, article, field, size):
    _, errors = post_bad(client, article, **{field: "x" * size})
    assert codes(errors, field) == {"max_length"}


def test_a_huge_body_is_refused(client, article):
    _, errors = post_bad(client, article, explanation="é" * 200_000)
    assert "explanation" in errors


@pytest.mark.parametrize("field", ["claimant_name", "organisation", "phone", "signature"])
@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\r", "\u2028"])
def test_line_breaks_are_refused_where_values_reach_email_headers(
    client, article, field, line_break
):
    value = f"Rosa{line_break}Bcc: victim@example.org"
    _, errors = post_bad(client, article, **{field: value})
    assert "line_break" in codes(errors, field)


def test_email_with_header_injection_is_refused(client, article):
    _, errors = post_bad(client, article, email="rosa@rights.example.org\r\nBcc: x@example.org")
    assert "email" in errors


def test_invalid_email_is_refused(client, article):
    _, errors = post_bad(client, article, email="not-an-email")
    assert codes(errors, "email") == {"invalid"}


@pytest.mark.parametrize("field", ["claimant_name", "explanation", "claimed_urls"])
def test_null_bytes_are_refused(client, article, field):
    _, errors = post_bad(client, article, **{field: "abc\x00def"})
    assert codes(errors, field) == {"null_characters_not_allowed"}


def test_another_sites_url_is_refused_with_the_reason(client, article):
    response, errors = post_bad(
        client, article, claimed_urls="https://elsewhere.example.com/articles/x/"
    )
    assert codes(errors, "claimed_urls") == {"other_site"}
    assert "is on another site" in response.content.decode()


BAD_URLS = [
    "not a url",
    "javascript:alert(1)",
    "ftp://testserver/x",
    "//evil.example.com/articles/a/",
    "http://[::1/articles/x/",
    "http://[zz]/articles/x/",
    "http://testserver:99999/a/",
]


@pytest.mark.parametrize("value", BAD_URLS)
def test_invalid_urls_are_refused(client, article, value):
    _, errors = post_bad(client, article, claimed_urls=value)
    assert codes(errors, "claimed_urls") == {"not_a_url"}


def test_a_page_of_this_site_that_is_not_an_article_is_refused(client, article):
    _, errors = post_bad(client, article, claimed_urls="http://testserver/sources/")
    assert codes(errors, "claimed_urls") == {"not_an_article"}


def test_an_article_url_without_an_article_is_refused(client, article):
    _, errors = post_bad(client, article, claimed_urls="http://testserver/articles/no-such-thing/")
    assert codes(errors, "claimed_urls") == {"no_article"}


def test_a_draft_answers_exactly_like_a_missing_article(client, source):
    drafted = make_article(source, status="draft", publish_at=None)
    response, errors = post_bad(
        client, drafted, claimed_urls=f"http://testserver{drafted.get_absolute_url()}"
    )
    assert codes(errors, "claimed_urls") == {"no_article"}


def test_the_site_address_with_its_default_port_is_this_site(client, article):
    data = notice_data(article)
    data["claimed_urls"] = f"http://testserver:80{article.get_absolute_url()}"
    assert client.post("/takedown/", data).status_code == 302


def test_one_bad_url_among_good_ones_stores_nothing(client, source):
    good = make_article(source)
    urls = f"http://testserver{good.get_absolute_url()}\nhttps://elsewhere.example.com/a"
    _, errors = post_bad(client, good, claimed_urls=urls)
    assert codes(errors, "claimed_urls") == {"other_site"}


def test_too_many_urls_are_refused(client, article):
    urls = "\n".join([f"http://testserver{article.get_absolute_url()}"] * 21)
    _, errors = post_bad(client, article, claimed_urls=urls)
    assert codes(errors, "claimed_urls") == {"too_many"}


def test_missing_statements_are_refused(client, article):
    data = notice_data(article)
    del data["good_faith_statement"], data["accuracy_statement"]
    response = client.post("/takedown/", data)
    assert response.status_code == 400
    assert {"good_faith_statement", "accuracy_statement"} <= set(response.context["form"].errors)


def test_signature_must_match_the_name(client, article):
    _, errors = post_bad(client, article, signature="Someone Else")
    assert codes(errors, "signature") == {"signature_mismatch"}


def test_agent_without_the_owner_is_refused(client, article):
    _, errors = post_bad(client, article, capacity="agent", represented_owner="")
    assert codes(errors, "represented_owner") == {"owner_missing"}


def test_unknown_capacity_is_refused(client, article):
    _, errors = post_bad(client, article, capacity="king")
    assert codes(errors, "capacity") == {"invalid_choice"}


def test_filled_honeypot_is_refused(client, article):
    _, errors = post_bad(client, article, website="http://spam.example.com")
    assert codes(errors, "website") == {"honeypot"}


def test_odd_unicode_in_free_text_is_stored_cleanly(client, article):
    text = "Ẓ̷͙a̴l̸g̵o \U0001f600 \u202e reversed \ufeff bom"
    response = client.post("/takedown/", notice_data(article, explanation=text))
    assert response.status_code == 302
    assert TakedownRequest.objects.get().explanation == text


def test_status_lookup_with_bad_input_is_400(client, db):
    response = client.post("/takedown/status/", {"reference": "x" * 50, "email": "nope"})
    assert response.status_code == 400


def test_status_lookup_with_null_bytes_is_400(client, db):
    response = client.post("/takedown/status/", {"reference": "TD-\x00", "email": "a@b.org\x00"})
    assert response.status_code == 400


def test_prefill_with_a_null_byte_is_ignored(client, db):
    assert client.get("/takedown/", {"article": "a\x00b"}).status_code == 200
