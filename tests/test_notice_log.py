"""/transparency/notices/: decided notices, paginated, with no personal data on any page."""

import re

import pytest

from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

LOG = "/transparency/notices/"


def claimant(n):
    """Personal data unique to claimant n, planted in every free-text field too."""
    name = f"Zebedee Quill{n}"
    email = f"zquill{n}@private-mail.example.net"
    phone = f"+44 20 7946 {n:04d}"
    street = f"{n} Secret Lane"
    return {
        "claimant_name": name,
        "signature": name,
        "email": email,
        "phone": phone,
        "postal_address": f"{street}\nHiddenton HT{n} 9ZZ",
        "work_description": f"My essay no. {n}, by {name} ({email}), call {phone}.",
        "explanation": f"Write to me at {street}.",
    }


def decide(takedown, legal_user, how):
    takedown.start_review(legal_user)
    ground = f"Copyright infringement; contact {takedown.email} or {takedown.phone}."
    getattr(takedown, how)(legal_user, {**REASONS, "ground": ground})


@pytest.fixture
def log(legal_user, source):
    """45 decided notices (three pages), an open one and a withdrawn one."""
    decided = []
    for n in range(45):
        organisation = "Harbour Press Ltd" if n % 2 else ""
        takedown = make_takedown(make_article(source), organisation=organisation, **claimant(n))
        decide(takedown, legal_user, "accept" if n % 3 else "reject")
        decided.append(takedown)
    open_one = make_takedown(make_article(source), **claimant(100))
    withdrawn = make_takedown(make_article(source), **claimant(101))
    withdrawn.withdraw()
    return decided, open_one, withdrawn


def pages(client):
    first = client.get(LOG)
    count = first.context["page_obj"].paginator.num_pages
    return [first] + [client.get(LOG, {"page": n}) for n in range(2, count + 1)]


def test_every_page_shows_no_personal_data(client, log):
    decided, open_one, withdrawn = log
    every = [*decided, open_one, withdrawn]
    answers = pages(client)
    assert len(answers) == 3
    for response in answers:
        assert response.status_code == 200
        page = response.content.decode()
        for takedown in every:
            for value in [takedown.claimant_name, takedown.email, takedown.phone,
                          *takedown.postal_address.splitlines()]:  # fmt: skip
                assert value not in page, (response.request["QUERY_STRING"], value)
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", page.replace("@context", ""))
        assert "Zebedee" not in page and "Secret Lane" not in page


def test_the_log_lists_each_decided_notice_once(client, log):
    decided, open_one, withdrawn = log
    text = "".join(response.content.decode() for response in pages(client))
    for takedown in decided:
        assert text.count(f'id="{takedown.reference}"') == 1
    assert open_one.reference not in text
    assert withdrawn.reference not in text


def test_an_entry_shows_what_was_claimed_decided_and_why(client, legal_user, article):
    takedown = make_takedown(article, organisation="Harbour Press Ltd", **claimant(7))
    decide(takedown, legal_user, "accept")
    page = client.get(LOG).content.decode()
    assert takedown.reference in page
    assert "Accepted: content removed" in page
    assert "Harbour Press Ltd" in page
    assert "My essay no. 7" in page
    assert article.get_absolute_url() in page
    assert "Copyright infringement" in page
    assert "[redacted]" in page


def test_an_individual_is_named_as_such(client, legal_user, article):
    takedown = make_takedown(article, organisation="", **claimant(8))
    decide(takedown, legal_user, "reject")
    page = client.get(LOG).content.decode()
    assert "an individual" in page
    assert "Rejected" in page


def test_the_log_is_linked_from_the_report_and_each_451_page(client, legal_user):
    article = make_article()
    takedown = make_takedown(article)
    decide(takedown, legal_user, "accept")
    assert f'href="{LOG}"' in client.get("/transparency/").content.decode()
    removed = client.get(article.get_absolute_url())
    assert removed.status_code == 451
    assert f'href="{LOG}"' in removed.content.decode()


def test_an_empty_log_and_a_bad_page(client, db):
    assert "No notice has been decided yet" in client.get(LOG).content.decode()
    assert client.get(LOG, {"page": "9"}).status_code == 404
    assert client.get(LOG, {"page": "x"}).status_code == 404


def test_a_notice_under_appeal_stays_in_the_log(client, legal_user, article):
    takedown = make_takedown(article, **claimant(9))
    decide(takedown, legal_user, "reject")
    takedown.appeal("Please look again.")
    page = client.get(LOG).content.decode()
    assert takedown.reference in page
    assert "Rejection appealed by the claimant" in page
