"""What a person's home page offers follows from their roles, decided here rather than
in the view."""

from __future__ import annotations

from access.base import holds
from organisations.models import Person, Role

# Informal leaders use the tools as leaders of employees do.
_METHOD_ROLE = {Role.INFORMAL_LEADER: Role.LEADER_OF_EMPLOYEES}


def home_roles(person: Person) -> list[tuple[Role, Role]]:
    """Each of the person's roles whose part in the method the home page explains, with
    the method's role it reads (once per method role), in the method's order."""
    shown, seen = [], set()
    for role in Role:
        if role not in person.roles:
            continue
        method_role = _METHOD_ROLE.get(role, role)
        if method_role not in seen:
            seen.add(method_role)
            shown.append((role, Role(method_role)))
    return shown


def is_organisation_admin(person: Person) -> bool:
    return holds(person, Role.ORG_ADMIN)


def decides_on_escalations(person: Person, *, on_a_plan_team: bool) -> bool:
    """Top management and the plan teams decide on what the groups escalate."""
    return holds(person, Role.TOP_MANAGEMENT) or on_a_plan_team
