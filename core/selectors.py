"""Reads of a person's own settings."""

from __future__ import annotations

from followup.models import CalendarFeed
from organisations.models import Person


def calendar_feed_of(*, person: Person) -> CalendarFeed | None:
    """The person's calendar address, if they have asked for one."""
    return CalendarFeed.objects.filter(person=person).first()
