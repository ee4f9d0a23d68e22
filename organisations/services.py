"""Writes to the organisation structure."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from followup import outbox
from organisations.models import ManagementGroup, Organisation, Person, RoleAssignment, Unit


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
    token = default_token_generator.make_token(person)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


def person_invite(*, person: Person, invited_by: Person) -> None:
    """E-mails a link where the person chooses a password, in their own language."""
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


class UnitInUse(Exception):
    """A unit with sub-units, people or groups cannot be deleted."""


def unit_delete(*, unit: Unit) -> None:
    if unit.children.exists() or unit.people.exists() or unit.management_groups.exists():
        raise UnitInUse
    unit.delete()


def organisation_save(*, organisation: Organisation) -> Organisation:
    organisation.save()
    return organisation


def unit_save(*, unit: Unit) -> Unit:
    unit.save()
    return unit


@transaction.atomic
def person_save(*, person: Person, organisation: Organisation, roles: set[str]) -> Person:
    """Creates or changes a person of the organisation, with exactly these roles. A new
    person has no password until they accept an invitation."""
    person.organisation = organisation
    if not person.pk:
        person.set_unusable_password()
    person.save()
    person_set_roles(person=person, roles=roles)
    return person


@transaction.atomic
def group_save(*, group: ManagementGroup, members) -> ManagementGroup:
    """The group's leader is always one of its members."""
    group.save()
    group.members.set(members)
    if group.leader_id:
        group.members.add(group.leader)
    return group


def group_delete(*, group: ManagementGroup) -> None:
    group.delete()
