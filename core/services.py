"""Writes of a person's own settings: language, reminders and the calendar address."""

from __future__ import annotations

from django.utils import timezone

from audit.log import record
from audit.models import Kind
from followup import outbox
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


def password_saved(*, person: Person, from_link: bool) -> None:
    """Records a new password and tells the person at once, so a change they did not
    make does not go unnoticed."""
    record(Kind.PASSWORD_SET if from_link else Kind.PASSWORD_CHANGED, actor=person, subject=person)
    outbox.send_mail(
        "core/email/password_changed",
        to=person,
        context={},
        key=f"password-changed:{person.pk}:{timezone.now().timestamp()}",
    )
