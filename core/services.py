"""Writes of a person's own settings: language, reminders and the calendar address."""

from __future__ import annotations

from followup.models import CalendarFeed
from organisations.models import Person


def language_set(*, person: Person, language: str) -> None:
    person.language = language
    person.save(update_fields=["language"])


def reminders_set(*, person: Person, frequency: str) -> None:
    person.reminder_frequency = frequency
    person.save(update_fields=["reminder_frequency"])


def calendar_feed_new(*, person: Person) -> bool:
    """Gives the person a calendar address; a second one replaces the first, which stops
    working. Returns whether an old address was replaced."""
    feed, created = CalendarFeed.objects.get_or_create(person=person)
    if not created:
        feed.renew()
    return not created
