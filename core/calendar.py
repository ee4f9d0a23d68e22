"""A person's iCalendar feed (RFC 5545): follow-up dates, dialogues and group meetings.

Each event keeps its UID for as long as the thing exists, and its SEQUENCE counts the
changes of its date, so Outlook and Google Calendar update an event instead of adding a
second one. Summaries name the kind of follow-up, never what a leader wrote: a feed
travels to calendar services outside the product.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from core import overview as due
from followup import meeting_request, rhythm
from followup.models import FollowUpEvent

RRULES = {
    rhythm.DAILY: {"FREQ": "DAILY"},
    rhythm.WEEKLY: {"FREQ": "WEEKLY"},
    rhythm.MONTHLY: {"FREQ": "MONTHLY"},
    rhythm.QUARTERLY: {"FREQ": "MONTHLY", "INTERVAL": 3},
}


def _domain() -> str:
    return meeting_request.domain()


def _recurrence(cadence: str, interval_weeks: int) -> dict | None:
    if cadence == rhythm.EVERY_N_WEEKS:
        return {"FREQ": "WEEKLY", "INTERVAL": interval_weeks}
    return RRULES.get(cadence)


def _sequences(agreements) -> Counter:
    """How often each agreement's date or rhythm has changed."""
    return Counter(
        {
            key: sum(1 for event in events if event.kind == FollowUpEvent.Kind.DATE)
            for key, events in due.histories(agreements).items()
        }
    )


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _summary(agreement, number: int) -> str:
    """What is due. An agreement with yourself is private, and a calendar is often shared
    or synced to other systems, so it is numbered rather than quoted; shared agreements
    say what they are about."""
    if agreement.kind == "self":
        return _("Følg op på aftale %(n)s med dig selv") % {"n": number}
    if agreement.kind == "task":
        return _("Planens opgave: %(text)s") % {"text": _short(agreement.text)}
    return _("%(where)s: %(text)s") % {"where": agreement.where, "text": _short(agreement.text)}


def _all_day(event: Event, day) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))


def build(person, *, today=None) -> bytes:
    today = today or timezone.localdate()
    stamp = timezone.now()
    with translation.override(person.language):
        calendar = Calendar()
        calendar.add("prodid", "-//Ledertrivsel//Opfølgning//DA")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _("Ledertrivsel: %(name)s") % {"name": person.name})
        agreements = due.agreements_for(person, today)
        sequences = _sequences(agreements)
        own = sorted((a for a in agreements if a.kind == "self"), key=lambda a: a.pk)
        numbers = {a.pk: index for index, a in enumerate(own, start=1)}
        for agreement in agreements:
            event = Event()
            event.add("uid", f"{agreement.key}@{_domain()}")
            event.add("sequence", sequences[agreement.key])
            event.add("dtstamp", stamp)
            event.add("last-modified", agreement.updated_at)
            event.add("summary", _summary(agreement, numbers.get(agreement.pk, 0)))
            event.add("description", f"{settings.SITE_URL}{agreement.url}")
            event.add("url", f"{settings.SITE_URL}{agreement.url}")
            recurrence = _recurrence(agreement.cadence, agreement.interval_weeks)
            if recurrence:
                _all_day(event, agreement.start)
                event.add("rrule", vRecur(recurrence))
            elif agreement.due:
                _all_day(event, agreement.due)
            else:
                continue
            calendar.add_component(event)
        for upcoming in due.upcoming_for(person, today, days=366):
            event = Event()
            event.add("uid", meeting_request.uid(upcoming.kind, upcoming.pk))
            event.add("sequence", upcoming.sequence)
            event.add("dtstamp", stamp)
            event.add("summary", upcoming.title)
            event.add("url", f"{settings.SITE_URL}{upcoming.url}")
            event.add("description", f"{settings.SITE_URL}{upcoming.url}")
            if upcoming.place:
                event.add("location", upcoming.place)
            recurrence = _recurrence(upcoming.cadence, upcoming.interval_weeks)
            if recurrence and upcoming.start:
                _all_day(event, upcoming.start)
                event.add("rrule", vRecur(recurrence))
            elif upcoming.at:
                start = timezone.make_aware(datetime.combine(upcoming.on, upcoming.at))
                event.add("dtstart", start)
                event.add("dtend", start + timedelta(hours=2))
            else:
                _all_day(event, upcoming.on)
            calendar.add_component(event)
    return calendar.to_ical()
