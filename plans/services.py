"""Writes for tool 3; reads are in selectors.py. Callers ask the access policy first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup import outbox
from groups import services as group_services
from method import loader
from organisations.models import Organisation, Person
from plans import scope, selectors
from plans.models import (
    DEFAULT_PLAN_K,
    OWN_THEMES_START,
    ActionCard,
    ActionTask,
    Decision,
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
from prioritymap.model import Rated

if TYPE_CHECKING:
    from groups.models import Escalation


class PlanError(ValueError):
    """The plan cannot move on; the message says why, in Danish."""


@transaction.atomic
def plan_create(*, organisation: Organisation, by: Person, team=(), **fields) -> Plan:
    k = fields.setdefault("anonymity_k", max(DEFAULT_PLAN_K, organisation.anonymity_k))
    if k < organisation.anonymity_k:
        raise PlanError(_("En plan kan ikke vise samlede tal for færre end organisationen."))
    plan = Plan.objects.create(
        organisation=organisation,
        created_by=by,
        method_version=loader.CURRENT_VERSION,
        **fields,
    )
    plan.team.add(by, *team)
    PlanTheme.objects.bulk_create(
        PlanTheme(
            plan=plan,
            number=theme.number,
            title=theme.title.da,
            question=theme.question.da,
            position=theme.number,
        )
        for theme in loader.load(plan.method_version).themes
    )
    return plan


def own_theme_add(*, plan: Plan, title: str, question: str = "", source: str = "", escalation=None):
    """The team's own theme, rated with the method's twelve. While leaders are rating, the
    list is frozen: a theme added then would be rated only by those who answer later, so
    a handful of answers (or one) would stand behind it. An escalation accepted meanwhile
    still becomes a theme; the map leaves out any theme fewer than k complete answers
    rated (selectors.plan_map_compute)."""
    if escalation is None and plan.themes_frozen:
        raise PlanError(
            _(
                "Lederne er i gang med at vurdere temaerne, så listen ligger fast. Tilføj "
                "jeres egne temaer, før I sender vurderingen ud, eller når den er lukket."
            )
        )
    position = max(plan.themes.aggregate(Max("position"))["position__max"] or 0, OWN_THEMES_START)
    return PlanTheme.objects.create(
        plan=plan,
        title=title,
        question=question,
        source=source,
        escalation=escalation,
        position=position + 1,
    )


# --- Escalations from the management groups ------------------------------------------


@transaction.atomic
def escalation_decide(
    *, plan: Plan, escalation: Escalation, decision: str, reason: str, by: Person
):
    if decision == Decision.DECLINED and not reason.strip():
        raise PlanError(_("Skriv en begrundelse, som lederen af gruppen kan se."))
    if EscalationDecision.objects.filter(escalation=escalation).exists():
        raise PlanError(_("Der er allerede taget stilling til eskaleringen."))
    EscalationDecision.objects.create(
        plan=plan, escalation=escalation, decision=decision, reason=reason, decided_by=by
    )
    # The group leader sees the outcome and the reason on the escalation.
    group_services.escalation_respond(escalation=escalation, outcome=decision, response=reason)
    if decision == Decision.ACCEPTED:
        own_theme_add(
            plan=plan,
            title=escalation.title,
            question=escalation.description,
            source=_("Eskalering fra %(group)s") % {"group": escalation.round.group.name},
            escalation=escalation,
        )


def escalation_announce(*, escalation: Escalation) -> int:
    """Tells every member of each plan team whose plan covers the group, at once, that
    an escalation waits for their decision (issue 23). The mail names the group, not the
    theme's words: those stay in the product."""
    group = escalation.round.group
    teams: dict[int, tuple[Person, Plan]] = {}
    for plan in Plan.objects.filter(organisation_id=escalation.organisation_id).prefetch_related(
        "team"
    ):
        units = scope.unit_ids(plan)
        if units is not None and group.unit_id not in units:
            continue
        for member in plan.team.all():
            teams.setdefault(member.pk, (member, plan))
    return sum(
        outbox.send_mail(
            "plans/email/escalation",
            to=member,
            context={
                "group": group,
                "plan": plan,
                "url": f"{settings.SITE_URL}"
                f"{reverse('plans:prioritise', args=[plan.pk])}#eskaleringer",
            },
            key=f"escalation:{escalation.pk}:{member.pk}",
        )
        for member, plan in teams.values()
        if member.is_active
    )


