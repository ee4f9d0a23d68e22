"""Reads for tool 3. Callers ask the access policy first (access/)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.models import OPEN_STATUSES
from groups import selectors as group_selectors
from method import loader
from organisations.models import Person
from plans import scope
from plans.models import (
    ActionCard,
    ActionTask,
    EscalationDecision,
    FeedbackRequest,
    Offer,
    Plan,
    PlanResponse,
    PlanTheme,
    PlanVersion,
    PublicLink,
    RatingMode,
    Step,
)
from prioritymap.model import Answer, GroupMap, Rated, aggregate

if TYPE_CHECKING:
    from groups.models import Escalation


def feedback_waiting(*, person: Person) -> QuerySet[FeedbackRequest]:
    """Requests to report back that this person, as a group leader, has not answered."""
    return (
        FeedbackRequest.objects.filter(group__leader=person, answered_at__isnull=True)
        .select_related("version__plan", "group")
        .order_by("version__published_at")
    )


def ratings_waiting(*, person: Person) -> list[Plan]:
    """Plans that asked this leader to rate the themes, and that they have not answered."""
    return list(
        Plan.objects.filter(
            responses__person=person,
            responses__submitted_at__isnull=True,
            rating_mode=RatingMode.LEADERS,
            rating_opened_at__isnull=False,
            # Once the team has closed the rating or published the plan, nobody is asked.
            rating_closed_at__isnull=True,
            versions__isnull=True,
        ).select_related("unit")
    )


def ratings_given(*, person: Person) -> list[dict]:
    """The plans this leader has rated, and where each stands now."""
    responses = (
        PlanResponse.objects.filter(person=person, submitted_at__isnull=False)
        .select_related("plan")
        .prefetch_related("plan__versions")
        .order_by("-submitted_at")
    )
    result = []
    for response in responses:
        plan = response.plan
        latest = plan_version_latest_prefetched(plan=plan)
        result.append(
            {
                "plan": plan,
                "submitted_at": response.submitted_at,
                "latest": latest,
                "open": plan.rating_closed_at is None and latest is None,
            }
        )
    return result


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


def method_texts_of(*, plan: Plan):
    return loader.load(plan.method_version)


def themes_of(*, plan: Plan):
    return plan.themes.select_related("escalation__round__group").order_by("position", "pk")


def _method_theme(theme: PlanTheme):
    """The brochure's text of one of its 12 themes, in the plan's version; None for an
    organisation's own theme."""
    if theme.number is None:
        return None
    return next(
        (t for t in method_texts_of(plan=theme.plan).themes if t.number == theme.number), None
    )


def theme_title(*, theme: PlanTheme) -> str:
    """The brochure's themes in the reader's language; own themes as written."""
    text = _method_theme(theme)
    return str(text.title) if text else theme.title


def theme_question(*, theme: PlanTheme) -> str:
    text = _method_theme(theme)
    return str(text.question) if text else theme.question


def escalations_in_scope(*, plan: Plan):
    return group_selectors.escalations_in(
        organisation_id=plan.organisation_id, unit_ids=scope.unit_ids(plan)
    )


def escalations_undecided(*, plan: Plan) -> list[Escalation]:
    """Escalations no plan has decided on yet."""
    return [e for e in escalations_in_scope(plan=plan) if not hasattr(e, "decision")]


def escalation_decisions_of(*, plan: Plan) -> list[EscalationDecision]:
    return list(plan.decisions.select_related("escalation__round__group").order_by("-decided_at"))


def response_of(*, plan: Plan, person: Person) -> PlanResponse:
    """The leader's answers to the plan, or a new unsaved response: looking never writes."""
    return PlanResponse.objects.filter(plan=plan, person=person).first() or PlanResponse(
        plan=plan, person=person
    )


def response_ratings(*, response: PlanResponse) -> dict[int, Rated]:
    """The response's ratings by theme (none before it is first saved)."""
    return response.given()


def own_map(*, response: PlanResponse) -> GroupMap:
    answers = {
        theme_id: Answer(r.importance, r.success)
        for theme_id, r in response_ratings(response=response).items()
        if r.importance is not None and r.success is not None
    }
    return aggregate({response.pk: answers})


@dataclass
class PlanMap:
    map: GroupMap | None
    answered: int
    k: int
    mode: str
    # False while leaders may still answer: then nobody sees their combined map.
    closed: bool = True

    @property
    def shown(self) -> bool:
        return self.map is not None


def _effective_k(plan: Plan) -> int:
    return max(plan.anonymity_k, plan.organisation.anonymity_k)


