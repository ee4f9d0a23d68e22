"""E-mail reminders: a digest per person of what is due, queued in the outbox.

`enqueue_digests` writes at most one digest per person and period (a day, or an ISO
week): the outbox's unique key makes running it twice harmless. The worker
(`manage.py send_reminders`) then sends the queue with `followup.outbox.deliver`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from core import overview as due
from followup import outbox
from organisations.models import Person


def period_key(frequency: str, today: date) -> str | None:
    if frequency == "daily":
        return today.isoformat()
    if frequency == "weekly":
        year, week, _weekday = today.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def has_news(overview: due.Overview) -> bool:
    return bool(
        overview.overdue
        or overview.soon
        or overview.upcoming
        or overview.preparations
        or overview.ratings
        or overview.feedback
    )


def enqueue_digests(today: date | None = None, *, should_stop=lambda: False) -> int:
    """Queues today's digests. Returns how many new mails were queued.

    `should_stop` is asked before each person: a worker told to stop leaves the rest for
    its next start (a digest is queued once per person and period, whenever that is)."""
    today = today or timezone.localdate()
    queued = 0
    people = Person.objects.filter(
        is_active=True, organisation__isnull=False, reminder_frequency__in=["daily", "weekly"]
    )
    for person in people.iterator():
        if should_stop():
            break
        key = f"digest:{person.pk}:{period_key(person.reminder_frequency, today)}"
        if outbox.mail_exists(key):
            continue
        overview = due.overview(person, today)
        if not has_news(overview):
            continue
        # Another run may have queued it a moment ago: the key makes that harmless.
        queued += outbox.queue_mail(
            "core/email/digest",
            to=person,
            context={"overview": overview, "site_url": settings.SITE_URL},
            key=key,
        )
    return queued
