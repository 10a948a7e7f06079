"""Lumen's action_taken says whether the content is removed, and a notice recorded before a
later decision is sent with its outcome as it stands."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from syndication.models import Appeal, OpenRecord, TakedownRequest
from syndication.records import export
from syndication.records.lumen import action_taken, notice_for
from tests.appeal_factories import file_counter_notice, rejection, removal
from tests.takedown_factories import REASONS

S = TakedownRequest.Status


def test_every_status_that_keeps_the_content_removed_is_a_yes(legal_user, second_legal_user):
    takedown, _article = removal(legal_user)
    assert action_taken(takedown) == "Yes"
    file_counter_notice(takedown)
    takedown.refresh_from_db()
    assert takedown.status == S.COUNTER_NOTICED
    assert notice_for(takedown)["notice"]["action_taken"] == "Yes"
    takedown.record_court_action(legal_user, "The claimant sued in Portland.")
    takedown.refresh_from_db()
    assert takedown.status == S.COURT_ACTION
    assert action_taken(takedown) == "Yes"


def test_an_appeal_keeps_what_the_decision_appealed_did(legal_user):
    rejected, _article = rejection(legal_user)
    rejected.appeal("It is my essay.")
    rejected.refresh_from_db()
    assert action_taken(rejected) == "No"
    accepted, _article = removal(legal_user)
    accepted._log(None, S.ACCEPTED, S.APPEALED, "An appeal of the removal.")
    TakedownRequest.objects.filter(pk=accepted.pk).update(status=S.APPEALED)
    accepted.refresh_from_db()
    assert action_taken(accepted) == "Yes"


@pytest.mark.parametrize("how, expected", [("reject", "No"), ("reinstate", "No")])
def test_content_not_removed_is_a_no(legal_user, how, expected):
    if how == "reject":
        takedown, _article = rejection(legal_user)
    else:
        takedown, _article = removal(legal_user)
        takedown.reinstate(legal_user, REASONS)
        takedown.refresh_from_db()
    assert action_taken(takedown) == expected


def test_a_notice_not_sent_yet_is_brought_up_to_date_by_a_later_decision(legal_user):
    takedown, _article = removal(legal_user)
    call_command("export_lumen", "--output", "/dev/null")
    record = OpenRecord.objects.get(kind=OpenRecord.Kind.LUMEN_NOTICE)
    assert record.payload["notice"]["action_taken"] == "Yes"
    appeal = file_counter_notice(takedown)
    Appeal.objects.filter(pk=appeal.pk).update(restore_due_at=timezone.now())
    takedown.restore_after_counter_notice()
    export.record_missing()
    record.refresh_from_db()
    assert record.payload["notice"]["action_taken"] == "No"
    assert record.outcome == OpenRecord.Outcome.PENDING
    assert OpenRecord.objects.filter(kind=OpenRecord.Kind.LUMEN_NOTICE).count() == 1


def test_a_notice_lumen_took_stays_as_sent(legal_user):
    takedown, _article = removal(legal_user)
    export.record_missing()
    record = OpenRecord.objects.get(kind=OpenRecord.Kind.LUMEN_NOTICE)
    record.answer(OpenRecord.Outcome.ACCEPTED, '{"id": 1}')
    takedown.reinstate(legal_user, REASONS)
    export.record_missing()
    record.refresh_from_db()
    assert record.payload["notice"]["action_taken"] == "Yes"
    assert record.outcome == OpenRecord.Outcome.ACCEPTED
