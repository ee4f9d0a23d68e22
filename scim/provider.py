"""What our SCIM service serves, as /Schemas, /ResourceTypes and /ServiceProviderConfig
publish it (RFC 7643).

The schemas are the standard User, Group and enterprise User schemas reduced to the
attributes Ledertrivsel keeps. An HR system reads them and sends only what is kept, and
gets back exactly what it sent; a mapping for an attribute that is not here is refused
with a clear error rather than silently dropped.
"""

from typing import Annotated, Any, ClassVar

from pydantic import Field
from scim2_models import (
    URN,
    AuthenticationScheme,
    Bulk,
    CaseExact,
    ChangePassword,
    ComplexAttribute,
    ETag,
    Extension,
    External,
    Filter,
    Patch,
    Reference,
    Required,
    Resource,
    ResourceType,
    ScimProvider,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)

from organisations.models import Role

MAX_RESULTS = 200

# Roles the HR system may give. The administrator role is given in Ledertrivsel only,
# so no sync can lock the organisation's administrators out; leaders of leaders follow
# from the reporting lines.
PROVISIONED_ROLES = [
    Role.TOP_MANAGEMENT.value,
    Role.HR.value,
    Role.COOPERATION.value,
    Role.LEADER_OF_EMPLOYEES.value,
    Role.INFORMAL_LEADER.value,
]


class Email(ComplexAttribute):
    value: Annotated[str | None, Required.true] = None
    type: str | None = Field(None, examples=["work"])
    primary: bool | None = None


class RoleValue(ComplexAttribute):
    value: Annotated[str | None, Required.true] = Field(None, examples=PROVISIONED_ROLES)


class Manager(ComplexAttribute):
    value: Annotated[str | None, Required.true, CaseExact.true] = None
    ref: Annotated[Reference["User"] | None, Required.false] = Field(  # type: ignore[type-arg]
        None, serialization_alias="$ref", validation_alias="$ref"
    )


class EnterpriseUser(Extension):
    __schema__ = URN("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")

    department: str | None = None
    """The unit, its whole path from the top with / between, as in the file import."""

    manager: Manager | None = None


class User(Resource[Any]):
    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:User")

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    display_name: Annotated[str | None, Required.true] = None
    title: str | None = None
    active: Annotated[bool | None, Required.true] = None
    emails: Annotated[list[Email] | None, Required.true] = None
    roles: list[RoleValue] | None = None

    Emails: ClassVar[type[ComplexAttribute]] = Email
    Roles: ClassVar[type[ComplexAttribute]] = RoleValue


class GroupMember(ComplexAttribute):
    value: Annotated[str | None, Required.true, CaseExact.true] = None
    ref: Annotated[Reference["User"] | None, Required.false] = Field(  # type: ignore[type-arg]
        None, serialization_alias="$ref", validation_alias="$ref"
    )


class Group(Resource[Any]):
    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:Group")

    display_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    members: list[GroupMember] | None = None

    Members: ClassVar[type[ComplexAttribute]] = GroupMember


# The names the references above point at.
Manager.model_rebuild()
GroupMember.model_rebuild()

UserWithEnterprise = User[EnterpriseUser]

BEARER = AuthenticationScheme(
    type=AuthenticationScheme.Type.oauthbearertoken,
    name="API-nøgle",
    description="En API-nøgle med adgangen scim, lavet af organisationens administrator.",
    spec_uri=Reference[External]("https://datatracker.ietf.org/doc/html/rfc6750"),
    primary=True,
)

CONFIG = ServiceProviderConfig(
    patch=Patch(supported=True),
    bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
    filter=Filter(supported=True, max_results=MAX_RESULTS),
    change_password=ChangePassword(supported=False),
    sort=Sort(supported=False),
    etag=ETag(supported=False),
    authentication_schemes=[BEARER],
)


def user_type() -> ResourceType:
    found = ResourceType.from_resource(UserWithEnterprise)
    found.description = "Personer i organisationen"
    return found


def group_type() -> ResourceType:
    found = ResourceType.from_resource(Group)
    found.description = "Ledelsesgrupper"
    return found


PROVIDER = ScimProvider(
    models=[User, EnterpriseUser, Group],
    resource_types=[user_type(), group_type()],
    config=CONFIG,
)

__all__ = ["PROVIDER", "Group", "User", "UserWithEnterprise"]
