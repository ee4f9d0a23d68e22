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
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

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
    return queryset.filter(organisation_id=person.organisation_id)


def get_in_organisation(person: Person, queryset: QuerySet[M], **lookup) -> M:
    """One object of the person's organisation, or 404 (also for other organisations')."""
    try:
        return in_organisation(person, queryset).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError) as error:
        raise Http404 from error


def member_required(view: Callable) -> Callable:
    """View decorator: logged in and a person of an organisation (else 403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
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
