"""An iCalendar meeting request (RFC 5546, METHOD:REQUEST) to send with a mail.

Its UID is the one the person's calendar feed gives the same meeting (core.calendar),
so a calendar that has both shows one meeting, not two.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText


def domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "ledertrivsel"


def uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{domain()}"


def build(
    *,
    uid: str,
    summary: str,
    on: date,
    at=None,
    hours: int = 2,
    location: str = "",
    url: str = "",
    organizer: tuple[str, str],
    attendee: tuple[str, str],
    sequence: int = 0,
) -> str:
    """`organizer` and `attendee` are (name, e-mail). Without a time the meeting is an
    all-day event on its date."""
    calendar = Calendar()
    calendar.add("prodid", "-//Ledertrivsel//Mødeindkaldelse//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    if at is not None:
        start = timezone.make_aware(datetime.combine(on, at))
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(hours=hours))
    else:
        event.add("dtstart", on)
        event.add("dtend", on + timedelta(days=1))
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
        event.add("description", url)
    name, address = organizer
    chair = vCalAddress(f"mailto:{address}")
    chair.params["cn"] = vText(name)
    event.add("organizer", chair)
    name, address = attendee
    guest = vCalAddress(f"mailto:{address}")
    guest.params["cn"] = vText(name)
    guest.params["role"] = vText("REQ-PARTICIPANT")
    guest.params["partstat"] = vText("NEEDS-ACTION")
    guest.params["rsvp"] = vText("TRUE")
    event.add("attendee", guest)
    calendar.add_component(event)
    return calendar.to_ical().decode()
