"""The tenant boundary, organisation-wide capabilities and private content.

Two questions, two answers:
- Is the thing in the person's own organisation? If not, it does not exist for
  them: 404, never a hint that it is there.
- Does the person have the right? If not: 403.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse

from organisations.models import Person, Role

M = TypeVar("M", bound=Model)


class Capability(StrEnum):
    """Organisation-wide rights that follow from a person's roles."""

    MANAGE_STRUCTURE = "manage_structure"
    VIEW_STRUCTURE = "view_structure"


CAPABILITY_ROLES: dict[Capability, frozenset[str]] = {
    Capability.MANAGE_STRUCTURE: frozenset({Role.HR, Role.ORG_ADMIN}),
    Capability.VIEW_STRUCTURE: frozenset({Role.HR, Role.ORG_ADMIN, Role.TOP_MANAGEMENT}),
}


def holds(person: Person, *roles: str) -> bool:
    """Whether the person holds one of these roles. Only "leaders of leaders" follows from
    the reporting lines and takes a query; the other roles are assigned, and loaded with
    the signed-in person (organisations/backends.py)."""
    wanted = set(roles)
    if Role.LEADER_OF_LEADERS in wanted:
        return bool(person.roles & wanted)
    return bool(person.assigned_roles & wanted)


def has_capability(person: Person, capability: Capability) -> bool:
    if not person.is_authenticated or person.organisation_id is None:
        return False
    return holds(person, *CAPABILITY_ROLES[capability])


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


def parent_of(obj: Model, root: type[M], path_name: str) -> M:
    """The `root` object (a dialogue, round or plan) that `obj` belongs to.

    Each model of a tool names the path to its root in a class attribute (e.g.
    `ActionTask.PLAN_PATH = "card.theme.plan"`), so the policy never guesses by
    attribute; a model without one is a programming error and fails loudly.
    """
    if isinstance(obj, root):
        return obj
    current = obj
    for part in getattr(type(obj), path_name).split("."):
        current = getattr(current, part)
    if not isinstance(current, root):
        raise TypeError(f"{type(obj).__name__}.{path_name} does not lead to a {root.__name__}")
    return current


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


def allowed_if(rule: Callable[[Person], bool]) -> Callable:
    """View decorator for a right that is a rule of the policy rather than a capability
    (`may_configure_sign_in`, `can_create_plan` …): a person of an organisation whom
    the rule lets in, else 403. The one shape of a check, whatever decides it."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @member_required
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_rule = rule  # type: ignore[attr-defined]
        return wrapped

    return decorator


def can_change_structure(person: Person) -> bool:
    return has_capability(person, Capability.MANAGE_STRUCTURE)


def can_access_django_admin(person: Person) -> bool:
    """Only platform operators (staff without an organisation) use the Django admin."""
    return person.is_active and person.is_staff and person.organisation_id is None


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
