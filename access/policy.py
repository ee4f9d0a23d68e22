"""Who may see and change what. Every view asks this module; none decides on its own.

Two questions, two answers:
- Is the thing in the person's own organisation? If not, it does not exist for
  them: 404, never a hint that it is there.
- Does the person have the right? If not: 403.

Private content (what a leader writes, a member's ratings) is never reachable
through a capability: HR, top management and administrators manage structure
and see aggregates only. Rules for each tool's content live here too, as
functions of (person, object).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse

from organisations.models import Role

if TYPE_CHECKING:
    from organisations.models import ManagementGroup, Person

M = TypeVar("M", bound=Model)


class Capability(StrEnum):
    """Organisation-wide rights that follow from a person's roles."""

    MANAGE_STRUCTURE = "manage_structure"
    VIEW_STRUCTURE = "view_structure"


CAPABILITY_ROLES: dict[Capability, frozenset[str]] = {
    Capability.MANAGE_STRUCTURE: frozenset({Role.HR, Role.ORG_ADMIN}),
    Capability.VIEW_STRUCTURE: frozenset({Role.HR, Role.ORG_ADMIN, Role.TOP_MANAGEMENT}),
}


def has_capability(person: Person, capability: Capability) -> bool:
    if not person.is_authenticated or person.organisation_id is None:
        return False
    return bool(person.roles & CAPABILITY_ROLES[capability])


def require(person: Person, capability: Capability) -> None:
    if not has_capability(person, capability):
        raise PermissionDenied


def in_organisation(person: Person, queryset: QuerySet[M]) -> QuerySet[M]:
    """The tenant boundary: only rows of the person's own organisation."""
    if not person.is_authenticated or person.organisation_id is None:
        return queryset.none()
    model = queryset.model
    if model._meta.model_name == "organisation":
        return queryset.filter(pk=person.organisation_id)
    # Models that reach their organisation through a parent say how (ORGANISATION_PATH).
    path = getattr(model, "ORGANISATION_PATH", "organisation")
    return queryset.filter(**{f"{path}_id": person.organisation_id})


def get_in_organisation(person: Person, queryset: QuerySet[M], **lookup) -> M:
    """One object of the person's organisation, or 404 (also for other organisations')."""
    try:
        return in_organisation(person, queryset).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError) as error:
        raise Http404 from error


def member_required(view: Callable) -> Callable:
    """View decorator: logged in and a person of an organisation (else 403)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.headers.get("HX-Request") == "true":
                # An autosave after the session expired: say so, so the page keeps the
                # text (static/js/app.js) instead of swapping in a login form.
                return HttpResponse(status=401)
            return redirect_to_login(request.get_full_path())
        if request.user.organisation_id is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def requires(capability: Capability) -> Callable:
    """View decorator: log in first, then the capability, else 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            require(request.user, capability)
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        return wrapped

    return decorator


# --- Structure -------------------------------------------------------------


def can_change_structure(person: Person) -> bool:
    return has_capability(person, Capability.MANAGE_STRUCTURE)


def can_view_group(person: Person, group: ManagementGroup) -> bool:
    """Members, the group leader and those who manage structure know a group exists."""
    if group.organisation_id != person.organisation_id:
        return False
    if has_capability(person, Capability.VIEW_STRUCTURE):
        return True
    return group.leader_id == person.pk or group.members.filter(pk=person.pk).exists()


def can_access_django_admin(person: Person) -> bool:
    """Only platform operators (staff without an organisation) use the Django admin."""
    return person.is_active and person.is_staff and person.organisation_id is None


# --- Private content: only its author ----------------------------------------


def get_own(person: Person, queryset: QuerySet[M], *, owner_field: str = "owner_id", **lookup) -> M:
    """An object that belongs to the person: 404 outside their organisation, 403 if it is
    someone else's in the same organisation."""
    obj = get_in_organisation(person, queryset, **lookup)
    owner_id = obj
    for part in owner_field.split("__"):
        owner_id = getattr(owner_id, part)
    if getattr(owner_id, "pk", owner_id) != person.pk:
        raise PermissionDenied
    return obj


# --- Tool 1: a leader and their nearest manager --------------------------------


