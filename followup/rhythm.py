"""When an agreement is next due, and which period a tick belongs to.

Plain Python with no Django in it, so every tool's follow-up uses the same rules.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

DAILY = "daily"
WEEKLY = "weekly"
EVERY_N_WEEKS = "every_n_weeks"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
ON_DATE = "on_date"

TICKABLE = frozenset({DAILY, WEEKLY})


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(
    cadence: str, *, start: date, today: date, interval_weeks: int = 1, due_date: date | None = None
) -> date | None:
    """The first due date on or after `today` for a rhythm that began on `start`.

    A one-off date is due on that date (also when it has passed, so it shows as overdue).
    """
    if cadence == ON_DATE:
        return due_date
    if today <= start:
        return start
    if cadence == DAILY:
        return today
    if cadence in (WEEKLY, EVERY_N_WEEKS):
        step = 7 * (interval_weeks if cadence == EVERY_N_WEEKS else 1)
        periods = -(-(today - start).days // step)
        return start + timedelta(days=periods * step)
    months = 1 if cadence == MONTHLY else 3
    count = 0
    candidate = start
    while candidate < today:
        count += 1
        candidate = add_months(start, count * months)
    return candidate


def tick_period(cadence: str, day: date) -> date:
    """The day that stands for the period a tick on `day` belongs to.

    A daily agreement is kept (or not) per day; a weekly one per week, counted from Monday.
    """
    if cadence == WEEKLY:
        return day - timedelta(days=day.weekday())
    return day


def recent_periods(cadence: str, today: date, count: int) -> list[date]:
    """The last `count` periods up to and including the current one, oldest first."""
    current = tick_period(cadence, today)
    step = timedelta(days=7 if cadence == WEEKLY else 1)
    return [current - step * offset for offset in range(count - 1, -1, -1)]