# --- Step 1: ratings and the map -----------------------------------------------------


def team_ratings_save(*, plan: Plan, ratings: dict[int, Rated]) -> None:
    """The plan team's own ratings, when the team rates the themes together."""
    for theme in plan.themes.all():
        rated = ratings.get(theme.pk)
        if rated is not None and Rated(theme.importance, theme.success) != rated:
            theme.importance, theme.success = rated.importance, rated.success
            theme.save(update_fields=["importance", "success"])


@transaction.atomic
def plan_rating_open(*, plan: Plan) -> int:
    """Invites every leader in scope to rate the themes privately. Returns how many."""
    if plan.rating_mode != RatingMode.LEADERS:
        raise PlanError(_("Planen er sat op til, at planteamet vurderer temaerne sammen."))
    first_time = plan.rating_opened_at is None
    plan.rating_opened_at = plan.rating_opened_at or timezone.now()
    plan.save(update_fields=["rating_opened_at"])
    if not first_time:
        return plan.responses.count()
    leaders = list(scope.leaders(plan).only("pk", "email", "language", "name"))
    # The raters are fixed now, as a round's members are when it starts: a leader who
    # is moved into the plan's units (or made up) afterwards neither rates nor counts
    # toward k.
    PlanResponse.objects.bulk_create(
        [PlanResponse(plan=plan, person=leader) for leader in leaders], batch_size=1000
    )
    transaction.on_commit(lambda: _send(plan, leaders, "plans/email/rate"))
    return len(leaders)


def rating_remind(*, plan: Plan, by: Person) -> int:
    """One reminder to each invited leader who has not answered, at most once a day per
    plan (a second click the same day sends nothing). Says nothing about anyone's answer.
    Returns how many were sent now."""
    if not plan.themes_frozen:  # only while the rating is open
        return 0
    url = f"{settings.SITE_URL}{reverse('plans:rate', args=[plan.pk])}"
    today = timezone.localdate().isoformat()
    sent = 0
    waiting = plan.responses.filter(submitted_at__isnull=True).select_related("person")
    for response in waiting:
        person = response.person
        if not person.is_active or person.pk == by.pk:
            continue
        key = f"rating-reminder:{plan.pk}:{person.pk}:{today}"
        if outbox.mail_exists(key):
            continue
        outbox.send_mail(
            "plans/email/rate_reminder", to=person, context={"plan": plan, "url": url}, key=key
        )
        sent += 1
    return sent


def response_get_or_create(*, plan: Plan, person: Person) -> PlanResponse:
    """The answer of one of the raters fixed when the rating opened."""
    response = PlanResponse.objects.filter(plan=plan, person=person).first()
    if response is None:
        raise PlanError(
            _("Du var ikke blandt lederne i planens område, da vurderingen blev sendt ud.")
        )
    return response


def _require_rating_open(plan_id: int) -> None:
    # Asked of the database, not of a Plan object that may have been loaded before the
    # team closed the rating.
    if Plan.objects.filter(pk=plan_id, rating_closed_at__isnull=False).exists():
        raise PlanError(_("Planteamet har lukket vurderingen, så svarene kan ikke ændres."))


@transaction.atomic
def response_save(*, response: PlanResponse, ratings: dict[int, Rated]) -> None:
    """A leader's private ratings so far (partial answers are fine), kept as one
    encrypted record."""
    _require_rating_open(response.plan_id)
    valid = set(response.plan.themes.values_list("pk", flat=True))
    before = response.given()
    given = dict(before)
    for theme_id, rated in ratings.items():
        if theme_id not in valid:
            continue
        if rated.importance is None and rated.success is None:
            given.pop(theme_id, None)
        else:
            given[theme_id] = rated
    if given != before:
        response.set_given(given)
        response.save(update_fields=["answers"])


