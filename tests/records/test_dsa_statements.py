"""Statements of reasons for the EU DSA Transparency Database: built, exported, submitted."""

import json

import pytest
from django.core.management import CommandError, call_command

from syndication.models import OpenRecord
from syndication.records import clients
from syndication.records.dsa import statement_for
from tests.conftest import make_article
from tests.records.tdb_stub import TransparencyDatabase, validate
from tests.takedown_factories import REASONS, make_takedown

TOKEN = "test-platform-token"  # noqa: S105
PERSONAL = {
    "claimant_name": "Zebedee Quill",
    "signature": "Zebedee Quill",
    "email": "zquill@private-mail.example.net",
    "phone": "+44 20 7946 0123",
    "postal_address": "9 Secret Lane\nHiddenton",
}


@pytest.fixture
def accepted(legal_user):
    takedown = make_takedown(make_article(), **PERSONAL)
    takedown.start_review(legal_user)
    reasons = {**REASONS, "facts": "Zebedee Quill (zquill@private-mail.example.net) owns it."}
    takedown.accept(legal_user, reasons)
    return takedown


@pytest.fixture
def tdb(records_server, settings):
    database = TransparencyDatabase(TOKEN)
    records_server.expect_request("/api/v1/statements", method="POST").respond_with_handler(
        database
    )
    settings.DSA_TDB_URL = records_server.url_for("/")
    settings.DSA_TDB_TOKEN = TOKEN
    return database


def pending(n, template):
    """n recorded statements, copies of a real one under their own puids."""
    for i in range(n):
        OpenRecord.objects.create(
            request=template.request,
            kind=OpenRecord.Kind.DSA_STATEMENT,
            key=f"TD-COPY-{i:04d}",
            payload={**template.payload, "puid": f"TD-COPY-{i:04d}"},
        )


def test_an_acceptance_records_one_statement_that_follows_the_databases_rules(accepted):
    [record] = accepted.open_records.filter(kind=OpenRecord.Kind.DSA_STATEMENT)
    statement = record.payload
    assert validate(statement) == {}
    assert record.key == statement["puid"] == accepted.reference
    assert statement["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert statement["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert statement["illegal_content_legal_ground"] == REASONS["ground"]
    assert statement["content_type"] == ["CONTENT_TYPE_TEXT"]
    assert statement["category"] == "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"
    assert statement["category_specification"] == ["KEYWORD_COPYRIGHT_INFRINGEMENT"]
    assert statement["source_type"] == "SOURCE_ARTICLE_16"
    assert statement["automated_detection"] == "No"
    assert statement["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert statement["application_date"] == f"{accepted.decided_at:%Y-%m-%d}"


def test_a_statement_carries_no_personal_data(accepted):
    text = json.dumps(statement_for(accepted), ensure_ascii=False)
    for value in [*PERSONAL.values(), "Zebedee", "Secret Lane", "@"]:
        assert value not in text


def test_a_rejection_records_no_statement(legal_user, article):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.reject(legal_user, REASONS)
    assert not takedown.open_records.filter(kind=OpenRecord.Kind.DSA_STATEMENT).exists()


def test_the_stub_applies_the_databases_rules():
    """The local server refuses what the real one refuses (a check of the test itself)."""
    assert "puid" in validate({"puid": "TD 1"})
    assert "application_date" in validate({"application_date": "2025-01-01-10"})
    assert "illegal_content_legal_ground" in validate(
        {"decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT"}
    )
    assert "decision_visibility" in validate({"decision_visibility": "DECISION_VISIBILITY_X"})


def test_the_export_command_writes_valid_statements(accepted, tmp_path):
    out = tmp_path / "statements.json"
    call_command("export_dsa_statements", "--output", str(out))
    data = json.loads(out.read_text())
    assert [s["puid"] for s in data["statements"]] == [accepted.reference]
    assert all(validate(statement) == {} for statement in data["statements"])


def test_the_export_records_statements_for_acceptances_made_before(accepted, tmp_path):
    OpenRecord.objects.filter(request=accepted).update(kind=OpenRecord.Kind.LUMEN_NOTICE)
    out = tmp_path / "statements.json"
    call_command("export_dsa_statements", "--output", str(out))
    assert len(json.loads(out.read_text())["statements"]) == 1


def test_submission_sends_batches_of_at_most_100_and_records_acceptance(accepted, tdb, capsys):
    pending(149, accepted.open_records.get(kind=OpenRecord.Kind.DSA_STATEMENT))
    call_command("submit_dsa_statements")
    assert [len(batch) for batch in tdb.calls] == [100, 50]
    assert len(tdb.stored) == 150
    assert not OpenRecord.objects.pending(OpenRecord.Kind.DSA_STATEMENT).exists()
    record = accepted.open_records.get(kind=OpenRecord.Kind.DSA_STATEMENT, key=accepted.reference)
    assert record.outcome == OpenRecord.Outcome.ACCEPTED and "uuid-" in record.response
    assert "150 accepted, 0 refused, 0 to try again" in capsys.readouterr().out


def test_puids_already_sent_are_skipped(accepted, tdb):
    call_command("submit_dsa_statements")
    call_command("submit_dsa_statements")
    assert len(tdb.calls) == 1


def test_a_puid_the_database_already_holds_counts_as_accepted(accepted, tdb):
    tdb.stored[accepted.reference] = {}
    summary = clients.submit_statements()
    assert summary.accepted == 1
    record = accepted.open_records.get(kind=OpenRecord.Kind.DSA_STATEMENT)
    assert record.outcome == OpenRecord.Outcome.ACCEPTED
    assert "Already in the database" in record.response


def test_a_refused_statement_is_recorded_and_the_rest_of_its_batch_sent_again(accepted, tdb):
    good = accepted.open_records.get(kind=OpenRecord.Kind.DSA_STATEMENT)
    bad = OpenRecord.objects.create(
        request=accepted,
        kind=OpenRecord.Kind.DSA_STATEMENT,
        key="TD-BAD",
        payload={**good.payload, "puid": "TD-BAD", "content_date": "1999-12-31"},
    )
    summary = clients.submit_statements()
    assert (summary.accepted, summary.refused, summary.failed) == (1, 1, 0)
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.outcome == OpenRecord.Outcome.REFUSED and "content date" in bad.response
    assert good.outcome == OpenRecord.Outcome.ACCEPTED
    assert len(tdb.calls) == 2


def test_a_wrong_token_leaves_statements_pending_and_exits_1(accepted, tdb, settings):
    settings.DSA_TDB_TOKEN = "wrong"  # noqa: S105
    with pytest.raises(SystemExit) as exit_:
        call_command("submit_dsa_statements")
    assert exit_.value.code == 1
    assert OpenRecord.objects.pending(OpenRecord.Kind.DSA_STATEMENT).count() == 1


def test_an_unreachable_database_leaves_statements_pending(accepted, settings):
    settings.DSA_TDB_URL = "http://127.0.0.1:9/"
    settings.DSA_TDB_TOKEN = TOKEN
    summary = clients.submit_statements()
    assert summary.failed == 1
    assert OpenRecord.objects.pending(OpenRecord.Kind.DSA_STATEMENT).count() == 1


def test_submission_needs_its_settings(accepted, settings):
    settings.DSA_TDB_URL = ""
    with pytest.raises(CommandError):
        call_command("submit_dsa_statements")
