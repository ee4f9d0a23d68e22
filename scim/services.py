"""Writes from the HR system's provisioning (SCIM), by the file import's rules:

- nobody is deleted: a person the HR system removes is deactivated, a group it removes
  keeps its rounds; both are then gone from SCIM, and come back if it sends them again;
- the administrator role is never given or taken by provisioning, so a sync cannot lock
  the organisation's administrators out;
- the login address of someone who has signed in changes only when they confirm it, as
  when HR changes it by hand;
- every change lands in the audit log, named as the HR system's (the token's name).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from scim2_models import InvalidValueException, UniquenessException

from api.models import ApiToken
from audit.log import record
from audit.models import Kind
from organisations import people
from organisations.importer import UNIT_SEPARATOR
from organisations.models import ManagementGroup, Person, Role, Unit
from organisations.validators import one_line
from scim import selectors
from scim.models import ProvisionedGroup, ProvisionedPerson
from scim.provider import PROVISIONED_ROLES

MAX_NAME = 200
MAX_ID = 255


@dataclass
class PersonData:
    user_name: str
    external_id: str
    name: str
    email: str
    title: str
    active: bool
    unit_path: tuple[str, ...]
    manager_id: int | None
    roles: set[str]
    email_type: str = ""
    email_primary: bool | None = None


@dataclass
class GroupData:
    external_id: str
    name: str
    member_ids: set[int]


def _source(token: ApiToken) -> people.Source:
    return people.Source.scim(token.name)


def _text(value: str, *, what: str, required: bool = False, limit: int = MAX_NAME) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidValueException(detail=f"{what} mangler.")
    if len(value) > limit:
        raise InvalidValueException(detail=f"{what} må højst være {limit} tegn.")
    try:
        one_line(value)
    except ValidationError as error:
        raise InvalidValueException(detail=f"{what}: skriv det på én linje.") from error
    return value


def unit_path(department: str | None) -> tuple[str, ...]:
    parts = [p.strip() for p in (department or "").split(UNIT_SEPARATOR)]
    return tuple(_text(p, what="Enheden (department)") for p in parts if p.strip())


def _unit_for(organisation_id: int, path: tuple[str, ...]) -> Unit | None:
    parent = None
    for name in path:
        unit = Unit.objects.filter(
            organisation_id=organisation_id, parent=parent, name__iexact=name
        ).first()
        if unit is None:
            unit = Unit.objects.create(organisation_id=organisation_id, parent=parent, name=name)
        parent = unit
    return parent


def _check_person(organisation_id: int, data: PersonData, person: Person | None) -> PersonData:
    """The protocol's own checks; the rules about a person are `organisations.people`'s."""
    own_pk = person.pk if person else None
    data.user_name = _text(data.user_name, what="userName", required=True, limit=MAX_ID)
    data.external_id = _text(data.external_id, what="externalId", limit=MAX_ID)
    data.name = _text(data.name, what="Navnet (displayName)", required=True)
    data.title = _text(data.title, what="Stillingen (title)")
    data.email_type = _text(data.email_type, what="emails.type", limit=20)
    data.email = (data.email or "").strip()
    try:
        validate_email(data.email)
    except ValidationError as error:
        raise InvalidValueException(
            detail=f"{data.email or 'E-mailadressen'} er ikke en gyldig e-mailadresse."
        ) from error
    if selectors.user_name_taken(
        organisation_id=organisation_id, user_name=data.user_name, other_than=own_pk
    ):
        raise UniquenessException(detail=f"userName {data.user_name} bruges af en anden person.")
    unknown = data.roles - set(PROVISIONED_ROLES) - {Role.ORG_ADMIN}
    if unknown:
        raise InvalidValueException(
            detail=f"Ukendt rolle: {', '.join(sorted(unknown))}. "
            f"Mulige roller: {', '.join(PROVISIONED_ROLES)}."
        )
    if data.manager_id is not None and data.manager_id not in selectors.people_by_id(
        organisation_id=organisation_id, ids={data.manager_id}
    ):
        raise InvalidValueException(detail="Nærmeste leder (manager) findes ikke i organisationen.")
    return data


@contextmanager
def _as_scim_errors():
    """A rule's refusal as the protocol says it: a taken address is a conflict."""
    try:
        yield
    except people.PersonError as error:
        if error.field == "email":
            raise UniquenessException(detail=str(error)) from error
        raise InvalidValueException(detail=str(error)) from error


def _person_fields(organisation_id: int, data: PersonData) -> dict:
    return {
        "name": data.name,
        "title": data.title,
        "is_active": data.active,
        "unit": _unit_for(organisation_id, data.unit_path),
        "manager": Person.objects.get(pk=data.manager_id) if data.manager_id else None,
        "roles": data.roles,
    }


