"""Who and what a plan covers: the units, leaders and management groups in its scope.

A fixed number of queries whatever the size of the organisation.
"""

from __future__ import annotations

from django.db.models import QuerySet

from organisations import selectors
from organisations.models import LEADER_ROLES, ManagementGroup, Person, Role
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
