"""Writes of a person's own follow-up settings: reminders and the calendar address."""

from __future__ import annotations

from followup.models import CalendarFeed
from organisations.models import Person


def reminders_set(*, person: Person, frequency: str) -> None:
    person.reminder_frequency = frequency
    person.save(update_fields=["reminder_frequency"])


def calendar_feed_for(*, person: Person) -> CalendarFeed:
    """The person's calendar address, made the first time they look for it."""
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


def calendar_feed_renew(*, person: Person) -> CalendarFeed:
    feed = calendar_feed_for(person=person)
    feed.renew()
    return feed
