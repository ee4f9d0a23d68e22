"""Reads for tool 2. Callers ask the access policy first (access/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from followup.models import OPEN_STATUSES
from groups.models import (
    Escalation,
    EscalationStatus,
    GroupAgreement,
    Participation,
    Round,
    RoundStatus,
)
from method import loader
from organisations.models import GroupMembership, ManagementGroup, Person
from prioritymap.model import Answer, GroupMap, Rated, aggregate


def _in_group_q(person: Person, *, prefix: str = "") -> Q:
    """Rounds the person takes part in: the group as it was when each round started."""
    return Q(**{f"{prefix}participations__person": person})


def preparations_waiting(*, person: Person) -> QuerySet[Participation]:
    """Rounds in preparation where this person has not prepared yet."""
    return (
        Participation.objects.filter(
            person=person, prepared_at__isnull=True, round__status=RoundStatus.PREPARATION
        )
        .select_related("round__group")
        .order_by("round__meeting_date")
    )


def group_agreements_open(*, person: Person) -> QuerySet[GroupAgreement]:
    """Open group agreements the person follows up on (is one of the owners of)."""
    return (
        GroupAgreement.objects.filter(
            _in_group_q(person, prefix="round__"), owners=person, status__in=OPEN_STATUSES
        )
        .select_related("round__group")
        .distinct()
    )


def rounds_upcoming(*, person: Person, start: date, end: date) -> QuerySet[Round]:
    """Meetings of the person's groups between two dates that have not closed."""
    return (
        Round.objects.filter(_in_group_q(person), meeting_date__gte=start, meeting_date__lte=end)
        .exclude(status=RoundStatus.CLOSED)
        .select_related("group")
        .distinct()
    )


def escalations_of_group(*, group: ManagementGroup) -> QuerySet[Escalation]:
    return Escalation.objects.filter(round__group=group).select_related("round")


def escalations_in(*, organisation_id: int, unit_ids: set[int] | None) -> QuerySet[Escalation]:
    """The organisation's escalations (from groups in these units, if given), newest
    first, with any plan's decision: tool 3 takes them as candidates."""
    found = Escalation.objects.filter(organisation_id=organisation_id).select_related(
        "round__group", "decision"
    )
    if unit_ids is not None:
        found = found.filter(round__group__unit_id__in=unit_ids)
    return found.order_by("-created_at")


def statements() -> list:
    return list(loader.current().statements)


def statement_titles(*, version: str | None = None) -> dict[int, str]:
    texts = loader.load(version or loader.CURRENT_VERSION)
    return {s.number: f"{s.title}" for s in texts.statements}


def participation_of(*, round_: Round, person: Person) -> Participation | None:
    return Participation.objects.filter(round=round_, person=person).first()


def ratings_missing(*, participation: Participation) -> list[int]:
    rated = {
        number
        for number, r in participation.given().items()
        if r.success is not None and r.importance is not None
    }
    return [s.number for s in statements() if s.number not in rated]


def own_map(*, participation: Participation) -> GroupMap:
    answers = {
        number: Answer(r.importance, r.success)
        for number, r in participation.given().items()
        if r.success is not None and r.importance is not None
    }
    return aggregate({participation.pk: answers}, {participation.pk: participation.picks()})


@dataclass
class GroupView:
    map: GroupMap | None
    prepared: int
    members: int
    k: int
    # False while members prepare: then nobody sees the map, whatever k.
    closed: bool = True

    @property
    def shown(self) -> bool:
        return self.map is not None

    def to_json(self) -> dict:
        return {
            "map": self.map.to_json() if self.map is not None else None,
            "prepared": self.prepared,
            "members": self.members,
            "k": self.k,
        }

    @classmethod
    def from_json(cls, data: dict) -> GroupView:
        stored = data["map"]
        return cls(
            GroupMap.from_json(stored) if stored is not None else None,
            data["prepared"],
            data["members"],
            data["k"],
        )


def _effective_k(round_: Round) -> int:
    # Raising the organisation's k applies at once; lowering it never reaches a round
    # that started under the higher one.
    return max(round_.anonymity_k, round_.organisation.anonymity_k)


