"""Writes to the organisation structure."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import Kind
from followup import outbox
from organisations.models import (
    ManagementGroup,
    Organisation,
    PendingImport,
    Person,
    RoleAssignment,
    Unit,
)
from organisations.tokens import invitation_tokens

EMAIL_CHANGE_SALT = "organisations.email-change"
EMAIL_CHANGE_DAYS = 7


class IdentityError(ValueError):
    """The change would hand someone else's login over; the message says why, in Danish."""


@transaction.atomic
def person_set_roles(*, person: Person, roles: set[str]) -> bool:
    """Makes the person's assigned roles exactly `roles`. Returns whether anything changed."""
    current = set(person.role_assignments.values_list("role", flat=True))
    removed, added = current - roles, roles - current
    if removed:
        person.role_assignments.filter(role__in=removed).delete()
    RoleAssignment.objects.bulk_create(RoleAssignment(person=person, role=r) for r in added)
    person.__dict__.pop("assigned_roles", None)
    person.__dict__.pop("roles", None)
    return bool(removed or added)


def invitation_url(*, person: Person) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = invitation_tokens.make_token(person)
    path = reverse("invitation_accept", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


def person_invite(*, person: Person, invited_by: Person) -> None:
    """E-mails a link where the person chooses a password, in their own language.

    Only to someone who never chose one: otherwise whoever controls the address the
    person is registered with could take over an account that holds private text.
    """
    if person.has_signed_in:
        raise IdentityError(
            _(
                "%(name)s har allerede valgt en adgangskode. Har personen glemt den, "
                "kan de selv bruge „Glemt adgangskode“."
            )
            % {"name": person.name}
        )
    # Sent at once, never queued: the link is a live credential.
    outbox.send_now(
        "organisations/email/invitation",
        to=person,
        context={
            "invited_by": invited_by,
            "organisation": person.organisation,
            "url": invitation_url(person=person),
        },
    )
    person.invited_at = timezone.now()
    person.save(update_fields=["invited_at"])
    record(Kind.INVITED, actor=invited_by, subject=person)


class UnitInUse(Exception):
    """A unit with sub-units, people or groups cannot be deleted."""


def unit_delete(*, unit: Unit) -> None:
    if unit.children.exists() or unit.people.exists() or unit.management_groups.exists():
        raise UnitInUse
    unit.delete()


def organisation_save(*, organisation: Organisation, by: Person) -> Organisation:
    before = Organisation.objects.filter(pk=organisation.pk).values_list("anonymity_k", flat=True)
    old_k = before.first()
    organisation.save()
    if old_k is not None and old_k != organisation.anonymity_k:
        # Rounds and plans keep the k they started with if it was higher (issue 11).
        record(
            Kind.K_CHANGED,
            actor=by,
            organisation_id=organisation.pk,
            old=old_k,
            new=organisation.anonymity_k,
        )
    return organisation


def unit_save(*, unit: Unit) -> Unit:
    unit.save()
    return unit


@transaction.atomic
def person_save(
    *, person: Person, organisation: Organisation, roles: set[str], by: Person
) -> Person:
    """Creates or changes a person of the organisation, with exactly these roles. A new
    person has no password until they accept an invitation.

    The e-mail address of someone who has signed in is not changed here: see
    `email_change_request`.
    """
    person.organisation = organisation
    before = Person.objects.filter(pk=person.pk).first() if person.pk else None
    if before is None:
        person.set_unusable_password()
    elif before.email != person.email and before.has_signed_in:
        raise IdentityError(
            _("E-mailadressen på en konto i brug skifter først, når personen bekræfter det.")
        )
    person.save()
    if person_set_roles(person=person, roles=roles) and before is not None:
        record(Kind.ROLES_CHANGED, actor=by, subject=person, roles=sorted(roles))
    if before is not None and before.email != person.email:
        record(Kind.EMAIL_CORRECTED, actor=by, subject=person)
    if before is not None and before.is_active != person.is_active:
        record(Kind.REACTIVATED if person.is_active else Kind.DEACTIVATED, actor=by, subject=person)
    return person


def email_change_request(*, person: Person, new_email: str, by: Person | None, **detail) -> None:
    """Asks the person, at their current address, to confirm a new login address.

    Nothing is sent to the new address and nothing changes until the person confirms:
    HR or an operator cannot move a login to an address they control.
    """
    person.pending_email = new_email
    person.save(update_fields=["pending_email"])
    token = signing.dumps({"person": person.pk, "email": new_email}, salt=EMAIL_CHANGE_SALT)
    url = f"{settings.SITE_URL}{reverse('email_change_confirm', args=[token])}"
    outbox.send_mail(
        "organisations/email/email_change",
        to=person,
        context={"by": by, "url": url, "days": EMAIL_CHANGE_DAYS},
        key=f"email-change:{person.pk}:{timezone.now().timestamp()}",
    )
    record(Kind.EMAIL_CHANGE_REQUESTED, actor=by, subject=person, **detail)


def email_change_confirm(*, person: Person, token: str) -> None:
    """The person confirms the new address from the link; raises IdentityError if the
    link is not theirs, has expired or was replaced by a newer request."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_DAYS * 24 * 3600)
    except signing.BadSignature as error:
        raise IdentityError(_("Linket er udløbet eller ugyldigt.")) from error
    if data.get("person") != person.pk or data.get("email") != person.pending_email:
        raise IdentityError(
            _("Linket gælder ikke din konto, eller der er bedt om en anden adresse siden.")
        )
    if Person.objects.filter(email__iexact=person.pending_email).exclude(pk=person.pk).exists():
        raise IdentityError(_("E-mailadressen bruges allerede af en anden person."))
    old_email = person.email
    person.email, person.pending_email = person.pending_email, ""
    person.save(update_fields=["email", "pending_email"])
    record(Kind.EMAIL_CHANGED, actor=person, subject=person)
    # The old address hears of it too: if it was not the person, they can react.
    stamp = timezone.now().timestamp()
    for address in (person.email, old_email):
        outbox.send_mail(
            "organisations/email/email_changed",
            to=person,
            address=address,
            context={"old_email": old_email},
            key=f"email-changed:{person.pk}:{stamp}:{address}",
        )


@transaction.atomic
def group_save(*, group: ManagementGroup, members, by: Person | None, **detail) -> ManagementGroup:
    """The group's leader is always one of its members. `by` is None for the HR system's
    provisioning, which `detail` then names in the audit log.

    A change of who is in the group, or who leads it, is logged and told to everyone in
    the group, so nobody joins the confidential room unnoticed.
    """
    is_new = group.pk is None
    before = (
        set()
        if is_new
        else set(ManagementGroup.objects.get(pk=group.pk).members.values_list("pk", flat=True))
    )
    old_leader = None if is_new else ManagementGroup.objects.get(pk=group.pk).leader_id
    group.save()
    group.members.set(members)
    if group.leader_id:
        group.members.add(group.leader)
    after = set(group.members.values_list("pk", flat=True))
    if is_new or (before == after and old_leader == group.leader_id):
        return group
    added, removed = after - before, before - after
    record(
        Kind.GROUP_CHANGED,
        actor=by,
        organisation_id=group.organisation_id,
        group=group.name,
        added=sorted(added),
        removed=sorted(removed),
        leader_changed=old_leader != group.leader_id,
        **detail,
    )
    names = dict(Person.objects.filter(pk__in=added | removed).values_list("pk", "name"))
    stamp = timezone.now().timestamp()
    for person in Person.objects.filter(pk__in=after | removed, is_active=True):
        outbox.send_mail(
            "organisations/email/group_changed",
            to=person,
            context={
                "group": group,
                "by": by,
                "added": sorted(names[pk] for pk in added),
                "removed": sorted(names[pk] for pk in removed),
                "leader": group.leader if old_leader != group.leader_id else None,
            },
            key=f"group-changed:{group.pk}:{stamp}:{person.pk}",
        )
    return group


def group_delete(*, group: ManagementGroup) -> None:
    group.delete()


ERASED_NAME = "Slettet person"


@transaction.atomic
def person_anonymise(*, person: Person) -> str:
    """Erasure: the person row stays (shared records keep an author), but nothing in it
    says who they were. Returns the old e-mail address, for cleaning logs."""
    old_email = person.email
    person.role_assignments.all().delete()
    person.management_groups.clear()
    ManagementGroup.objects.filter(leader=person).update(leader=None)
    Person.objects.filter(manager=person).update(manager=None)
    person.name = ERASED_NAME
    person.email = f"slettet-{person.pk}@slettet.invalid"
    person.title = ""
    person.unit = None
    person.manager = None
    person.is_active = False
    person.pending_email = ""
    person.last_login = None
    person.invited_at = None
    person.erasure_requested_at = None
    person.erased_at = timezone.now()
    person.set_unusable_password()
    person.save()
    return old_email


def erasure_request(*, person: Person) -> None:
    person.erasure_requested_at = timezone.now()
    person.save(update_fields=["erasure_requested_at"])
    record(Kind.ERASURE_REQUESTED, actor=person, subject=person)


PENDING_IMPORT_HOURS = 24


def pending_import_keep(*, by: Person, filename: str, content: bytes) -> PendingImport:
    """Keeps a checked file until its uploader confirms it; an earlier one is replaced."""
    PendingImport.objects.filter(uploaded_by=by).delete()
    return PendingImport.objects.create(
        organisation_id=by.organisation_id, uploaded_by=by, filename=filename, content=content
    )


def pending_import_discard(*, pending: PendingImport) -> None:
    pending.delete()


def pending_imports_purge(*, now=None) -> int:
    """Removes files nobody confirmed within a day (the worker's job)."""
    since = (now or timezone.now()) - timedelta(hours=PENDING_IMPORT_HOURS)
    return PendingImport.objects.filter(created_at__lt=since).delete()[0]
