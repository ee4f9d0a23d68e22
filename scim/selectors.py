"""Reads for SCIM: the people and management groups of one organisation as the HR system
sees them, and its filters (RFC 7644 §3.4.2.2) turned into database queries, so a
lookup by user name costs one query at any size of organisation."""

from __future__ import annotations

from django.db.models import CharField, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from scim2_models import InvalidFilterException
from scim2_models.path import AttrPath, Comparison, LogicalExpr, Not, Present, ValuePath

from api import selectors as api_selectors
from organisations.models import (
    ManagementGroup,
    Person,
    RoleAssignment,
)

USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group"


def people(*, organisation_id: int) -> QuerySet[Person]:
    """The organisation's people as SCIM users: not those the HR system has removed or
    whose data is erased."""
    return (
        Person.objects.filter(organisation_id=organisation_id, erased_at__isnull=True)
        .exclude(provisioning__removed_at__isnull=False)
        .annotate(
            scim_user_name=Coalesce(
                F("provisioning__user_name"), F("email"), output_field=CharField()
            ),
            scim_external_id=Coalesce(
                F("provisioning__external_id"), Value(""), output_field=CharField()
            ),
        )
        .select_related("provisioning")
        .prefetch_related(
            Prefetch("role_assignments", queryset=RoleAssignment.objects.only("person_id", "role"))
        )
        .order_by("pk")
    )


def person(*, organisation_id: int, pk: str) -> Person | None:
    if not pk.isdigit() or len(pk) > 10:
        return None
    return people(organisation_id=organisation_id).filter(pk=int(pk)).first()


def removed_person(*, organisation_id: int, email: str) -> Person | None:
    """Someone the HR system removed earlier, to be taken back when it sends them again."""
    return Person.objects.filter(
        organisation_id=organisation_id,
        email__iexact=email,
        erased_at__isnull=True,
        provisioning__removed_at__isnull=False,
    ).first()


def user_name_taken(*, organisation_id: int, user_name: str, other_than: int | None) -> bool:
    return (
        people(organisation_id=organisation_id)
        .filter(scim_user_name__iexact=user_name)
        .exclude(pk=other_than)
        .exists()
    )


def people_by_id(*, organisation_id: int, ids: set[int]) -> dict[int, Person]:
    return {p.pk: p for p in people(organisation_id=organisation_id).filter(pk__in=ids)}


def groups(*, organisation_id: int) -> QuerySet[ManagementGroup]:
    """The REST API's groups with their members, less those the HR system removed."""
    return (
        api_selectors.groups(organisation_id=organisation_id)
        .exclude(provisioning__removed_at__isnull=False)
        .annotate(scim_external_id=F("provisioning__external_id"))
        .select_related("provisioning")
    )


def group(*, organisation_id: int, pk: str) -> ManagementGroup | None:
    if not pk.isdigit() or len(pk) > 10:
        return None
    return groups(organisation_id=organisation_id).filter(pk=int(pk)).first()


def group_name_taken(*, organisation_id: int, name: str, other_than: int | None) -> bool:
    return (
        ManagementGroup.objects.filter(organisation_id=organisation_id, name__iexact=name)
        .exclude(pk=other_than)
        .exists()
    )


def removed_group(*, organisation_id: int, name: str) -> ManagementGroup | None:
    return ManagementGroup.objects.filter(
        organisation_id=organisation_id,
        name__iexact=name,
        provisioning__removed_at__isnull=False,
    ).first()


# --- Filters -----------------------------------------------------------------

# SCIM attribute (lower case, as names are case-insensitive) → the query's field.
USER_FIELDS = {
    "id": "pk",
    "username": "scim_user_name",
    "externalid": "scim_external_id",
    "displayname": "name",
    "title": "title",
    "active": "is_active",
    "emails": "email",
    "emails.value": "email",
    "roles": "role_assignments__role",
    "roles.value": "role_assignments__role",
    "manager.value": "manager_id",
    "manager": "manager_id",
}
GROUP_FIELDS = {
    "id": "pk",
    "externalid": "scim_external_id",
    "displayname": "name",
    "members": "members__pk",
    "members.value": "members__pk",
}
INTEGER_FIELDS = {"pk", "manager_id", "members__pk"}
STRING_LOOKUPS = {"eq": "iexact", "co": "icontains", "sw": "istartswith", "ew": "iendswith"}
ORDER_LOOKUPS = {"gt": "gt", "ge": "gte", "lt": "lt", "le": "lte"}