def group_map(*, round_: Round) -> GroupView:
    """The group's map, as it was computed when preparation closed.

    While members prepare there is no map at all (only how many have prepared), so the
    map can never be read before and after one more member answers. A fixed number of
    queries, whatever the size of the group.
    """
    if round_.preparation_closed_at is None and round_.status == RoundStatus.PREPARATION:
        participations = list(round_.participations.values_list("prepared_at", flat=True))
        prepared = sum(1 for at in participations if at)
        return GroupView(None, prepared, len(participations), _effective_k(round_), closed=False)
    if round_.map_snapshot is not None:
        view = GroupView.from_json(round_.map_snapshot)
        k = _effective_k(round_)
        return view if view.k >= k else GroupView(None, view.prepared, view.members, k)
    # Rounds closed before maps were stored: their answers are locked, so this is stable.
    return group_map_compute(round_=round_)


def group_map_compute(*, round_: Round) -> GroupView:
    """The map from complete preparations only: all statements rated on both scales and
    2-3 picks. A member marked prepared whose answers are incomplete does not count, and
    neither does one nobody has vouched for."""
    k = _effective_k(round_)
    participations = list(
        round_.participations.select_related("person").only(
            "pk", "prepared_at", "answers", "person__vouched_at"
        )
    )
    vouched = {p.pk for p in participations if p.person.vouched_at is not None}
    prepared = [p for p in participations if p.prepared_at]
    answers: dict[int, dict[int, Answer]] = {
        p.pk: {
            number: Answer(r.importance, r.success)
            for number, r in p.given().items()
            if r.success is not None and r.importance is not None
        }
        for p in prepared
    }
    picks: dict[int, list[int]] = {p.pk: p.picks() for p in prepared}
    prepared_ids = [p.pk for p in prepared]
    statement_count = len(loader.load(round_.method_version).statements)
    complete = [
        pk
        for pk in prepared_ids
        if len(answers[pk]) == statement_count and 2 <= len(set(picks[pk])) <= 3
    ]
    # Members typed in by hand and not confirmed (issue 22, path 7) may answer, but
    # their answers never make up the k behind the map.
    if sum(1 for pk in complete if pk in vouched) < k:
        return GroupView(None, len(complete), len(participations), k)
    group = aggregate({pk: answers[pk] for pk in complete}, {pk: picks[pk] for pk in complete})
    return GroupView(group, len(complete), len(participations), k)


def named_picks(*, round_: Round) -> dict[int, list[str]]:
    """Who chose which statement, for rounds that show names (prepared members only),
    once preparation has closed."""
    result: dict[int, list[str]] = {}
    if round_.is_open_for_preparation:
        return result
    prepared = (
        round_.participations.filter(prepared_at__isnull=False)
        .select_related("person")
        .order_by("person__name")
    )
    for participation in prepared:
        for statement in participation.picks():
            result.setdefault(statement, []).append(participation.person.name)
    return dict(sorted(result.items()))


def previous_round(*, round_: Round) -> Round | None:
    return (
        Round.objects.filter(group=round_.group, meeting_date__lt=round_.meeting_date)
        .order_by("-meeting_date", "-pk")
        .first()
    )


def groups_with_rounds(*, groups: QuerySet[ManagementGroup]) -> QuerySet[ManagementGroup]:
    """The groups (from the policy) with their leader and rounds, by name."""
    return groups.select_related("leader").prefetch_related("rounds").order_by("name")


def groups_led_without_rounds(*, person: Person) -> QuerySet[ManagementGroup]:
    """The groups this person leads that have never had a round: their first step."""
    return ManagementGroup.objects.filter(leader=person, rounds__isnull=True).order_by("name")


def rounds_of(*, group: ManagementGroup, person: Person) -> QuerySet[Round]:
    """The group's rounds that the person was part of: a newcomer sees none before theirs."""
    return group.rounds.filter(participations__person=person)


@dataclass(frozen=True)
class NextStep:
    status: str
    action: str
    consequence: str


def round_stepper(*, round_: Round, complete: int) -> tuple[list[dict], NextStep | None]:
    """Where the round is, as the steps of its life, and the group leader's one next
    action with what it does, said before it is done."""
    order = list(RoundStatus)
    now = order.index(RoundStatus(round_.status))
    steps = [
        {"label": status.label, "current": index == now, "done": index < now}
        for index, status in enumerate(order)
    ]
    k = _effective_k(round_)
    next_steps = {
        RoundStatus.PREPARATION: NextStep(
            RoundStatus.MEETING,
            _("Luk forberedelsen og lav kortet"),
            _(
                "Herefter kan ingen ændre deres svar, og gruppens kort laves én gang for alle "
                "ud fra de %(n)s, der har forberedt sig helt. Det vises kun, hvis mindst "
                "%(k)s har."
            )
            % {"n": complete, "k": k},
        ),
        RoundStatus.MEETING: NextStep(
            RoundStatus.AGREEMENTS,
            _("Mødet er holdt: videre til aftalerne"),
            _("Skriv mødets aftaler og eskaleringer færdige; alle i gruppen kan se dem."),
        ),
        RoundStatus.AGREEMENTS: NextStep(
            RoundStatus.FOLLOW_UP,
            _("Videre til opfølgning"),
            _("Aftalerne følges op i gruppen og i hver ansvarligs eget overblik."),
        ),
        RoundStatus.FOLLOW_UP: NextStep(
            RoundStatus.CLOSED,
            _("Afslut runden"),
            _("Runden afsluttes. Åbne aftaler kan tages op i næste runde."),
        ),
    }
    return steps, next_steps.get(RoundStatus(round_.status))