def response_submit(*, response: PlanResponse) -> None:
    _require_rating_open(response.plan_id)
    rated = {
        theme_id
        for theme_id, r in response.given().items()
        if r.importance is not None and r.success is not None
    }
    missing = [t.label for t in response.plan.themes.all() if t.pk not in rated]
    if missing:
        raise PlanError(
            _("Vurder alle temaer på begge skalaer. Mangler: %(labels)s.")
            % {"labels": ", ".join(missing)}
        )
    response.submitted_at = timezone.now()
    response.save(update_fields=["submitted_at"])


@transaction.atomic
def plan_rating_close(*, plan: Plan) -> None:
    """Locks the leaders' answers and computes their combined map once."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.rating_mode != RatingMode.LEADERS or locked.rating_closed_at is not None:
        plan.rating_closed_at, plan.map_snapshot = locked.rating_closed_at, locked.map_snapshot
        return
    plan.map_snapshot = selectors.plan_map_compute(plan=plan)
    plan.rating_closed_at = timezone.now()
    plan.save(update_fields=["map_snapshot", "rating_closed_at"])


@transaction.atomic
def plan_choose(*, plan: Plan, theme_ids: list[int]) -> None:
    """Chooses the 3-5 themes that go on to be qualified."""
    low, high = (
        selectors.method_texts_of(plan=plan).themes_intro.min_chosen,
        selectors.method_texts_of(plan=plan).themes_intro.max_chosen,
    )
    valid = set(plan.themes.values_list("pk", flat=True))
    chosen = {pk for pk in theme_ids if pk in valid}
    if not low <= len(chosen) <= high:
        raise PlanError(
            _("Vælg mellem %(low)s og %(high)s temaer. Du har valgt %(n)s.")
            % {"low": low, "high": high, "n": len(chosen)}
        )
    plan.themes.update(chosen=False)
    plan.themes.filter(pk__in=chosen).update(chosen=True)
    if plan.step == Step.PRIORITISE:
        plan.step = Step.QUALIFY
        plan.save(update_fields=["step"])


# --- Step 2 and 3: qualify, action cards --------------------------------------------


def offer_add(*, organisation: Organisation, **fields) -> Offer:
    return Offer.objects.create(organisation=organisation, **fields)


@transaction.atomic
def action_card_save(
    *, card: ActionCard, tasks: list[ActionTask], deleted: list[ActionTask], by: Person
) -> ActionCard:
    """Saves a card with its changed and deleted tasks; the tasks' history records who."""
    card.save()
    for task in tasks:
        task.card = card
        task.save(changed_by=by)
    for task in deleted:
        task.delete()
    return card


@transaction.atomic
def action_card_add_text(
    *, theme: PlanTheme, texts: dict[str, str], tasks: list[tuple[str, str]], by: Person
) -> ActionCard:
    """Adds text to a theme's card, after what the team wrote (never over it), and tasks
    without a date for the team to give one: a starting point copied from elsewhere."""
    card = ActionCard.objects.select_for_update().filter(theme=theme).first()
    card = card or ActionCard(theme=theme)
    for field, text in texts.items():
        if field not in ActionCard.TEXT_FIELDS:
            raise ValueError(field)
        if text.strip():
            existing = getattr(card, field).rstrip()
            setattr(card, field, f"{existing}\n\n{text.strip()}" if existing else text.strip())
    card.save()
    for who, what in tasks:
        task = ActionTask(card=card, who=(who or _("Aftales"))[:200], text=what)
        task.save(changed_by=by)
    return card


@transaction.atomic
def theme_qualify_save(*, theme: PlanTheme, offers, **answers: str) -> None:
    """The team's answers to the brochure's support questions, and the offers that
    already exist for the theme."""
    for name in PlanTheme.QUALIFY_FIELDS:
        setattr(theme, name, answers[name])
    theme.save(update_fields=list(PlanTheme.QUALIFY_FIELDS))
    theme.offers.set(offers)


def plan_to_publish_step(*, plan: Plan) -> None:
    if plan.step == Step.QUALIFY:
        plan.step = Step.PUBLISH
        plan.save(update_fields=["step"])


