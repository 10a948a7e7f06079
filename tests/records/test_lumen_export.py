"""Decided notices for Lumen: its notice JSON, redacted, exported and optionally submitted."""

import json

import pytest
from django.core.management import CommandError, call_command
from werkzeug import Response

from syndication.models import OpenRecord
from syndication.records.lumen import notice_for
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

TOKEN = "lumen-test-token"  # noqa: S105
PERSONAL = {
    "claimant_name": "Zebedee Quill",
    "signature": "Zebedee Quill",
    "email": "zquill@private-mail.example.net",
    "phone": "+44 20 7946 0123",
    "postal_address": "9 Secret Lane\nHiddenton",
    "explanation": "Zebedee Quill wrote it; call +44 20 7946 0123 or zquill@private-mail.net.",
}


def decided(legal_user, how="accept", **fields):
    article = make_article()
    takedown = make_takedown(article, **{**PERSONAL, **fields})
    takedown.start_review(legal_user)
    getattr(takedown, how)(legal_user, REASONS)
    return takedown, article


def test_an_accepted_notice_in_lumens_format(legal_user, settings):
    takedown, article = decided(
        legal_user,
        organisation="Harbour Press Ltd",
        original_work_url="https://harbour.example/essay",
    )
    notice = notice_for(takedown)["notice"]
    assert notice["type"] == "DMCA"
    assert notice["action_taken"] == "Yes"
    [work] = notice["works_attributes"]
    assert work["infringing_urls_attributes"] == [
        {"url": f"{settings.SITE_URL}{article.get_absolute_url()}"}
    ]
    assert work["copyrighted_urls_attributes"] == [{"url": "https://harbour.example/essay"}]
    roles = {
        role["name"]: role["entity_attributes"] for role in notice["entity_notice_roles_attributes"]
    }
    assert roles["sender"] == {"name": "Harbour Press Ltd", "kind": "organization"}
    assert roles["recipient"]["name"] == settings.SITE_NAME


def test_a_rejected_notice_from_an_individual(legal_user):
    takedown, _article = decided(legal_user, how="reject", organisation="")
    notice = notice_for(takedown)["notice"]
    assert notice["action_taken"] == "No"
    sender = notice["entity_notice_roles_attributes"][1]["entity_attributes"]
    assert sender == {"name": "an individual", "kind": "individual"}


def test_the_notice_is_redacted(legal_user):
    takedown, _article = decided(legal_user)
    text = json.dumps(notice_for(takedown), ensure_ascii=False)
    for value in ["Zebedee", "Quill", "zquill", "7946", "Secret Lane", "Hiddenton"]:
        assert value not in text


def test_the_export_command_writes_every_decided_notice(legal_user, tmp_path):
    accepted, _a = decided(legal_user)
    rejected, _b = decided(legal_user, how="reject")
    make_takedown(make_article())  # open: not exported
    out = tmp_path / "lumen.json"
    call_command("export_lumen", "--output", str(out))
    titles = [n["notice"]["title"] for n in json.loads(out.read_text())]
    assert len(titles) == 2
    assert any(accepted.reference in t for t in titles)
    assert any(rejected.reference in t for t in titles)


@pytest.fixture
def lumen(records_server, settings):
    received = []

    def handler(request):
        body = json.loads(request.get_data(as_text=True))
        if body.pop("authentication_token", None) != TOKEN:
            return Response("", status=401)
        received.append(body)
        if not body.get("notice", {}).get("title"):
            return Response('{"title": ["can\'t be blank"]}', status=422)
        return Response(json.dumps({"id": len(received)}), status=201)

    records_server.expect_request("/notices", method="POST").respond_with_handler(handler)
    settings.LUMEN_URL = records_server.url_for("/")
    settings.LUMEN_TOKEN = TOKEN
    return received


def test_submit_sends_each_pending_notice_once(legal_user, lumen, capsys):
    decided(legal_user)
    call_command("export_lumen", "--submit")
    call_command("export_lumen", "--submit")
    assert len(lumen) == 1
    record = OpenRecord.objects.get(kind=OpenRecord.Kind.LUMEN_NOTICE)
    assert record.outcome == OpenRecord.Outcome.ACCEPTED
    assert "1 accepted" in capsys.readouterr().out


def test_a_refused_notice_is_recorded(legal_user, lumen):
    decided(legal_user)
    call_command("export_lumen")  # records it
    record = OpenRecord.objects.get(kind=OpenRecord.Kind.LUMEN_NOTICE)
    record.payload = {"notice": {"title": ""}}
    record.save()
    call_command("export_lumen", "--submit")
    record.refresh_from_db()
    assert record.outcome == OpenRecord.Outcome.REFUSED
    assert "blank" in record.response


def test_a_wrong_token_keeps_the_notice_pending(legal_user, lumen, settings):
    settings.LUMEN_TOKEN = "wrong"  # noqa: S105
    decided(legal_user)
    with pytest.raises(SystemExit):
        call_command("export_lumen", "--submit")
    assert OpenRecord.objects.pending(OpenRecord.Kind.LUMEN_NOTICE).count() == 1


def test_submit_needs_its_settings(settings, db):
    settings.LUMEN_URL = ""
    with pytest.raises(CommandError):
        call_command("export_lumen", "--submit")
