"""The organisation's people and management groups as scim2-server's storage: the
library speaks the protocol (validation, PATCH, paging, errors), this turns its
resources into our rows and back, through the selectors and services."""

from __future__ import annotations

import hashlib
from contextlib import AbstractContextManager
from typing import Any

from django.db import transaction
from scim2_models import (
    InvalidFilterException,
    Meta,
    NotFoundException,
    NotImplementedException,
    Resource,
    ResourceType,
    ResponseParameters,
    SearchRequest,
)
from scim2_server.storage import ScimStorage, SearchPage

from api.models import ApiToken
from organisations import selectors as organisation_selectors
from organisations.models import ManagementGroup, Person
from scim import selectors, services
from scim.provider import (
    PROVISIONED_ROLES,
    Email,
    EnterpriseUser,
    Group,
    GroupMember,
    Manager,
    RoleValue,
    UserWithEnterprise,
)


def _version(resource: Resource[Any]) -> str:
    body = resource.model_dump_json(exclude={"meta"})
    return f'W/"{hashlib.sha256(body.encode()).hexdigest()[:16]}"'


def _with_meta(resource: Resource[Any], kind: str, created, modified) -> Resource[Any]:
    resource.meta = Meta(resource_type=kind, created=created, last_modified=modified)
    resource.meta.version = _version(resource)
    return resource


