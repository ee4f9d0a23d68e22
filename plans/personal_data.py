"""What tool 3 holds about a person (see organisations/personal_data.py)."""

from __future__ import annotations

from organisations.personal_data import PersonalData, register
from plans.models import FeedbackRequest, Plan, PlanResponse, PlanTheme


def _plan_ratings(person) -> list:
    responses = list(PlanResponse.objects.filter(person=person).select_related("plan"))
    titles = dict(
        PlanTheme.objects.filter(plan_id__in=[r.plan_id for r in responses]).values_list(
            "pk", "title"
        )
    )
    return [
        {
            "plan": response.plan.title,
            "submitted_at": response.submitted_at,
            "ratings": [
                {
                    "theme": titles.get(theme_id, ""),
                    "importance": rating.importance,
                    "success": rating.success,
                }
                for theme_id, rating in response.given().items()
            ],
        }
        for response in responses
    ]


def _plan_reports(person) -> list:
    return [
        {"plan": item.version.plan.title, "group": item.group.name, "answer": item.answer}
        for item in FeedbackRequest.objects.filter(answered_by=person).select_related(
            "version__plan", "group"
        )
    ]


def _plan_ratings_erase(person) -> None:
    PlanResponse.objects.filter(person=person).delete()
    for plan in Plan.objects.filter(team=person):
        plan.team.remove(person)


def register_all() -> None:
    register(
        PersonalData(
            name="plan_ratings",
            models=("plans.PlanResponse", "plans.Plan"),
            export=_plan_ratings,
            # With their place on plan teams.
            erase=_plan_ratings_erase,
            encrypted=("plans.PlanResponse.answers",),
        )
    )
    register(
        PersonalData(
            name="plan_reports_you_answered",
            models=("plans.FeedbackRequest",),
            export=_plan_reports,
            erase=None,
            kept="A management group's report on the plan is the group's: it stays, by "
            "'Slettet person'.",
        )
    )
    register(
        PersonalData(
            name="plan_records_you_own_or_made",
            models=(
                "plans.ActionTask",
                "plans.EscalationDecision",
                "plans.PlanVersion",
                "plans.PublicLink",
            ),
            export=None,
            erase=None,
            encrypted=("plans.ActionTask.text", "plans.ActionTask.how"),
            kept="Tasks on the published plan, decisions, versions and links are the "
            "organisation's: they stay, with the person shown as 'Slettet person'.",
        )
    )