def plan_map(*, plan: Plan, theme_list=None) -> PlanMap:
    """The map of the team's joint rating, or of the leaders' private ratings as computed
    when the plan team closed the rating (at least k complete answers). Before that
    there is no map, only how many have answered, so no two readings can be subtracted.
    """
    if plan.rating_mode == RatingMode.TEAM:
        theme_list = theme_list if theme_list is not None else list(plan.themes.all())
        answers = {
            t.pk: Answer(t.importance, t.success)
            for t in theme_list
            if t.importance is not None and t.success is not None
        }
        return PlanMap(aggregate({"team": answers}) if answers else None, 1, 1, plan.rating_mode)
    k = _effective_k(plan)
    if plan.rating_closed_at is None:
        answered = plan.responses.filter(submitted_at__isnull=False).count()
        return PlanMap(None, answered, k, plan.rating_mode, closed=False)
    stored = plan.map_snapshot or {"map": None, "answered": 0}
    if stored["map"] is None or stored.get("k", k) < k:
        return PlanMap(None, stored["answered"], k, plan.rating_mode)
    return PlanMap(GroupMap.from_json(stored["map"]), stored["answered"], k, plan.rating_mode)


def plan_map_compute(*, plan: Plan) -> dict:
    """The leaders' combined map from complete answers only (every theme of the method
    rated on both scales), as stored when the rating closes."""
    k = _effective_k(plan)
    answers: dict[int, dict[int, Answer]] = {}
    vouched: set[int] = set()
    for response in (
        plan.responses.filter(submitted_at__isnull=False)
        .select_related("person")
        .only("pk", "answers", "person__vouched_at")
    ):
        if response.person.vouched_at is not None:
            vouched.add(response.pk)
        answers[response.pk] = {
            theme_id: Answer(rated.importance, rated.success)
            for theme_id, rated in response.given().items()
            if rated.importance is not None and rated.success is not None
        }
    required = set(plan.themes.filter(number__isnull=False).values_list("pk", flat=True))
    complete = {pk: given for pk, given in answers.items() if required <= set(given)}
    # Leaders typed in by hand and not confirmed (issue 22, path 7) may answer, but
    # never make up the k behind the map or behind a theme.
    if sum(1 for pk in complete if pk in vouched) < k:
        return {"map": None, "answered": len(complete), "k": k}
    # A theme enters the map only if k of the complete answers rated it: one added late
    # (an escalation accepted while leaders rated) is otherwise one person's answer.
    raters = Counter(
        theme_id for pk, given in complete.items() if pk in vouched for theme_id in given
    )
    shown = {theme_id for theme_id, count in raters.items() if count >= k}
    complete = {
        pk: {theme_id: answer for theme_id, answer in given.items() if theme_id in shown}
        for pk, given in complete.items()
    }
    return {"map": aggregate(complete).to_json(), "answered": len(complete), "k": k}


def chosen_themes(*, plan: Plan):
    return (
        plan.themes.filter(chosen=True)
        .select_related("card")
        .prefetch_related("offers", "card__tasks")
        .order_by("position", "pk")
    )


def publish_problems(*, plan: Plan, chosen: list[PlanTheme]) -> list[str]:
    problems = []
    if not chosen:
        problems.append(_("Vælg først de 3-5 temaer, planen skal handle om."))
    for theme in chosen:
        card = getattr(theme, "card", None)
        if card is None or not card.is_complete:
            problems.append(
                _("Action cardet for „%(theme)s“ mangler et mål og en ansvarlig.")
                % {"theme": theme_title(theme=theme)}
            )
    return problems