class OrganisationStorage(ScimStorage):
    """One organisation's resources, for the token that asks."""

    def __init__(self, token: ApiToken) -> None:
        self.token = token
        self.organisation_id = token.organisation_id

    def operation(self) -> AbstractContextManager[None]:
        return transaction.atomic()

    # --- Reading -----------------------------------------------------------

    def _user(self, person: Person, units: dict[int, str]) -> Resource[Any]:
        record = getattr(person, "provisioning", None)
        user = UserWithEnterprise(
            id=str(person.pk),
            external_id=person.scim_external_id or None,
            user_name=person.scim_user_name,
            display_name=person.name,
            title=person.title or None,
            active=person.is_active,
            emails=[
                Email(
                    value=person.email,
                    type=(record.email_type if record else "") or "work",
                    primary=record.email_primary if record else True,
                )
            ],
            roles=[
                RoleValue(value=a.role)
                for a in sorted(person.role_assignments.all(), key=lambda a: a.role)
                if a.role in PROVISIONED_ROLES
            ]
            or None,
        )
        department = units.get(person.unit_id) if person.unit_id else None
        manager = (
            Manager(value=str(person.manager_id), ref=f"Users/{person.manager_id}")
            if person.manager_id
            else None
        )
        if department or manager:
            user[EnterpriseUser] = EnterpriseUser(department=department, manager=manager)
        created = record.created_at if record else person.date_joined
        modified = record.updated_at if record else person.date_joined
        return _with_meta(user, "User", created, modified)

    def _group(self, group: ManagementGroup) -> Resource[Any]:
        record = getattr(group, "provisioning", None)
        members = [
            GroupMember(value=str(m.person_id), ref=f"Users/{m.person_id}")
            for m in group.groupmembership_set.all()
        ]
        resource = Group(
            id=str(group.pk),
            external_id=group.scim_external_id or None,
            display_name=group.name,
            members=members or None,
        )
        created = record.created_at if record else None
        modified = record.updated_at if record else None
        return _with_meta(resource, "Group", created, modified)

    def _units(self) -> dict[int, str]:
        return organisation_selectors.unit_paths(organisation_id=self.organisation_id)

    def get(
        self,
        resource_type: ResourceType,
        resource_id: str,
        *,
        response_parameters: ResponseParameters[Any] | None = None,
    ) -> Resource[Any]:
        if resource_type.name == "User":
            person = selectors.person(organisation_id=self.organisation_id, pk=resource_id)
            if person is None:
                raise NotFoundException(detail=f"Ingen person med id {resource_id}.")
            return self._user(person, self._units())
        group = selectors.group(organisation_id=self.organisation_id, pk=resource_id)
        if group is None:
            raise NotFoundException(detail=f"Ingen ledelsesgruppe med id {resource_id}.")
        return self._group(group)

    def search(
        self,
        resource_types: list[ResourceType],
        search_request: SearchRequest[Any],
        *,
        position: Any = None,
    ) -> SearchPage:
        if len(resource_types) != 1:
            raise NotImplementedException(
                detail="Søg i /Users eller /Groups, ikke i hele tjenesten på én gang."
            )
        ast = search_request.filter.ast if search_request.filter is not None else None
        start = search_request.start_index_0 or 0
        count = search_request.count if search_request.count is not None else 100
        try:
            if resource_types[0].name == "User":
                found = selectors.people_matching(
                    selectors.people(organisation_id=self.organisation_id), ast
                )
                total = found.count()
                units = self._units() if count else {}
                page = [self._user(p, units) for p in found[start : start + count]]
            else:
                found = selectors.groups_matching(
                    selectors.groups(organisation_id=self.organisation_id), ast
                )
                total = found.count()
                page = [self._group(g) for g in found[start : start + count]]
        except (ValueError, TypeError) as error:
            raise InvalidFilterException(detail="Filteret kan ikke bruges her.") from error
        return SearchPage(total=total, resources=page)

    # --- Writing -----------------------------------------------------------

    def _person_data(self, resource: Resource[Any]) -> services.PersonData:
        enterprise = resource[EnterpriseUser]
        manager_id = None
        if enterprise is not None and enterprise.manager is not None:
            value = enterprise.manager.value or ""
            if not value.isdigit() or len(value) > 10:
                raise NotFoundException(detail=f"Ingen person med id {value} (manager).")
            manager_id = int(value)
        emails = resource.emails or []
        primary = next((e for e in emails if e.primary), emails[0] if emails else None)
        return services.PersonData(
            user_name=resource.user_name or "",
            external_id=resource.external_id or "",
            name=resource.display_name or "",
            email=(primary.value if primary else "") or "",
            title=resource.title or "",
            active=resource.active is not False,
            unit_path=services.unit_path(enterprise.department if enterprise else None),
            manager_id=manager_id,
            roles={r.value for r in resource.roles or [] if r.value},
            email_type=(primary.type if primary else "") or "",
            email_primary=primary.primary if primary else None,
        )

    def _group_data(self, resource: Resource[Any]) -> services.GroupData:
        member_ids = set()
        for member in resource.members or []:
            value = member.value or ""
            if not value.isdigit() or len(value) > 10:
                raise NotFoundException(detail=f"Ingen person med id {value} (members).")
            member_ids.add(int(value))
        return services.GroupData(
            external_id=resource.external_id or "",
            name=resource.display_name or "",
            member_ids=member_ids,
        )

    def create(self, resource_type: ResourceType, resource: Resource[Any]) -> Resource[Any]:
        if resource_type.name == "User":
            person = services.person_create(token=self.token, data=self._person_data(resource))
            return self.get(resource_type, str(person.pk))
        group = services.group_create(token=self.token, data=self._group_data(resource))
        return self.get(resource_type, str(group.pk))

    def update(
        self,
        resource_type: ResourceType,
        resource: Resource[Any],
        *,
        expected_version: str | None = None,
    ) -> Resource[Any]:
        if resource_type.name == "User":
            person = selectors.person(organisation_id=self.organisation_id, pk=resource.id or "")
            if person is None:
                raise NotFoundException(detail=f"Ingen person med id {resource.id}.")
            services.person_update(
                token=self.token, person=person, data=self._person_data(resource)
            )
        else:
            group = selectors.group(organisation_id=self.organisation_id, pk=resource.id or "")
            if group is None:
                raise NotFoundException(detail=f"Ingen ledelsesgruppe med id {resource.id}.")
            services.group_update(token=self.token, group=group, data=self._group_data(resource))
        return self.get(resource_type, resource.id or "")

    def delete(
        self,
        resource_type: ResourceType,
        resource_id: str,
        *,
        expected_version: str | None = None,
    ) -> None:
        if resource_type.name == "User":
            person = selectors.person(organisation_id=self.organisation_id, pk=resource_id)
            if person is None:
                raise NotFoundException(detail=f"Ingen person med id {resource_id}.")
            services.person_remove(token=self.token, person=person)
            return
        group = selectors.group(organisation_id=self.organisation_id, pk=resource_id)
        if group is None:
            raise NotFoundException(detail=f"Ingen ledelsesgruppe med id {resource_id}.")
        services.group_remove(token=self.token, group=group)