def is_current_manager(person: Person, leader: Person) -> bool:
    return (
        leader.organisation_id == person.organisation_id
        and leader.manager_id == person.pk
        and leader.pk != person.pk
    )


def can_use_dialogue(person: Person, dialogue) -> bool:
    """The leader always sees their own dialogue; the manager only while they are the
    leader's nearest manager. HR, top management and administrators never do."""
    if dialogue.organisation_id != person.organisation_id:
        return False
    if dialogue.leader_id == person.pk:
        return True
    return dialogue.manager_id == person.pk and dialogue.leader.manager_id == person.pk


def get_dialogue(person: Person, queryset: QuerySet[M], **lookup) -> M:
    """A dialogue (or a thing of one, given `dialogue_path`) the person may use; else 404/403."""
    obj = get_in_organisation(person, queryset, **lookup)
    dialogue = getattr(obj, "dialogue", obj)
    if not can_use_dialogue(person, dialogue):
        raise PermissionDenied
    return obj


def visible_reports(person: Person, queryset: QuerySet[M]) -> QuerySet[M]:
    """The people whose nearest manager this person is now."""
    return in_organisation(person, queryset).filter(manager=person, is_active=True)


def get_report(person: Person, queryset: QuerySet[M], **lookup) -> M:
    leader = get_in_organisation(person, queryset, **lookup)
    if not is_current_manager(person, leader):
        raise PermissionDenied
    return leader


# --- Tool 2: a management group's rounds -----------------------------------------


def is_group_member(person: Person, group: ManagementGroup) -> bool:
    if group.organisation_id != person.organisation_id:
        return False
    return group.leader_id == person.pk or group.members.filter(pk=person.pk).exists()


def get_group_as_member(person: Person, queryset: QuerySet[M], **lookup) -> M:
    group = get_in_organisation(person, queryset, **lookup)
    if not is_group_member(person, group):
        raise PermissionDenied
    return group


def require_group_leader(person: Person, group: ManagementGroup) -> None:
    """Starting a round, running the meeting and recording its results: the group leader."""
    if group.organisation_id != person.organisation_id or group.leader_id != person.pk:
        raise PermissionDenied


def my_groups(person: Person, queryset: QuerySet[M]) -> QuerySet[M]:
    from django.db.models import Q

    return in_organisation(person, queryset).filter(Q(leader=person) | Q(members=person)).distinct()


def get_round(person: Person, queryset: QuerySet[M], *, leader_only: bool = False, **lookup):
    """A round (or a thing of one) for the group's members; the group leader alone when
    `leader_only`. Other organisations: 404; others in the organisation: 403."""
    obj = get_in_organisation(person, queryset, **lookup)
    round_ = getattr(obj, "round", obj)
    group = round_.group
    if leader_only:
        require_group_leader(person, group)
    elif not is_group_member(person, group):
        raise PermissionDenied
    return obj


# --- Tool 3: the organisation's plan for leader well-being -------------------------

PLAN_CREATOR_ROLES = frozenset(
    {Role.TOP_MANAGEMENT, Role.HR, Role.COOPERATION, Role.LEADER_OF_LEADERS}
)


def can_create_plan(person: Person) -> bool:
    """Top management and HR own the plan; MED proposes one; a leader of leaders may make
    one for their part of the organisation (the method's role table for tool 3)."""
    if not person.is_authenticated or person.organisation_id is None:
        return False
    return bool(person.roles & PLAN_CREATOR_ROLES)


def may_plan_whole_organisation(person: Person) -> bool:
    return bool(person.roles & {Role.TOP_MANAGEMENT, Role.HR, Role.COOPERATION})


def plan_units_for(person: Person, queryset: QuerySet[M]) -> QuerySet[M]:
    """The units a person may make a plan for: any, or their own part of the tree."""
    units = in_organisation(person, queryset)
    if may_plan_whole_organisation(person):
        return units
    if person.unit is None:
        return units.none()
    from organisations.selectors import descendant_ids

    return units.filter(pk__in=descendant_ids(person.unit))


def is_plan_team(person: Person, plan) -> bool:
    if plan.organisation_id != person.organisation_id:
        return False
    return plan.team.filter(pk=person.pk).exists()