def memberships_of(*, group: ManagementGroup) -> QuerySet[GroupMembership]:
    """Who is in the group and since when, so nobody joins the room unnoticed; and
    whether someone stands behind each of them (issue 22, path 7)."""
    return (
        GroupMembership.objects.filter(group=group)
        .select_related("person")
        .only("joined_at", "person__name", "person__vouched_at", "person__is_active")
        .order_by("person__name", "pk")
    )


def participations_of(*, round_: Round) -> QuerySet[Participation]:
    """Who takes part in the round, by name: whether they prepared, never what."""
    return round_.participations.select_related("person").order_by("person__name")


def round_agreements_open(*, round_: Round) -> QuerySet[GroupAgreement]:
    """The round's agreements that are neither done nor dropped, for the next round."""
    return round_.agreements.filter(status__in=OPEN_STATUSES).prefetch_related("owners")


def preparation_answers(*, participation: Participation) -> tuple[dict[int, Rated], set[int]]:
    """The member's own ratings by statement number, and their top picks."""
    return participation.given(), set(participation.picks())


def round_record(*, round_: Round) -> dict[str, QuerySet]:
    """What the meeting recorded: themes, agreements, escalations and the closing round."""
    return {
        "themes": round_.themes.all(),
        "agreements": round_.agreements.select_related("theme").prefetch_related("owners"),
        "escalations": round_.escalations.all(),
        "closing_remarks": round_.closing_remarks.select_related("person"),
    }


def escalations_open_count(*, organisation_id: int) -> int:
    """Escalations from the management groups that wait for the organisation's decision."""
    return Escalation.objects.filter(
        organisation_id=organisation_id, status=EscalationStatus.OPEN
    ).count()


@dataclass(frozen=True)
class Phase:
    number: int
    title: str
    minutes_min: int
    minutes_max: int
    state: str  # "done", "current" or "upcoming"


@dataclass(frozen=True)
class MeetingClock:
    """The meeting as its facilitator runs it: the phase bar, the whole meeting's clock
    against the agenda's two hours, and the one thing to press next."""

    state: str  # "not_started", "running", "between" or "ended"
    phases: list[Phase]
    next_phase: Phase | None
    elapsed: int
    planned: int

    @property
    def over(self) -> bool:
        return self.elapsed > self.planned


def meeting_clock(*, round_: Round, now=None) -> MeetingClock:
    agenda = loader.load(round_.method_version).agenda
    if round_.meeting_ended_at or round_.status in (RoundStatus.FOLLOW_UP, RoundStatus.CLOSED):
        state = "ended"
    elif round_.current_point:
        state = "running"
    elif round_.meeting_started_at:
        state = "between"
    else:
        state = "not_started"
    phases = [
        Phase(
            p.number,
            p.title,
            p.minutes_min,
            p.minutes_max,
            "current"
            if p.number == round_.current_point
            else "done"
            if p.number <= round_.points_done or state == "ended"
            else "upcoming",
        )
        for p in agenda.points
    ]
    if state == "ended":
        following = None
    elif state == "running":
        following = next((p for p in phases if p.number == round_.current_point + 1), None)
    else:
        following = next((p for p in phases if p.number == round_.points_done + 1), None)
    return MeetingClock(
        state, phases, following, round_.meeting_seconds(now), agenda.total_minutes * 60
    )


def most_picked(*, view: GroupView, titles: dict[int, str], limit: int = 3) -> list[dict]:
    """The statements most members chose among their 2-3 most important, by title, so
    a projector names them instead of leaving the room to decode bubble numbers."""
    if not view.shown:
        return []
    picked = sorted(
        (p for p in view.map.positions.values() if p.top_picks),
        key=lambda p: (-p.top_picks, p.item),
    )
    return [
        {"number": p.item, "title": titles.get(p.item, ""), "picks": p.top_picks}
        for p in picked[:limit]
    ]
