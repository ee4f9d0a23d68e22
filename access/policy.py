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