def get_plan(person: Person, queryset: QuerySet[M], **lookup) -> M:
    """A plan (or a thing of one, through `plan`) for its team only: they alone edit it."""
    obj = get_in_organisation(person, queryset, **lookup)
    plan = _plan_of(obj)
    if not is_plan_team(person, plan):
        raise PermissionDenied
    return obj


def _plan_of(obj):
    for path in ("plan", "theme.plan", "card.theme.plan", "version.plan"):
        current = obj
        try:
            for part in path.split("."):
                current = getattr(current, part)
        except AttributeError:
            continue
        return current
    return obj


def can_read_plan(person: Person, plan) -> bool:
    """A published plan: its team, those who oversee the organisation, and the leaders
    and management groups in its scope."""
    from plans import scope

    if plan.organisation_id != person.organisation_id:
        return False
    if has_capability(person, Capability.VIEW_STRUCTURE) or is_plan_team(person, plan):
        return True
    if scope.covers(plan, person):
        return True
    from organisations.models import ManagementGroup

    return scope.groups(plan).filter(pk__in=ManagementGroup.objects.filter(leader=person)).exists()


def get_published_version(person: Person, queryset: QuerySet[M], **lookup) -> M:
    version = get_in_organisation(person, queryset, **lookup)
    if not can_read_plan(person, version.plan):
        raise PermissionDenied
    return version


def readable_plans(person: Person, queryset: QuerySet[M]) -> list[M]:
    """Plans the person is on the team of, or may read a published version of."""
    return [
        plan
        for plan in in_organisation(person, queryset)
        if is_plan_team(person, plan) or (plan.versions.exists() and can_read_plan(person, plan))
    ]


def get_plan_to_rate(person: Person, queryset: QuerySet[M], **lookup) -> M:
    """The private rating of a plan's themes: leaders in scope while the plan asks them."""
    from plans import scope

    plan = get_in_organisation(person, queryset, **lookup)
    if not plan.rating_open or not scope.covers(plan, person):
        raise PermissionDenied
    return plan


def get_feedback_request(person: Person, queryset: QuerySet[M], **lookup) -> M:
    """A request to report back on a plan: the management group's leader answers it."""
    request = get_in_organisation(person, queryset, **lookup)
    if request.group.leader_id != person.pk:
        raise PermissionDenied
    return request


# --- Follow-up across the tools ---------------------------------------------------


def calendar_owner(token: str) -> Person | None:
    """The person whose calendar address this is: the unguessable token is the key, and
    only an active person of an organisation has a calendar."""
    from followup.models import CalendarFeed

    feed = (
        CalendarFeed.objects.filter(
            token=token, person__is_active=True, person__organisation__isnull=False
        )
        .select_related("person")
        .first()
    )
    return feed.person if feed else None


def may_change_follow_up(person: Person, item) -> bool:
    """Whether "Mit overblik" offers to change a listed agreement's status. It lists only
    the person's own agreements, those of their dialogue with their current manager and
    those of their plans' teams, which they may change; in a management group only the
    group leader changes them (the same rules as get_agreement_to_follow_up)."""
    if item.kind == "group":
        return item.group_leader_id == person.pk
    return True


def get_agreement_to_follow_up(person: Person, kind: str, pk: int):
    """An agreement whose status this person may change from "Mit overblik", by the rules
    of its own tool: the author (yourself), the leader and current manager (dialogue), the
    group leader (management group), the plan team (action card task)."""
    if kind == "self":
        from dialogue.models import SelfAgreementItem

        return get_own(
            person,
            SelfAgreementItem.objects.select_related("agreement"),
            owner_field="agreement__owner_id",
            pk=pk,
        )
    if kind == "manager":
        from dialogue.models import ManagerAgreement

        agreement = get_dialogue(
            person, ManagerAgreement.objects.select_related("dialogue__leader"), pk=pk
        )
        if agreement.dialogue.leader.manager_id != agreement.dialogue.manager_id:
            raise PermissionDenied  # An earlier manager's dialogue is read-only.
        return agreement
    if kind == "group":
        from groups.models import GroupAgreement

        return get_round(
            person, GroupAgreement.objects.select_related("round__group"), leader_only=True, pk=pk
        )
    if kind == "task":
        from plans.models import ActionTask

        return get_plan(person, ActionTask.objects.select_related("card__theme__plan"), pk=pk)
    raise Http404