def plan_version_latest(*, plan: Plan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def plan_version_latest_prefetched(*, plan: Plan) -> PlanVersion | None:
    """The same, from versions already prefetched for a list of plans (no query each)."""
    return max(plan.versions.all(), key=lambda version: version.number, default=None)


def plan_version_for_link(*, token: str) -> PlanVersion | None:
    link = (
        PublicLink.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("plan")
        .first()
    )
    return plan_version_latest(plan=link.plan) if link else None


@dataclass
class ScopeSize:
    leaders: int
    groups: int


def scope_size(*, plan: Plan) -> ScopeSize:
    """How many leaders and management groups the plan covers."""
    return ScopeSize(leaders=scope.leaders(plan).count(), groups=scope.groups(plan).count())


def plan_overview(*, plan: Plan) -> dict:
    """The plan page: team, versions, intranet links and the latest version's feedback."""
    latest = plan_version_latest(plan=plan)
    feedback = list(latest.feedback.select_related("group", "group__leader")) if latest else []
    return {
        "team": plan.team.order_by("name"),
        "versions": plan.versions.all(),
        "latest": latest,
        "feedback": feedback,
        "answered": sum(1 for f in feedback if f.answered_at),
        "links": plan.links.all(),
    }


def team_of(*, plan: Plan) -> QuerySet[Person]:
    return plan.team.order_by("name")


def plans_on_team(*, person: Person) -> QuerySet[Plan]:
    """The plans whose team the person is on (MED, HR, top management …)."""
    return Plan.objects.filter(team=person).select_related("unit").order_by("-created_at")


@dataclass(frozen=True)
class PlanNextStep:
    """The plan team's one next action, what it does, and how far the current step is."""

    action: str
    consequence: str
    url: str
    progress_label: str = ""
    done: int = 0
    total: int = 0


def plan_next_step(*, plan: Plan, leader_count: int) -> PlanNextStep:
    """Where the plan stands, said as the next thing to do (issue 23). A few queries."""
    from django.urls import reverse

    prioritise = reverse("plans:prioritise", args=[plan.pk])
    themes = list(plan.themes.all())
    chosen = [t for t in themes if t.chosen]
    k = _effective_k(plan)
    if plan.rating_open and plan.rating_closed_at is None:
        # First, whatever the step: a plan must not be qualified while leaders still
        # answer and no map exists (issue 23).
        answered = plan.responses.filter(submitted_at__isnull=False).count()
        return PlanNextStep(
            _("Luk vurderingen og lav kortet"),
            _(
                "Herefter kan ingen svare mere, og ledernes samlede kort laves én gang for "
                "alle. Det vises kun, hvis mindst %(k)s har svaret."
            )
            % {"k": k},
            prioritise,
            _("Ledere, der har svaret"),
            answered,
            leader_count,
        )
    if plan.step == Step.PRIORITISE:
        if plan.rating_mode == RatingMode.TEAM:
            rated = sum(1 for t in themes if t.importance is not None and t.success is not None)
            return PlanNextStep(
                _("Vurder temaerne sammen, og vælg 3-5"),
                _("Placér hvert tema på kortet efter, hvor vigtigt det er, og hvor godt I lykkes."),
                prioritise,
                _("Temaer vurderet"),
                rated,
                len(themes),
            )
        if plan.rating_opened_at is None:
            return PlanNextStep(
                _("Bed lederne om at vurdere temaerne"),
                _(
                    "De %(n)s ledere i planens område får en mail og svarer hver for sig. I ser "
                    "kun det samlede kort, når I lukker vurderingen, og kun hvis mindst %(k)s "
                    "har svaret."
                )
                % {"n": leader_count, "k": k},
                prioritise,
            )
        return PlanNextStep(
            _("Vælg de 3-5 temaer, planen skal handle om"),
            _("Ledernes kort viser, hvad der er vigtigt, og hvor I lykkes mindst."),
            prioritise,
        )
    if plan.step == Step.QUALIFY:
        qualified = sum(
            1 for t in chosen if any(getattr(t, name) for name in PlanTheme.QUALIFY_FIELDS)
        )
        if qualified < len(chosen):
            return PlanNextStep(
                _("Kvalificer de valgte temaer"),
                _("Svar på støttespørgsmålene til hvert tema, og notér de tilbud, der findes."),
                reverse("plans:qualify", args=[plan.pk]),
                _("Temaer kvalificeret"),
                qualified,
                len(chosen),
            )
        with_cards = ActionCard.objects.filter(theme__in=chosen).exclude(goal="").count()
        return PlanNextStep(
            _("Skriv et action card til hvert tema"),
            _("Hvert kort siger, hvad målet er, hvem der er ansvarlig, og hvordan I følger op."),
            reverse("plans:cards", args=[plan.pk]),
            _("Temaer med action card"),
            with_cards,
            len(chosen),
        )
    if not plan.versions.exists():
        return PlanNextStep(
            _("Udgiv planen"),
            _(
                "Planen vises for lederne og kan lægges på intranettet uden navne, og "
                "ledelsesgrupperne bliver bedt om at melde tilbage."
            ),
            reverse("plans:publish", args=[plan.pk]),
        )
    return PlanNextStep(
        _("Følg ledelsesgruppernes tilbagemeldinger"),
        _("Ret planen og udgiv en ny version, når I har lært noget nyt."),
        reverse("plans:detail", args=[plan.pk]) + "#tilbagemeldinger",
    )


def organisation_map_latest(*, organisation_id: int):
    """The newest map of a plan for the whole organisation, as its plan team sees it:
    (plan, its themes, the map), or None while no such plan has one. The benchmark's
    comparison on top management's status page reads it (issue 25)."""
    for plan in Plan.objects.filter(organisation_id=organisation_id, unit__isnull=True).order_by(
        "-created_at", "-pk"
    )[:5]:
        themes = list(themes_of(plan=plan))
        found = plan_map(plan=plan, theme_list=themes)
        if found.shown:
            return plan, themes, found.map
    return None
