"""Who and what a plan covers: the units, leaders and management groups in its scope.

A fixed number of queries whatever the size of the organisation.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from organisations import selectors
from organisations.models import LEADER_ROLES, ManagementGroup, Person, Role, Unit
from plans.models import Plan

LEADERSHIP_ROLES = {*LEADER_ROLES, Role.INFORMAL_LEADER}


def unit_ids(plan: Plan) -> set[int] | None:
    """The plan's unit and every unit below it; None for the whole organisation."""
    if plan.unit_id is None:
        return None
    return selectors.descendant_ids(unit=plan.unit)


def leaders(plan: Plan, units: set[int] | None = None) -> QuerySet[Person]:
    """Active leaders in scope."""
    units = unit_ids(plan) if units is None else units
    people = selectors.leaders(organisation_id=plan.organisation_id)
    if units is not None:
        people = people.filter(unit_id__in=units)
    return people.order_by("name")


def groups(plan: Plan, units: set[int] | None = None) -> QuerySet[ManagementGroup]:
    units = unit_ids(plan) if units is None else units
    found = ManagementGroup.objects.filter(organisation_id=plan.organisation_id)
    if units is not None:
        found = found.filter(unit_id__in=units)
    return found.order_by("name")


def covers(plan: Plan, person: Person, units: set[int] | None = None) -> bool:
    """Is this person a leader in the plan's scope?"""
    if person.organisation_id != plan.organisation_id or not person.is_active:
        return False
    units = unit_ids(plan) if units is None else units
    if units is not None and person.unit_id not in units:
        return False
    if person.roles & LEADERSHIP_ROLES:
        return True
    return person.reports.filter(is_active=True).exists()


def unit_chains(organisation_id: int) -> Callable[[int | None], set[int]]:
    """A unit and every unit above it, from one query of the organisation's tree: a
    plan on unit U covers what lies under U, so U is in the chain of what it covers."""
    parents = dict(
        Unit.objects.filter(organisation_id=organisation_id).values_list("pk", "parent_id")
    )

    def chain(unit_id: int | None) -> set[int]:
        found: set[int] = set()
        while unit_id is not None and unit_id not in found:
            found.add(unit_id)
            unit_id = parents.get(unit_id)
        return found

    return chain


def covering(person: Person, chain=None) -> Callable[[Plan], bool]:
    """`covers(plan, person)` for many plans at once, in at most two queries."""
    if not person.is_active or person.organisation_id is None:
        return lambda plan: False
    if not person.roles & LEADERSHIP_ROLES and not person.reports.filter(is_active=True).exists():
        return lambda plan: False
    mine = (chain or unit_chains(person.organisation_id))(person.unit_id)
    return lambda plan: (
        plan.organisation_id == person.organisation_id
        and (plan.unit_id is None or plan.unit_id in mine)
    )