def _field(attr_path: AttrPath, fields: dict[str, str], urns: set[str]) -> str:
    if attr_path.uri and attr_path.uri not in urns:
        raise InvalidFilterException(detail=f"Ukendt skema i filteret: {attr_path.uri}")
    name = attr_path.attr.lower()
    if attr_path.sub_attr:
        name = f"{name}.{attr_path.sub_attr.lower()}"
    if name not in fields:
        raise InvalidFilterException(detail=f"Der kan ikke filtreres på {attr_path}.")
    return fields[name]


def _comparison(field: str, op: str, value) -> Q:
    if field in INTEGER_FIELDS:
        if not isinstance(value, str) or not value.isdigit() or len(value) > 10:
            # An id that is not one of ours matches nothing (RFC 7644 §3.4.2.2).
            return Q(pk__in=[]) if op == "eq" else ~Q(pk__in=[])
        value = int(value)
        lookup = "exact" if op in {"eq", "ne"} else ORDER_LOOKUPS.get(op)
    elif field == "is_active":
        if not isinstance(value, bool) or op not in {"eq", "ne"}:
            raise InvalidFilterException(detail="active kan kun sammenlignes med true eller false.")
        lookup = "exact"
    else:
        if not isinstance(value, str):
            raise InvalidFilterException(detail="Værdien skal være en tekst i anførselstegn.")
        lookup = STRING_LOOKUPS.get(op) or ORDER_LOOKUPS.get(op)
        if op == "ne":
            lookup = "iexact"
    if lookup is None:
        raise InvalidFilterException(detail=f"Operatoren {op} kan ikke bruges her.")
    matched = Q(**{f"{field}__{lookup}": value})
    return ~matched if op == "ne" else matched


def _present(field: str) -> Q:
    if field in {"pk", "is_active", "name"}:
        return ~Q(pk__in=[])
    if field in INTEGER_FIELDS or field.endswith("__role"):
        return Q(**{f"{field}__isnull": False})
    return Q(**{f"{field}__isnull": False}) & ~Q(**{field: ""})


def _query(node, fields: dict[str, str], urns: set[str]) -> Q:
    if isinstance(node, LogicalExpr):
        parts = [_query(term, fields, urns) for term in node.terms]
        combined = parts[0]
        for part in parts[1:]:
            combined = (combined & part) if node.op == "and" else (combined | part)
        return combined
    if isinstance(node, Not):
        return ~_query(node.expr, fields, urns)
    if isinstance(node, Present):
        return _present(_field(node.attr_path, fields, urns))
    if isinstance(node, Comparison):
        return _comparison(_field(node.attr_path, fields, urns), node.op.value, node.value)
    if isinstance(node, ValuePath):
        # emails[type eq "work" and value co "@x"]: one address per person, always "work".
        return _value_path(node, fields, urns)
    raise InvalidFilterException(detail="Filteret kan ikke bruges her.")


def _value_path(node: ValuePath, fields: dict[str, str], urns: set[str]) -> Q:
    parent = node.attr_path.attr

    def inner(sub) -> Q:
        if isinstance(sub, LogicalExpr):
            parts = [inner(t) for t in sub.terms]
            combined = parts[0]
            for part in parts[1:]:
                combined = (combined & part) if sub.op == "and" else (combined | part)
            return combined
        if isinstance(sub, Not):
            return ~inner(sub.expr)
        name = sub.attr_path.attr
        if parent.lower() == "emails" and name.lower() == "type":
            if isinstance(sub, Present):
                return ~Q(pk__in=[])
            if sub.op.value == "eq" and str(sub.value).lower() == "work":
                return ~Q(pk__in=[])
            return Q(pk__in=[])
        if parent.lower() == "emails" and name.lower() == "primary":
            return ~Q(pk__in=[]) if sub.value is True else Q(pk__in=[])
        path = AttrPath(attr=parent, sub_attr=name, uri=node.attr_path.uri)
        if isinstance(sub, Present):
            return _present(_field(path, fields, urns))
        return _comparison(_field(path, fields, urns), sub.op.value, sub.value)

    return inner(node.val_filter)


def people_matching(queryset: QuerySet[Person], ast) -> QuerySet[Person]:
    if ast is None:
        return queryset
    return queryset.filter(_query(ast, USER_FIELDS, {USER_URN, ENTERPRISE_URN})).distinct()


def groups_matching(queryset: QuerySet[ManagementGroup], ast) -> QuerySet[ManagementGroup]:
    if ast is None:
        return queryset
    return queryset.filter(_query(ast, GROUP_FIELDS, {GROUP_URN})).distinct()