@transaction.atomic
def person_create(*, token: ApiToken, data: PersonData) -> Person:
    """A new person, or one the HR system removed earlier, taken back."""
    organisation_id = token.organisation_id
    returning = selectors.removed_person(organisation_id=organisation_id, email=data.email)
    if returning is not None:
        returning.provisioning.removed_at = None
        returning.provisioning.save(update_fields=["removed_at"])
        return person_update(token=token, person=returning, data=data)
    data = _check_person(organisation_id, data, None)
    with _as_scim_errors():
        person = people.person_create(
            organisation=organisation_id,
            email=data.email,
            source=_source(token),
            **_person_fields(organisation_id, data),
        )
    ProvisionedPerson.objects.create(
        person=person,
        user_name=data.user_name,
        external_id=data.external_id,
        email_type=data.email_type,
        email_primary=data.email_primary,
    )
    return person


@transaction.atomic
def person_update(*, token: ApiToken, person: Person, data: PersonData) -> Person:
    data = _check_person(token.organisation_id, data, person)
    with _as_scim_errors():
        people.person_change(
            person=person,
            source=_source(token),
            email=data.email,
            **_person_fields(token.organisation_id, data),
        )
    ProvisionedPerson.objects.update_or_create(
        person=person,
        defaults={
            "user_name": data.user_name,
            "external_id": data.external_id,
            "email_type": data.email_type,
            "email_primary": data.email_primary,
            "updated_at": timezone.now(),
            "removed_at": None,
        },
    )
    person.refresh_from_db()
    person.__dict__.pop("assigned_roles", None)
    person.__dict__.pop("roles", None)
    return person


@transaction.atomic
def person_remove(*, token: ApiToken, person: Person) -> None:
    """Deactivated, and no longer the HR system's: its data stays, as a file import's."""
    with _as_scim_errors():
        people.person_deactivate(person=person, source=_source(token))
    now = timezone.now()
    ProvisionedPerson.objects.update_or_create(
        person=person,
        defaults={"user_name": person.email, "removed_at": now, "updated_at": now},
    )


def _check_group(organisation_id: int, data: GroupData, group: ManagementGroup | None) -> None:
    data.name = _text(data.name, what="Navnet (displayName)", required=True)
    data.external_id = _text(data.external_id, what="externalId", limit=MAX_ID)
    found = selectors.people_by_id(organisation_id=organisation_id, ids=data.member_ids)
    if missing := data.member_ids - set(found):
        raise InvalidValueException(
            detail=f"Medlemmerne findes ikke i organisationen: {', '.join(map(str, missing))}."
        )
    if selectors.group_name_taken(
        organisation_id=organisation_id, name=data.name, other_than=group.pk if group else None
    ):
        raise UniquenessException(detail=f"Der er allerede en ledelsesgruppe ved navn {data.name}.")
    if group is not None and group.leader_id and group.leader_id not in data.member_ids:
        raise InvalidValueException(
            detail=f"{group.leader.name} leder ledelsesgruppen og kan ikke tages ud af den "
            "herfra. Vælg først en anden leder i Ledertrivsel."
        )


@transaction.atomic
def group_create(*, token: ApiToken, data: GroupData) -> ManagementGroup:
    """A new group, or one the HR system removed earlier, taken back."""
    returning = selectors.removed_group(organisation_id=token.organisation_id, name=data.name)
    if returning is not None:
        return group_update(token=token, group=returning, data=data)
    _check_group(token.organisation_id, data, None)
    group = people.group_change(
        group=ManagementGroup(organisation_id=token.organisation_id, name=data.name),
        members=data.member_ids,
        source=_source(token),
    )
    ProvisionedGroup.objects.create(group=group, external_id=data.external_id)
    return group


@transaction.atomic
def group_update(*, token: ApiToken, group: ManagementGroup, data: GroupData) -> ManagementGroup:
    _check_group(token.organisation_id, data, group)
    group.name = data.name
    people.group_change(group=group, members=data.member_ids, source=_source(token))
    ProvisionedGroup.objects.update_or_create(
        group=group,
        defaults={
            "external_id": data.external_id,
            "updated_at": timezone.now(),
            "removed_at": None,
        },
    )
    return group


@transaction.atomic
def group_remove(*, token: ApiToken, group: ManagementGroup) -> None:
    """Gone from SCIM only: the group's rounds and agreements are the leaders' own, and
    only HR deletes a group, in Ledertrivsel."""
    now = timezone.now()
    ProvisionedGroup.objects.update_or_create(
        group=group, defaults={"removed_at": now, "updated_at": now}
    )
    record(
        Kind.GROUP_CHANGED,
        organisation_id=token.organisation_id,
        group=group.name,
        removed_from_provisioning=True,
        **_source(token).detail(),
    )
