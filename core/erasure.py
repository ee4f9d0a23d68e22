"""Erasure of a person's data (GDPR art. 17), carried out by HR after the person asked.

What the person wrote for themselves is deleted: tool-1 notes, the agreement with
themselves, the dialogues about them, their preparations and ratings. What they added to
records that others share (a note in their leader's dialogue, a group agreement, a closing
remark) stays, with the author shown as "Slettet person". Their name and address are
removed from the person row, the mail queue, the login logs, the admin log and sessions.
"""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction

from audit.log import record
from audit.models import Kind
from core import throttle
from core.models import RateLimitHit
from dialogue import services as dialogue_services
from followup.models import CalendarFeed, OutgoingMail
from groups import services as group_services
from identity import services as identity_services
from organisations import services as organisation_services
from organisations.models import Person
from plans import services as plan_services


@transaction.atomic
def person_erase(*, person: Person, by: Person) -> None:
    organisation_id = person.organisation_id
    dialogue_services.private_data_erase(person=person)
    group_services.private_data_erase(person=person)
    plan_services.private_data_erase(person=person)
    CalendarFeed.objects.filter(person=person).delete()
    OutgoingMail.objects.filter(person=person).delete()
    identity_services.identities_erase(person=person)
    old_email = organisation_services.person_anonymise(person=person)
    OutgoingMail.objects.filter(to__iexact=old_email).delete()
    for log in (AccessAttempt, AccessFailureLog, AccessLog):
        log.objects.filter(username__iexact=old_email).delete()
    RateLimitHit.objects.filter(key__endswith=throttle.hashed(old_email)).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
    ).update(object_repr=organisation_services.ERASED_NAME)
    _sessions_end(person)
    record(Kind.ERASED, actor=by, subject=person, organisation_id=organisation_id)


def _sessions_end(person: Person) -> None:
    for session in Session.objects.all().iterator():
        if session.get_decoded().get("_auth_user_id") == str(person.pk):
            session.delete()
