"""Who chooses whether the organisation takes part in the benchmark across
organisations: its administrator and its MED/SU representatives, together."""

from __future__ import annotations

from access.base import holds
from organisations.models import Person, Role


def may_confirm_benchmark_as_admin(person: Person) -> bool:
    return holds(person, Role.ORG_ADMIN)


def may_confirm_benchmark_as_representative(person: Person) -> bool:
    return holds(person, Role.COOPERATION)


def may_choose_benchmark(person: Person) -> bool:
    """Either of the two who decide; either may also withdraw."""
    return holds(person, Role.ORG_ADMIN, Role.COOPERATION)


def sees_own_plan_against_benchmark(person: Person) -> bool:
    """Top management, on the status page: the organisation's plan map (the leaders'
    combined answers, shown to its plan team) beside the benchmark. HR and
    administrators see the status page's counts, not the plan's map."""
    return holds(person, Role.TOP_MANAGEMENT)
