"""Tool 3: the plan team edits a plan; a published plan is read by its team, those who
oversee the organisation, and the leaders and management groups in its scope."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from access.base import (
    Capability,
    get_in_organisation,
    has_capability,
    holds,
    in_organisation,
    parent_of,
)
from groups.models import Escalation
from organisations.models import ManagementGroup, Person, Role, Unit
from organisations.selectors import descendant_ids
from plans import scope
from plans.models import ActionTask, FeedbackRequest, Plan, PlanTheme, PlanVersion, PublicLink

PLAN_CREATOR_ROLES = frozenset(
    {Role.TOP_MANAGEMENT, Role.HR, Role.COOPERATION, Role.LEADER_OF_LEADERS}
)


def can_create_plan(person: Person) -> bool:
    """Top management and HR own the plan; MED proposes one; a leader of leaders may make
    one for their part of the organisation (the method's role table for tool 3)."""
    if not person.is_authenticated or person.organisation_id is None:
        return False
    return holds(person, *PLAN_CREATOR_ROLES)


def may_plan_whole_organisation(person: Person) -> bool:
    return holds(person, Role.TOP_MANAGEMENT, Role.HR, Role.COOPERATION)


def plan_units_for(person: Person) -> QuerySet[Unit]:
    """The units a person may make a plan for: any, or their own part of the tree."""
    units = in_organisation(person, Unit.objects.all())
    if may_plan_whole_organisation(person):
        return units
    if person.unit is None:
        return units.none()
    return units.filter(pk__in=descendant_ids(unit=person.unit))


def plan_team_candidates(person: Person, plan: Plan) -> QuerySet[Person]:
    """Who may be added to a plan's team: active people of the plan's organisation."""
    return in_organisation(person, Person.objects.filter(is_active=True)).exclude(
        pk__in=plan.team.values("pk")
    )


def is_plan_team(person: Person, plan: Plan) -> bool:
    if plan.organisation_id != person.organisation_id:
        return False
    return plan.team.filter(pk=person.pk).exists()


def _team_only(person: Person, obj):
    if not is_plan_team(person, parent_of(obj, Plan, "PLAN_PATH")):
        raise PermissionDenied
    return obj


def get_plan(person: Person, pk: int) -> Plan:
    """A plan for its team only: they alone edit it."""
    plan = get_in_organisation(person, Plan.objects.select_related("organisation", "unit"), pk=pk)
    return _team_only(person, plan)


def get_plan_theme(person: Person, pk: int) -> PlanTheme:
    theme = get_in_organisation(
        person, PlanTheme.objects.select_related("plan__organisation", "plan__unit"), pk=pk
    )
    return _team_only(person, theme)


def get_public_link(person: Person, pk: int) -> PublicLink:
    link = get_in_organisation(person, PublicLink.objects.select_related("plan"), pk=pk)
    return _team_only(person, link)


def get_action_task(person: Person, pk: int) -> ActionTask:
    task = get_in_organisation(
        person, ActionTask.objects.select_related("card__theme__plan"), pk=pk
    )
    return _team_only(person, task)


def get_escalation(person: Person, plan: Plan, pk: int) -> Escalation:
    """An escalation the plan's team may decide on: one from the plan's organisation."""
    return get_in_organisation(
        person, Escalation.objects.filter(organisation=plan.organisation), pk=pk
    )


def can_read_plan(person: Person, plan: Plan) -> bool:
    """A published plan: its team, those who oversee the organisation, and the leaders
    and management groups in its scope."""
    if plan.organisation_id != person.organisation_id:
        return False
    if has_capability(person, Capability.VIEW_STRUCTURE) or is_plan_team(person, plan):
        return True
    if scope.covers(plan, person):
        return True
    return scope.groups(plan).filter(pk__in=ManagementGroup.objects.filter(leader=person)).exists()


def get_published_version(person: Person, plan_pk: int, number: int) -> PlanVersion:
    version = get_in_organisation(
        person,
        PlanVersion.objects.select_related("plan__organisation", "plan__unit"),
        plan_id=plan_pk,
        number=number,
    )
    if not can_read_plan(person, version.plan):
        raise PermissionDenied
    return version


def readable_plans(person: Person) -> list[Plan]:
    """Plans the person is on the team of, or may read a published version of; each
    says whether the person is on its team (`on_team`)."""
    plans = list(
        in_organisation(person, Plan.objects.select_related("unit").prefetch_related("versions"))
    )
    if not plans:
        return []
    # can_read_plan for every plan at once: a fixed number of queries, not a few per plan.
    team = set(person.plan_teams.values_list("pk", flat=True))
    oversees = has_capability(person, Capability.VIEW_STRUCTURE)
    chain = scope.unit_chains(person.organisation_id)
    covers = scope.covering(person, chain)
    led_units = [
        chain(unit_id)
        for unit_id in ManagementGroup.objects.filter(
            leader=person, organisation_id=person.organisation_id
        ).values_list("unit_id", flat=True)
    ]

    def leads_a_group_in(plan: Plan) -> bool:
        return any(plan.unit_id is None or plan.unit_id in units for units in led_units)

    readable = []
    for plan in plans:
        plan.on_team = plan.pk in team
        if plan.on_team or (
            plan.versions.all() and (oversees or covers(plan) or leads_a_group_in(plan))
        ):
            readable.append(plan)
    return readable


def get_plan_to_rate(person: Person, pk: int) -> Plan:
    """The private rating of a plan's themes: the leaders who were in scope when the
    plan asked them."""
    plan = get_in_organisation(person, Plan.objects.select_related("unit"), pk=pk)
    # The raters were fixed when the rating opened (plans.services.plan_rating_open).
    if not plan.rating_open or not plan.responses.filter(person=person).exists():
        raise PermissionDenied
    return plan


def get_feedback_request(person: Person, pk: int) -> FeedbackRequest:
    """A request to report back on a plan: the management group's leader answers it."""
    request = get_in_organisation(
        person, FeedbackRequest.objects.select_related("group", "version__plan"), pk=pk
    )
    if request.group.leader_id != person.pk:
        raise PermissionDenied
    return request
