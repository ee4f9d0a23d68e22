"""The outbox: every e-mail the product sends, rendered in the recipient's language and
sent through a database-backed queue.

Any app may call it; it depends on nothing of the project but the queue's model, so it
can never pull the tools into each other.

`send_mail` queues one mail once (its key is unique) and tries to send it at once; what
cannot be sent now (the SMTP server is down) stays in the queue for the worker, so the
person's action never fails because of the mail. `queue_mail` only queues (the digests,
which the worker sends in batches). `send_now` bypasses the queue, for the one mail that
must never be stored: an invitation with a live set-password link.

`deliver` sends what is waiting. Workers claim a mail with a conditional UPDATE (only one
of them can move it from "pending" to "sending"), so two workers at the same time send
each mail once. A failed send goes back to "pending" with a later attempt time; after
MAX_ATTEMPTS it is given up and kept, with the error, for an operator to see. A worker
that dies while sending leaves a claim that expires after CLAIM_SECONDS, after which the
mail is tried again.
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import mail as django_mail
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.template import Context, Engine, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from followup.models import OutgoingMail

if TYPE_CHECKING:
    from organisations.models import Person

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
CLAIM_SECONDS = 300
BATCH = 100


HTML_LAYOUT = "email/layout.html"


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    html: str
    # An iCalendar meeting request (METHOD:REQUEST): Outlook, Google and Apple show it
    # with accept and decline, and it lands in the recipient's calendar.
    calendar: str = ""


@functools.cache
def _text_engine() -> Engine:
    """The site's template engine with autoescaping off: a mail's text part is plain text,
    so `&` and `<` in a group's name must stay as they are (the HTML layout escapes)."""
    site = engines["django"].engine
    return Engine(
        dirs=site.dirs,
        app_dirs=site.app_dirs,
        libraries=site.libraries,
        builtins=[b for b in site.builtins if b not in Engine.default_builtins],
        debug=site.debug,
        autoescape=False,
    )


def _render_text(template_name: str, context: dict) -> str:
    return _text_engine().get_template(template_name).render(Context(context, autoescape=False))


def compose(template_name: str, *, to: Person, context: dict) -> Message:
    """Subject, text and HTML in the recipient's language.

    Each mail is written once, as text (`<template_name>.txt` and `_subject.txt`); the
    HTML part is that text in the shared layout, with its links made clickable, so the
    two parts can never say different things.
    """
    with translation.override(to.language):
        context = {"person": to, "site_url": settings.SITE_URL, **context}
        subject = " ".join(_render_text(f"{template_name}_subject.txt", context).split())
        # Rendered output is marked safe, but the text part holds what people wrote,
        # unescaped: as a plain str the HTML layout escapes it.
        body = str.__str__(_render_text(f"{template_name}.txt", context))
        html = render_to_string(
            HTML_LAYOUT, {"subject": subject, "body": body, "language": to.language}
        )
    return Message(subject=subject, body=body, html=html)


def _email(message: Message, to: str, connection=None) -> django_mail.EmailMultiAlternatives:
    email = django_mail.EmailMultiAlternatives(
        message.subject, message.body, None, [to], connection=connection
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    if message.calendar:
        email.attach("invitation.ics", message.calendar, "text/calendar")
    return email


def queue_mail(
    template_name: str,
    *,
    to: Person,
    context: dict,
    key: str,
    address: str = "",
    calendar: str = "",
) -> bool:
    """Queues the mail once: a second call with the same key does nothing (returns False).

    `address` sends it somewhere else than the person's login address (in their language),
    for the notice to an old address after the login moved.
    """
    message = compose(template_name, to=to, context=context)
    try:
        with transaction.atomic():
            OutgoingMail.objects.create(
                person=to,
                key=key,
                to=address or to.email,
                subject=message.subject,
                body=message.body,
                html=message.html,
                calendar=calendar,
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:
        return False
    return True


def send_mail(
    template_name: str,
    *,
    to: Person,
    context: dict,
    key: str,
    address: str = "",
    calendar: str = "",
) -> int:
    """Queues the mail once and tries to send it right away. Returns 1 if it went now."""
    if not queue_mail(
        template_name, to=to, context=context, key=key, address=address, calendar=calendar
    ):
        return 0
    return deliver(keys=[key])


def send_now(template_name: str, *, to: Person, context: dict) -> None:
    """Sends at once, never stored: for mails that carry a credential."""
    _email(compose(template_name, to=to, context=context), to.email).send()


def mail_exists(key: str) -> bool:
    return OutgoingMail.objects.filter(key=key).exists()


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


def _claim(mail_id: int, now: datetime) -> bool:
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


def deliver(now: datetime | None = None, keys: list[str] | None = None) -> int:
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
            connection = connection or django_mail.get_connection()
            message = Message(
                subject=mail.subject, body=mail.body, html=mail.html, calendar=mail.calendar
            )
            _email(message, mail.to, connection=connection).send()
        except Exception as error:  # Any failure: try again later.
            log.warning("Mail %s failed: %s", mail.key, error)
            connection = None
            _retrying(lambda mail=mail, error=error: _record_failure(mail, error, now))
            continue
        # Once sent, the body is gone from the queue: who, when and how it went is kept.
        _retrying(
            lambda mail=mail: OutgoingMail.objects.filter(pk=mail.pk).update(
                state=OutgoingMail.State.SENT,
                attempts=mail.attempts + 1,
                sent_at=timezone.now(),
                claimed_until=None,
                last_error="",
                body="",
                html="",
                calendar="",
            )
        )
        sent += 1
    if connection is not None:
        connection.close()
    return sent


def _record_failure(mail: OutgoingMail, error: Exception, now: datetime) -> None:
    attempts = mail.attempts + 1
    OutgoingMail.objects.filter(pk=mail.pk).update(
        state=OutgoingMail.State.FAILED if attempts >= MAX_ATTEMPTS else OutgoingMail.State.PENDING,
        attempts=attempts,
        last_error=str(error)[:2000],
        claimed_until=None,
        next_attempt_at=now + timedelta(minutes=5 * 2 ** (attempts - 1)),
    )
