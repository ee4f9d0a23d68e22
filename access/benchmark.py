"""Who chooses whether the organisation takes part in the benchmark across
organisations: its administrator and its MED/SU representatives, together."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from access.base import get_in_organisation, holds, in_organisation
from access.plans import get_plan_theme, is_plan_team
from benchmark import selectors as benchmark_selectors
from benchmark.models import SharedCard
from organisations.models import Person, Role
from plans.models import Plan, PlanTheme


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


# --- The inspiration library ----------------------------------------------------------
#
# Shared cards cross the tenant boundary on purpose: they are de-identified, and shared
# only among the organisations that take part. Everything else stays inside it.


def reads_card_library(person: Person) -> bool:
    """Anyone in an organisation that takes part; the others see an invitation."""
    if not person.is_authenticated or person.organisation_id is None:
        return False
    return benchmark_selectors.taking_part(organisation_id=person.organisation_id)


def may_share_plan_cards(person: Person, plan: Plan) -> bool:
    """The plan's team, when the organisation takes part."""
    return is_plan_team(person, plan) and benchmark_selectors.taking_part(
        organisation_id=plan.organisation_id
    )


def get_theme_to_share(person: Person, pk: int) -> PlanTheme:
    theme = get_plan_theme(person, pk)
    if not theme.chosen:
        raise Http404
    if not benchmark_selectors.taking_part(organisation_id=theme.plan.organisation_id):
        raise PermissionDenied
    return theme


def get_shared_card_to_read(person: Person, pk: int) -> SharedCard:
    if not reads_card_library(person):
        raise PermissionDenied
    card = SharedCard.objects.filter(pk=pk).first()
    if card is None:
        raise Http404
    return card


def get_shared_card_to_unshare(person: Person, pk: int) -> SharedCard:
    """The organisation's own shared card, for the plan's team or those who decide
    whether the organisation takes part."""
    card = get_in_organisation(person, SharedCard.objects.select_related("plan"), pk=pk)
    if card.plan is not None and is_plan_team(person, card.plan):
        return card
    if may_choose_benchmark(person):
        return card
    raise PermissionDenied


def card_copy_targets(person: Person) -> QuerySet[PlanTheme]:
    """The chosen themes of the plans whose team the person is on."""
    return (
        in_organisation(person, PlanTheme.objects.filter(chosen=True, plan__team=person))
        .select_related("plan")
        .order_by("-plan__created_at", "plan_id", "position", "pk")
    )


def may_copy_cards(person: Person) -> bool:
    return card_copy_targets(person).exists()


def get_card_copy_target(person: Person, pk: int) -> PlanTheme:
    theme = get_plan_theme(person, pk)
    if not theme.chosen:
        raise Http404
    return theme
