"""An agent's notice: no part of the claimant's or the represented owner's name reaches the
public notice log, the DSA statement or the Lumen notice."""

import json

import pytest

from syndication.records.dsa import statement_for
from syndication.records.lumen import notice_for
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

LOG = "/transparency/notices/"
NAMES = ["Doe", "Jane", "Peter", "Photog"]


@pytest.fixture
def agents_notice(legal_user):
    article = make_article(slug="2024-01-15-ferry")
    takedown = make_takedown(
        article,
        claimant_name="Jane Q Doe",
        signature="Jane Q Doe",
        organisation="Harbour Press Ltd",
        capacity="agent",
        represented_owner="Peter Photog",
        work_description="The ferry photo, by Doe (J. Doe), for Peter Photog.",
        original_work_url="http://127.0.0.1:8711/articles/2024-01-15-ferry/",
        explanation="Doe owns it; Peter Photog never licensed it.",
    )
    takedown.start_review(legal_user)
    reasons = {
        **REASONS,
        "action": "Removed at the request of Jane's agency.",
        "facts": "Doe owns it: Photog's own site shows the photo first.",
        "ground": "Copyright of Doe (17 U.S.C. § 512).",
    }
    takedown.accept(legal_user, reasons)
    takedown.refresh_from_db()
    return takedown


def assert_no_name(text):
    for name in NAMES:
        assert name.casefold() not in text.casefold(), name


def test_the_notice_log_shows_no_part_of_a_name(client, agents_notice):
    page = client.get(LOG).content.decode()
    assert agents_notice.reference in page
    assert "Harbour Press Ltd" in page  # the organisation is shown on purpose
    assert "/articles/2024-01-15-ferry/" in page
    assert_no_name(page.replace("2024-01-15-ferry", ""))


def test_the_dsa_statement_shows_no_part_of_a_name(agents_notice):
    statement = statement_for(agents_notice)
    for field in ["illegal_content_explanation", "decision_facts", "illegal_content_legal_ground"]:
        assert_no_name(statement[field])
        assert "[redacted]" in statement[field]


def test_the_lumen_notice_shows_no_part_of_a_name_and_keeps_its_addresses(agents_notice):
    notice = notice_for(agents_notice)["notice"]
    assert_no_name(notice["body"])
    [work] = notice["works_attributes"]
    assert_no_name(work["description"])
    assert work["copyrighted_urls_attributes"] == [
        {"url": "http://127.0.0.1:8711/articles/2024-01-15-ferry/"}
    ]
    sender = notice["entity_notice_roles_attributes"][1]["entity_attributes"]
    assert sender["name"] == "Harbour Press Ltd"
    text = json.dumps(notice).replace("2024-01-15-ferry", "")
    assert_no_name(text)