def plan_snapshot(*, plan: Plan, chosen: list[PlanTheme]) -> dict:
    """What a published version shows: no names of people, only what the team wrote."""
    result = {"title": plan.title, "scope": plan.scope_label, "themes": []}
    for theme in chosen:
        card = getattr(theme, "card", None)
        result["themes"].append(
            {
                "number": theme.number,
                "label": theme.label,
                "title": theme.title,
                "question": theme.question,
                "source": theme.source,
                "card": {field: getattr(card, field, "") for field in ActionCard.TEXT_FIELDS},
                "tasks": [
                    {
                        "who": task.who,
                        "what": task.text,
                        "when": task.due_date.isoformat() if task.due_date else "",
                    }
                    for task in (card.tasks.all() if card else [])
                ],
                "offers": [
                    {"name": o.name, "description": o.description, "url": o.url}
                    for o in theme.offers.all()
                ],
            }
        )
    return result


@transaction.atomic
def plan_publish(*, plan: Plan, by: Person, announce: bool = True) -> PlanVersion:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    chosen = list(selectors.chosen_themes(plan=plan))
    problems = selectors.publish_problems(plan=plan, chosen=chosen)
    if problems:
        raise PlanError(" ".join(problems))
    number = (plan.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        content=plan_snapshot(plan=plan, chosen=chosen),
        method_version=plan.method_version,
        published_at=timezone.now(),
        published_by=by,
    )
    plan.step = Step.PUBLISH
    plan.save(update_fields=["step"])
    FeedbackRequest.objects.bulk_create(
        FeedbackRequest(version=version, group=group) for group in scope.groups(plan)
    )
    leaders = list(scope.leaders(plan).only("pk", "email", "language", "name"))
    if announce:
        transaction.on_commit(
            lambda: _send(plan, leaders, "plans/email/published", version=version)
        )
    return version


def _send(plan: Plan, people, template: str, **extra) -> int:
    """One e-mail per person, in their own language, through the outbox."""
    version = extra.get("version")
    if version is not None:
        url = reverse("plans:version", args=[plan.pk, version.number])
    else:
        url = reverse("plans:rate", args=[plan.pk])
    context = {"plan": plan, "url": f"{settings.SITE_URL}{url}", **extra}
    return sum(
        outbox.send_mail(
            template,
            to=person,
            context=context,
            key=f"{template}:{plan.pk}:{version.number if version else 0}:{person.pk}",
        )
        for person in people
    )


# --- The intranet link and feedback -----------------------------------------------


def public_link_create(*, plan: Plan, by: Person) -> PublicLink:
    """An intranet link shows the latest published version, so there must be one."""
    if not plan.versions.exists():
        raise PlanError(_("Udgiv planen, før I laver et link til intranettet."))
    return PublicLink.objects.create(plan=plan, created_by=by)


def public_link_revoke(*, link: PublicLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def feedback_answer(*, feedback_request: FeedbackRequest, by: Person, answer: str) -> None:
    feedback_request.answer = answer
    feedback_request.answered_by = by
    feedback_request.answered_at = timezone.now()
    feedback_request.save(update_fields=["answer", "answered_by", "answered_at"])


# --- The plan team --------------------------------------------------------------------


def team_member_add(*, plan: Plan, person: Person) -> None:
    plan.team.add(person)


def team_member_remove(*, plan: Plan, person_pk: str | int) -> Person:
    """Takes a person off the team; the team is never left empty."""
    team = list(plan.team.all())
    leaving = next((p for p in team if str(p.pk) == str(person_pk)), None)
    if leaving is None:
        raise PlanError(_("Personen er ikke med i planteamet."))
    if len(team) == 1:
        raise PlanError(_("Planen skal have mindst én i planteamet."))
    plan.team.remove(leaving)
    return leaving


def own_theme_delete(*, theme: PlanTheme) -> None:
    """Only the organisation's own themes can go, and not one taken in from an escalation."""
    if not theme.is_own:
        raise PlanError(
            _("Metodens 12 temaer bliver i planen. I kan bare lade være med at vælge dem.")
        )
    if theme.escalation_id:
        raise PlanError(_("Et tema fra en eskalering kan ikke slettes."))
    if theme.plan.themes_frozen:
        raise PlanError(
            _(
                "Lederne er i gang med at vurdere temaerne, så listen ligger fast. I kan "
                "slette jeres egne temaer, når vurderingen er lukket."
            )
        )
    theme.delete()
