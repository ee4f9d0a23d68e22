"""Reads for tool 3. Callers ask the access policy first (access/)."""

from __future__ import annotations

from django.db.models import QuerySet

from followup.models import OPEN_STATUSES
from organisations.models import Person
from plans import scope
from plans.models import (
    ActionCard,
    ActionTask,
    FeedbackRequest,
    Offer,
    Plan,
    PlanResponse,
    PlanTheme,
    RatingMode,
)


def feedback_waiting(*, person: Person) -> QuerySet[FeedbackRequest]:
    """Requests to report back that this person, as a group leader, has not answered."""
    return (
        FeedbackRequest.objects.filter(group__leader=person, answered_at__isnull=True)
        .select_related("version__plan", "group")
        .order_by("version__published_at")
    )


def ratings_waiting(*, person: Person) -> list[Plan]:
    """Plans that ask this leader to rate the themes, and that they have not answered."""
    answered = PlanResponse.objects.filter(person=person, submitted_at__isnull=False).values(
        "plan_id"
    )
    open_plans = (
        Plan.objects.filter(
            organisation_id=person.organisation_id,
            rating_mode=RatingMode.LEADERS,
            rating_opened_at__isnull=False,
        )
        .exclude(pk__in=answered)
        .select_related("unit")
    )
    return [plan for plan in open_plans if scope.covers(plan, person)]


def action_tasks_open(*, person: Person) -> QuerySet[ActionTask]:
    """Open tasks of the action cards of the plans whose team the person is on."""
    return (
        ActionTask.objects.filter(card__theme__plan__team=person, status__in=OPEN_STATUSES)
        .select_related("card__theme__plan")
        .distinct()
    )


def offers_of(*, organisation_id: int) -> QuerySet[Offer]:
    return Offer.objects.filter(organisation_id=organisation_id)


def card_of(*, theme: PlanTheme) -> ActionCard:
    """The theme's action card, or a new unsaved one: looking never writes."""
    return ActionCard.objects.filter(theme=theme).first() or ActionCard(theme=theme)
