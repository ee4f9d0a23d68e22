"""Who chooses whether the organisation takes part in the benchmark across
organisations: its administrator and its MED/SU representatives, together."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

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


def require_benchmark_action(person: Person, action: str) -> None:
    """403 unless the person's role takes this step: the administrator confirms with the
    sector and size, a MED/SU representative confirms that choice, either withdraws."""
    rule = {
        "admin": may_confirm_benchmark_as_admin,
        "representative": may_confirm_benchmark_as_representative,
        "withdraw": may_choose_benchmark,
    }.get(action)
    if rule is None or not rule(person):
        raise PermissionDenied
