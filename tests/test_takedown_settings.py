"""The Legal settings refuse values the law or the product does not allow, at start-up."""

import pytest

from tests.test_settings import PRODUCTION, manage


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("TAKEDOWN_APPEAL_DAYS", "30", "at least 183"),
        ("TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS", "9", "from 10 to 14"),
        ("TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS", "15", "from 10 to 14"),
        ("TAKEDOWN_TARGET_DAYS", "0", "1 or more"),
        ("TAKEDOWN_APPEAL_TARGET_DAYS", "0", "1 or more"),
        ("TAKEDOWN_HOLIDAYS", "2026-12-25,25/12/2026", "YYYY-MM-DD"),
    ],
)
def test_a_value_out_of_bounds_stops_start_up(name, value, message):
    result = manage("check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert message in result.stderr
