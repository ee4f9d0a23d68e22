"""Reads for the REST API: the organisation's structure and its published plans, one
page at a time, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from api.models import ApiToken
from organisations.models import GroupMembership, ManagementGroup, Person, Unit
from plans.models import Plan, PlanVersion


def tokens_listed(*, tokens: QuerySet[ApiToken]) -> QuerySet[ApiToken]:
    """The organisation's tokens (from the policy) with who made each, newest first."""
    return tokens.select_related("created_by").order_by("-created_at")


def units(*, organisation_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(organisation_id=organisation_id).order_by("pk")


def unit(*, organisation_id: int, pk: int) -> Unit | None:
    return Unit.objects.filter(organisation_id=organisation_id, pk=pk).first()


def new_unit(*, organisation_id: int) -> Unit:
    """An unsaved unit of the organisation: looking never writes."""
    return Unit(organisation_id=organisation_id)


def people(*, organisation_id: int, email: str | None = None) -> QuerySet[Person]:
    found = (
        Person.objects.filter(organisation_id=organisation_id)
        .only("name", "email", "title", "unit_id", "manager_id", "is_active")
        .prefetch_related("role_assignments")
        .order_by("pk")
    )
    return found.filter(email__iexact=email) if email else found


def groups(*, organisation_id: int) -> QuerySet[ManagementGroup]:
    return (
        ManagementGroup.objects.filter(organisation_id=organisation_id)
        .prefetch_related(
            Prefetch(
                "groupmembership_set",
                queryset=GroupMembership.objects.only("group_id", "person_id").order_by(
                    "person_id"
                ),
            )
        )
        .order_by("pk")
    )


def published_plans(*, organisation_id: int) -> QuerySet[Plan]:
    """Plans with at least one published version (only those leave the plan team)."""
    return (
        Plan.objects.filter(organisation_id=organisation_id, versions__isnull=False)
        .distinct()
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=PlanVersion.objects.only("plan_id", "number", "published_at").order_by(
                    "number"
                ),
            )
        )
        .order_by("pk")
    )


def published_version(*, organisation_id: int, plan_id: int, number: int) -> PlanVersion | None:
    return PlanVersion.objects.filter(
        plan__organisation_id=organisation_id, plan_id=plan_id, number=number
    ).first()
