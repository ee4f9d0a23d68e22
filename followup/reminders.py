"""E-mail reminders: a digest per person of what is due, through a database-backed queue.

`enqueue_digests` writes at most one digest per person and period (a day, or an ISO
week): the queue's unique key makes running it twice harmless. `deliver` sends what is
waiting. Workers claim a mail with a conditional UPDATE (only one of them can move it
from "pending" to "sending"), so two workers at the same time send each mail once. A
failed send goes back to "pending" with a later attempt time; after MAX_ATTEMPTS it is
given up and kept, with the error, for an operator to see. A worker that dies while
sending leaves a claim that expires after CLAIM_SECONDS, after which the mail is tried
again.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from followup import due
from followup.models import OutgoingMail

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
CLAIM_SECONDS = 300
BATCH = 100


def period_key(frequency: str, today) -> str | None:
    if frequency == "daily":
        return today.isoformat()
    if frequency == "weekly":
        year, week, _weekday = today.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def digest_for(person, today) -> tuple[str, str] | None:
    """Subject and body of the person's digest, in their language; None if nothing is due."""
    overview = due.overview(person, today)
    if not (
        overview.overdue
        or overview.soon
        or overview.upcoming
        or overview.preparations
        or overview.ratings
        or overview.feedback
    ):
        return None
    with translation.override(person.language):
        context = {"person": person, "overview": overview, "site_url": settings.SITE_URL}
        subject = render_to_string("followup/email/digest_subject.txt", context).strip()
        body = render_to_string("followup/email/digest.txt", context)
    return subject, body


def enqueue_digests(today=None) -> int:
    """Queues today's digests. Returns how many new mails were queued."""
    from organisations.models import Person

    today = today or timezone.localdate()
    queued = 0
    people = Person.objects.filter(
        is_active=True, organisation__isnull=False, reminder_frequency__in=["daily", "weekly"]
    )
    for person in people.iterator():
        period = period_key(person.reminder_frequency, today)
        key = f"digest:{person.pk}:{period}"
        if OutgoingMail.objects.filter(key=key).exists():
            continue
        digest = digest_for(person, today)
        if digest is None:
            continue
        try:
            with transaction.atomic():
                OutgoingMail.objects.create(
                    person=person,
                    key=key,
                    to=person.email,
                    subject=digest[0],
                    body=digest[1],
                    next_attempt_at=timezone.now(),
                )
            queued += 1
        except IntegrityError:
            continue  # Another run queued it a moment ago.
    return queued


def _retrying(operation, attempts: int = 100):
    """Runs a short database operation again while another worker holds a lock.

    PostgreSQL and SQLite in WAL mode wait for locks themselves; an in-memory SQLite
    database (the tests) says "locked" at once.
    """
    for attempt in range(attempts):
        try:
            return operation()
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.02)
    return None


def _claim(mail_id: int, now) -> bool:
    return bool(
        OutgoingMail.objects.filter(pk=mail_id)
        .filter(
            Q(state=OutgoingMail.State.PENDING)
            | Q(state=OutgoingMail.State.SENDING, claimed_until__lt=now)
        )
        .update(
            state=OutgoingMail.State.SENDING, claimed_until=now + timedelta(seconds=CLAIM_SECONDS)
        )
    )


def queue(person, key: str, subject: str, body: str) -> bool:
    """Puts a mail in the queue once (a second call with the same key does nothing)."""
    try:
        with transaction.atomic():
            OutgoingMail.objects.create(
                person=person,
                key=key,
                to=person.email,
                subject=subject,
                body=body,
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:
        return False
    return True


def send_soon(mails: list[tuple]) -> int:
    """Queues (person, key, subject, body) mails and tries to send them right away.

    What cannot be sent now (the SMTP server is down) stays in the queue for the worker;
    the person's action never fails because of the mail.
    """
    keys = [key for person, key, subject, body in mails if queue(person, key, subject, body)]
    return deliver(keys=keys) if keys else 0


def deliver(now=None, keys: list[str] | None = None) -> int:
    """Sends the mails that are due (or just those with `keys`). Returns how many were sent."""
    now = now or timezone.now()
    waiting = OutgoingMail.objects.filter(
        Q(state=OutgoingMail.State.PENDING, next_attempt_at__lte=now)
        | Q(state=OutgoingMail.State.SENDING, claimed_until__lt=now)
    )
    if keys is not None:
        waiting = waiting.filter(key__in=keys)
    candidates = _retrying(lambda: list(waiting.values_list("pk", flat=True)[:BATCH]))
    sent = 0
    connection = None
    for mail_id in candidates:
        if not _retrying(lambda mail_id=mail_id: _claim(mail_id, now)):
            continue  # Another worker has it.
        mail = _retrying(lambda mail_id=mail_id: OutgoingMail.objects.get(pk=mail_id))
        try:
            connection = connection or get_connection()
            EmailMessage(mail.subject, mail.body, None, [mail.to], connection=connection).send()
        except Exception as error:  # Any failure: try again later.
            log.warning("Mail %s failed: %s", mail.key, error)
            connection = None
            attempts = mail.attempts + 1
            _retrying(
                lambda mail=mail, attempts=attempts, error=error: OutgoingMail.objects.filter(
                    pk=mail.pk
                ).update(
                    state=OutgoingMail.State.FAILED
                    if attempts >= MAX_ATTEMPTS
                    else OutgoingMail.State.PENDING,
                    attempts=attempts,
                    last_error=str(error)[:2000],
                    claimed_until=None,
                    next_attempt_at=now + timedelta(minutes=5 * 2 ** (attempts - 1)),
                )
            )
            continue
        _retrying(
            lambda mail=mail: OutgoingMail.objects.filter(pk=mail.pk).update(
                state=OutgoingMail.State.SENT,
                attempts=mail.attempts + 1,
                sent_at=timezone.now(),
                claimed_until=None,
                last_error="",
            )
        )
        sent += 1
    if connection is not None:
        connection.close()
    return sent
