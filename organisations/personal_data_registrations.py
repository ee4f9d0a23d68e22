"""What the organisation's structure holds about a person (see personal_data.py)."""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from organisations.models import (
    GroupMembership,
    ManagementGroup,
    OperatorRequest,
    PendingImport,
    Person,
)
from organisations.people import ERASED_NAME
from organisations.personal_data import PersonalData, register


def _person(person: Person) -> dict:
    return {
        "name": person.name,
        "email": person.email,
        "title": person.title,
        "organisation": person.organisation.name if person.organisation else None,
        "unit": person.unit.path if person.unit else None,
        "nearest_manager": person.manager.name if person.manager else None,
        "roles": sorted(person.assigned_roles),
        "language": person.language,
        "reminder_frequency": person.reminder_frequency,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        # Whether, when and by which channel someone stood behind the person (k).
        "vouched_at": person.vouched_at,
        "vouched_via": person.vouched_via,
    }


def _groups(person: Person) -> list:
    return [
        {
            "group": membership.group.name,
            "you_lead_it": membership.group.leader_id == person.pk,
            "joined_at": membership.joined_at,
        }
        for membership in GroupMembership.objects.filter(person=person)
        .select_related("group")
        .order_by("group__name")
    ]


def _memberships_erase(person: Person) -> None:
    person.management_groups.clear()
    ManagementGroup.objects.filter(leader=person).update(leader=None)


def _operators_log_erase(person: Person) -> None:
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
    ).update(object_repr=ERASED_NAME)


def register_all() -> None:
    register(
        PersonalData(
            name="person",
            models=("organisations.Person", "organisations.RoleAssignment"),
            export=_person,
            erase=None,
            kept="The row stays so that shared records keep an author, but nothing in it "
            "says who they were (organisations.people.person_anonymise, the last step).",
        )
    )
    register(
        PersonalData(
            name="management_groups",
            models=("organisations.GroupMembership", "organisations.ManagementGroup"),
            export=_groups,
            erase=_memberships_erase,
        )
    )
    register(
        PersonalData(
            name="files_you_uploaded",
            models=("organisations.PendingImport",),
            export=None,
            erase=lambda person: PendingImport.objects.filter(uploaded_by=person).delete(),
            kept="An HR file waiting for its uploader's confirmation is the organisation's "
            "data about many people, not the uploader's; it is gone within a day.",
        )
    )
    register(
        PersonalData(
            name="operator_requests",
            models=("organisations.OperatorRequest",),
            export=None,
            erase=lambda person: OperatorRequest.objects.filter(person=person).delete(),
            kept="What the operators asked the organisation's administrators for is the "
            "organisation's record; requests about the person go with their data, and who "
            "asked or decided shows as 'Slettet person'.",
        )
    )
    register(
        PersonalData(
            name="operators_log",
            models=("admin.LogEntry", "otp_totp.TOTPDevice", "identity.SecondFactor"),
            # An operator's TOTP seed: whoever has it makes their codes.
            encrypted=("identity.SecondFactor.seed",),
            export=None,
            erase=_operators_log_erase,
            kept="The operators' log keeps its lines about the person, without their name; "
            "second factors belong to operators, who have no organisation.",
        )
    )
