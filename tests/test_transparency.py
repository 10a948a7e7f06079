"""/transparency/: requests by month and outcome, median time to decision, chart and CSV."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

from syndication.transparency import monthly_report
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_counts_each_outcome_in_the_month_it_happened(legal_user, source):
    accepted = make_takedown(make_article(source), received_at=days_ago(4))
    accepted.start_review(legal_user)
    accepted.accept(legal_user, REASONS)
    rejected = make_takedown(make_article(source), received_at=days_ago(2))
    rejected.start_review(legal_user)
    rejected.reject(legal_user, REASONS)
    make_takedown(make_article(source)).withdraw()

    report = monthly_report()

    this_month = report[-1]
    assert this_month.month == timezone.localdate().replace(day=1)
    # Receipts may fall in last month early in a month; decisions happened today.
    assert sum(row.counts["received"] for row in report) == 3
    assert this_month.counts["accepted"] == this_month.counts["rejected"] == 1
    assert this_month.counts["withdrawn"] == 1
    assert this_month.counts["reinstated"] == 0
    assert this_month.median_days == 3.0


def test_empty_months_are_listed(article):
    make_takedown(article, received_at=days_ago(70))
    report = monthly_report()
    assert len(report) >= 3
    assert sum(row.counts["received"] for row in report[1:-1]) == 0


def test_page_shows_table_and_an_inline_svg_chart_without_scripts(client, article, legal_user):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)

    response = client.get("/transparency/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "<rect" in page
    assert "<script" not in page
    assert timezone.localdate().strftime("%B %Y") in page
    assert "rosa" not in page.lower()


def test_csv_download_has_one_row_per_month(client, article, legal_user):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.reject(legal_user, REASONS)

    response = client.get("/transparency/report.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["month", "received", "accepted", "rejected", "withdrawn", "reinstated",
                       "median_days_to_decision", "percent_within_target"]  # fmt: skip
    assert rows[-1][:4] == [timezone.localdate().strftime("%Y-%m"), "1", "0", "1"]


def test_report_works_with_no_requests_at_all(client, db):
    response = client.get("/transparency/")
    assert response.status_code == 200
    assert "0 received" in response.content.decode()


def test_the_share_decided_within_the_target(settings, legal_user, source, client):
    settings.TAKEDOWN_TARGET_DAYS = 7
    for received in [2, 3, 10]:
        takedown = make_takedown(make_article(source), received_at=days_ago(received))
        takedown.start_review(legal_user)
        takedown.accept(legal_user, REASONS)
    make_takedown(make_article(source)).withdraw()  # not a decision

    page = client.get("/transparency/").content.decode()
    assert "a decision within 7 days" in page
    assert "67% of the 3 decisions so far met it" in page
    assert 'href="/transparency/notices/"' in page
    rows = list(csv.reader(io.StringIO(client.get("/transparency/report.csv").content.decode())))
    assert rows[-1][-1] == "67"


def test_appeals_and_their_outcomes_are_reported(client, legal_user, second_legal_user, source):
    rejected = make_takedown(make_article(source))
    rejected.start_review(legal_user)
    rejected.reject(legal_user, REASONS)
    rejected.appeal("Please look again.")
    rejected.decide_appeal(second_legal_user, REASONS, reverse=True)
    other = make_takedown(make_article(source))
    other.start_review(legal_user)
    other.reject(legal_user, REASONS)
    other.appeal("And this one.")

    page = client.get("/transparency/").content.decode()
    assert "Appeals: 2 by claimants against a rejection and 0 counter-notices" in page
    assert "1 reversed the decision, 0 upheld it" in page
    assert "and 1 await a decision" in page
