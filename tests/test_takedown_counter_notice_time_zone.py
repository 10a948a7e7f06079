"""The counter-notice period is counted in business days of the site's time zone, not UTC."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from syndication.models.appeals import business_days_after
from tests.appeal_factories import file_counter_notice, removal

HOLIDAYS = frozenset({date(2026, 12, 25), date(2027, 1, 1)})


@pytest.fixture
def los_angeles(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    settings.TAKEDOWN_HOLIDAYS = HOLIDAYS
    settings.TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS = 10
    return ZoneInfo("America/Los_Angeles")


def test_a_thursday_evening_filing_counts_from_that_thursday(los_angeles):
    # 17:00 in Los Angeles is already Friday 25 December, 01:00, in UTC.
    filed = datetime(2026, 12, 24, 17, tzinfo=los_angeles)
    due = business_days_after(filed.astimezone(ZoneInfo("UTC")), 10)
    assert timezone.localtime(due) == datetime(2027, 1, 11, 17, tzinfo=los_angeles)
    assert timezone.localdate(due) == date(2027, 1, 11)  # a Monday


def test_the_restoration_date_of_a_counter_notice_is_a_local_business_day(los_angeles, legal_user):
    takedown, _article = removal(legal_user)
    filed = datetime(2026, 12, 24, 17, tzinfo=los_angeles).astimezone(ZoneInfo("UTC"))
    with mock.patch("django.utils.timezone.now", return_value=filed):
        appeal = file_counter_notice(takedown)
    assert timezone.localdate(appeal.restore_due_at) == date(2027, 1, 11)
