"""Erasure of a person's data (GDPR art. 17), carried out by HR after the person asked.

What the person wrote for themselves is deleted: tool-1 notes, the agreement with
themselves, the dialogues about them, their preparations and ratings. What they added to
records that others share (a note in their leader's dialogue, a group agreement, a closing
remark) stays, with the author shown as "Slettet person". Their name and address are
removed from the person row, the mail queue, the login logs, the admin log and sessions.

What each app holds about a person, and how it goes, is registered in
organisations/personal_data.py; this runs every registration, then removes what only the
old address finds.
"""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import Kind
from core import throttle
from core.models import RateLimitHit
from followup.models import OutgoingMail
from organisations import people, personal_data
from organisations.models import Person


class ErasureNotRequested(people.PersonError):
    """Only the person's own request opens erasure."""


@transaction.atomic
def person_erase(*, person: Person, by: Person) -> None:
    """Carries out the person's own request. Without one there is nothing to carry out:
    HR or an administrator cannot erase a leader's private text on their own."""
    if person.erasure_requested_at is None:
        raise ErasureNotRequested(
            _("%(name)s har ikke selv bedt om at få sine data slettet.") % {"name": person.name}
        )
    organisation_id = person.organisation_id
    personal_data.erase(person)
    old_email = people.person_anonymise(person=person)
    OutgoingMail.objects.filter(to__iexact=old_email).delete()
    for log in (AccessAttempt, AccessFailureLog, AccessLog):
        log.objects.filter(username__iexact=old_email).delete()
    RateLimitHit.objects.filter(key__endswith=throttle.hashed(old_email)).delete()
    _sessions_end(person)
    record(Kind.ERASED, actor=by, subject=person, organisation_id=organisation_id)


def _sessions_end(person: Person) -> None:
    for session in Session.objects.all().iterator():
        if session.get_decoded().get("_auth_user_id") == str(person.pk):
            session.delete()
