from datetime import date, timedelta

import pytest

from followup import rhythm


@pytest.mark.parametrize(
    ("cadence", "start", "today", "weeks", "expected"),
    [
        (rhythm.DAILY, date(2026, 1, 1), date(2026, 3, 5), 1, date(2026, 3, 5)),
        (rhythm.WEEKLY, date(2026, 1, 5), date(2026, 1, 5), 1, date(2026, 1, 5)),
        (rhythm.WEEKLY, date(2026, 1, 5), date(2026, 1, 6), 1, date(2026, 1, 12)),
        (rhythm.EVERY_N_WEEKS, date(2026, 1, 5), date(2026, 1, 6), 2, date(2026, 1, 19)),
        (rhythm.EVERY_N_WEEKS, date(2026, 1, 5), date(2026, 1, 19), 2, date(2026, 1, 19)),
        (rhythm.MONTHLY, date(2026, 1, 31), date(2026, 2, 2), 1, date(2026, 2, 28)),
        (rhythm.QUARTERLY, date(2026, 1, 15), date(2026, 2, 1), 1, date(2026, 4, 15)),
        (rhythm.WEEKLY, date(2026, 6, 1), date(2026, 1, 1), 1, date(2026, 6, 1)),
    ],
)
def test_next_due(cadence, start, today, weeks, expected):
    assert rhythm.next_due(cadence, start=start, today=today, interval_weeks=weeks) == expected


def test_a_one_off_date_stays_due_when_it_has_passed():
    due = date(2026, 3, 1)
    assert (
        rhythm.next_due(
            rhythm.ON_DATE, start=date(2026, 1, 1), today=date(2026, 4, 1), due_date=due
        )
        == due
    )


def test_next_due_is_never_before_today_for_a_rhythm():
    start = date(2026, 1, 7)
    for cadence in (
        rhythm.DAILY,
        rhythm.WEEKLY,
        rhythm.EVERY_N_WEEKS,
        rhythm.MONTHLY,
        rhythm.QUARTERLY,
    ):
        for offset in range(0, 400, 3):
            today = start + timedelta(days=offset)
            due = rhythm.next_due(cadence, start=start, today=today, interval_weeks=3)
            assert due >= today, (cadence, today)


def test_weekly_ticks_belong_to_the_monday_of_their_week():
    assert rhythm.tick_period(rhythm.WEEKLY, date(2026, 11, 29)) == date(2026, 11, 23)
    assert rhythm.tick_period(rhythm.DAILY, date(2026, 11, 29)) == date(2026, 11, 29)
    periods = rhythm.recent_periods(rhythm.WEEKLY, date(2026, 11, 29), 3)
    assert periods == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
