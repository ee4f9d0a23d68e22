"""The organisation's structure: HR and administrators manage it, top management may
look. The capability is checked by the view's decorator (access/base.py); these getters
keep every object inside the person's own organisation (404 otherwise)."""

from __future__ import annotations

from django.db.models import QuerySet

from access.base import get_in_organisation, holds, in_organisation
from organisations.models import (
    ManagementGroup,
    OperatorRequest,
    Organisation,
    PendingImport,
    Person,
    Role,
    Unit,
)


def get_own_organisation(person: Person) -> Organisation:
    return get_in_organisation(person, Organisation.objects.all(), pk=person.organisation_id)


def get_unit(person: Person, pk: int) -> Unit:
    return get_in_organisation(person, Unit.objects.all(), pk=pk)


def get_person(person: Person, pk: int) -> Person:
    return get_in_organisation(person, Person.objects.all(), pk=pk)


def get_management_group(person: Person, pk: int) -> ManagementGroup:
    return get_in_organisation(person, ManagementGroup.objects.all(), pk=pk)


def structure_units(person: Person) -> QuerySet[Unit]:
    """The units the structure's forms and filters may name: the person's organisation's."""
    return in_organisation(person, Unit.objects.all())


def structure_people(person: Person) -> QuerySet[Person]:
    """Whom the structure's forms may name (a manager, a group's leader or members):
    the active people of the person's own organisation."""
    return in_organisation(person, Person.objects.filter(is_active=True))


def pending_import_of(person: Person, pk: int | None) -> PendingImport | None:
    """The file this person uploaded and has not confirmed: only its uploader, in their
    own organisation, may confirm it."""
    if pk is None:
        return None
    return PendingImport.objects.filter(
        pk=pk, uploaded_by=person, organisation_id=person.organisation_id
    ).first()


def get_pending_operator_request(person: Person, pk: int) -> OperatorRequest:
    """A request of the operators to the person's own organisation, not yet decided."""
    return get_in_organisation(person, OperatorRequest.objects.filter(decided_at=None), pk=pk)


def operator_requests_of(person: Person):
    return in_organisation(person, OperatorRequest.objects.all())


def vouches_for_people(person: Person) -> bool:
    """MED/SU stand behind the people typed in by hand, so that made-up people never
    make up the k behind a shared map (issue 22, path 7)."""
    return holds(person, Role.COOPERATION)


def people_to_vouch(person: Person) -> QuerySet[Person]:
    return in_organisation(person, Person.objects.filter(vouched_at=None, is_active=True))


def get_person_to_vouch(person: Person, pk: int) -> Person:
    return get_in_organisation(person, Person.objects.filter(vouched_at=None), pk=pk)
