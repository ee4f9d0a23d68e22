"""What is due for a person, across the three tools ("Mit overblik"), read through
each tool's selectors.

A fixed number of queries, whatever the number of agreements, groups or plans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue import selectors as dialogue_selectors
from followup import rhythm
from followup.models import FollowUpEvent
from groups import selectors as group_selectors
from organisations.models import Person
from plans import selectors as plan_selectors

# The agreement kinds of the three tools, as (app label, model) for their history.
KIND_MODELS = {
    "self": ("dialogue", "selfagreementitem"),
    "manager": ("dialogue", "manageragreement"),
    "group": ("managementgroups", "groupagreement"),
    "task": ("plans", "actiontask"),
}
SOON_DAYS = 14
# The columns an agreement's entry reads: the rows carry encrypted texts that would
# otherwise all be fetched and decrypted for a list that shows one of them.
ENTRY_FIELDS = ("text", "status", "cadence", "interval_weeks", "due_date", "updated_at")


@dataclass
class DueAgreement:
    kind: str  # self, manager, group, task
    pk: int
    text: str
    where: str
    url: str
    status: str
    status_label: str
    due: date | None
    rhythm_label: str
    start: date
    cadence: str
    interval_weeks: int
    updated_at: datetime
    # A group agreement's status is the group leader's to change (access/policy.py).
    group_leader_id: int | None = None
    sequence: int = 0
    # An agreement with yourself kept daily or weekly: ticked "kept it" right here, and
    # whether it was for the current day or week (None: not yet).
    tickable: bool = False
    kept_now: bool | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


@dataclass
class Upcoming:
    kind: str  # dialogue, round
    pk: int
    title: str
    url: str
    on: date
    at: object = None  # a time of day, or None for all day
    place: str = ""
    sequence: int = 0
    # A dialogue's rhythm, for the calendar's recurrence rule.
    start: date | None = None
    cadence: str = ""
    interval_weeks: int = 1


@dataclass
class Overview:
    today: date
    overdue: list[DueAgreement] = field(default_factory=list)
    soon: list[DueAgreement] = field(default_factory=list)
    later: list[DueAgreement] = field(default_factory=list)
    upcoming: list[Upcoming] = field(default_factory=list)
    preparations: list = field(default_factory=list)
    ratings: list = field(default_factory=list)
    feedback: list = field(default_factory=list)

    @property
    def agreements(self) -> list[DueAgreement]:
        return [*self.overdue, *self.soon, *self.later]

    @property
    def is_empty(self) -> bool:
        return not (
            self.agreements or self.upcoming or self.preparations or self.ratings or self.feedback
        )


def _next(item, start: date, today: date) -> date | None:
    return rhythm.next_due(
        item.cadence,
        start=start,
        today=today,
        interval_weeks=item.interval_weeks,
        due_date=item.due_date,
    )


def _entry(
    kind, item, *, where: str, url: str, start: date, today: date, group_leader_id=None
) -> DueAgreement:
    return DueAgreement(
        kind=kind,
        pk=item.pk,
        text=item.text,
        where=where,
        url=url,
        status=item.status,
        status_label=str(item.get_status_display()),
        due=_next(item, start, today),
        rhythm_label=str(item.rhythm_label()),
        start=start,
        cadence=item.cadence,
        interval_weeks=item.interval_weeks,
        updated_at=item.updated_at,
        group_leader_id=group_leader_id,
    )


def agreements_for(person: Person, today: date) -> list[DueAgreement]:
    """Every open agreement this person follows up on, in any tool."""
    found: list[DueAgreement] = []
    for item in dialogue_selectors.self_agreement_items_open(person=person, today=today):
        if item.agreement.is_current(today):
            entry = _entry(
                "self",
                item,
                where=_("Aftale med dig selv"),
                url=reverse("dialogue:agreement_detail", args=[item.agreement_id]),
                start=item.agreement.starts_on,
                today=today,
            )
            if item.is_tickable:
                period = rhythm.tick_period(item.cadence, today)
                entry.tickable = True
                entry.kept_now = next(
                    (tick.kept for tick in item.latest_ticks if tick.period == period), None
                )
            found.append(entry)
    for item in dialogue_selectors.manager_agreements_open(person=person).only(
        *ENTRY_FIELDS,
        "created_at",
        "dialogue__leader__name",
        "dialogue__manager__name",
    ):
        dialogue = item.dialogue
        other = dialogue.manager if dialogue.leader_id == person.pk else dialogue.leader
        found.append(
            _entry(
                "manager",
                item,
                where=_("Dialog med %(name)s") % {"name": other.name},
                # The agreement is on the shared dialogue page, for both of them.
                url=reverse("dialogue:detail", args=[dialogue.pk]) + "#aftaler",
                start=timezone.localdate(item.created_at),
                today=today,
            )
        )
    for item in group_selectors.group_agreements_open(person=person).only(
        *ENTRY_FIELDS, "round__meeting_date", "round__group__name", "round__group__leader_id"
    ):
        found.append(
            _entry(
                "group",
                item,
                where=item.round.group.name,
                url=reverse("groups:round_detail", args=[item.round_id]),
                start=item.round.meeting_date,
                today=today,
                group_leader_id=item.round.group.leader_id,
            )
        )
    for item in plan_selectors.action_tasks_open(person=person).only(
        *ENTRY_FIELDS, "created_at", "who", "card__theme_id", "card__theme__plan__title"
    ):
        plan = item.card.theme.plan
        found.append(
            _entry(
                "task",
                item,
                where=f"{plan.title}: {item.who}",
                url=reverse("plans:card_edit", args=[item.card.theme_id]),
                start=timezone.localdate(item.created_at),
                today=today,
            )
        )
    return found


def _dialogue_url(person: Person, dialogue) -> str:
    if dialogue.leader_id == person.pk:
        return reverse("dialogue:conversation")
    return reverse("dialogue:with", args=[dialogue.leader_id])


def upcoming_for(person: Person, today: date, days: int = 60) -> list[Upcoming]:
    """Dialogues with the nearest manager (both sides) and management group meetings."""
    result: list[Upcoming] = []
    for dialogue in dialogue_selectors.dialogues_current(person=person).only(
        "leader__name", "manager__name", "rhythm", "rhythm_weeks", "rhythm_starts",
        "rhythm_sequence",
    ):  # fmt: skip
        on = dialogue.next_date(today)
        if on is None or on > today + timedelta(days=days):
            continue
        mine = dialogue.leader_id == person.pk
        result.append(
            Upcoming(
                kind="dialogue",
                pk=dialogue.pk,
                title=_("Dialog med %(name)s")
                % {"name": (dialogue.manager if mine else dialogue.leader).name},
                url=_dialogue_url(person, dialogue),
                on=on,
                sequence=dialogue.rhythm_sequence,
                start=dialogue.rhythm_starts,
                cadence=dialogue.rhythm,
                interval_weeks=dialogue.rhythm_weeks,
            )
        )
    for round_ in group_selectors.rounds_upcoming(
        person=person, start=today, end=today + timedelta(days=days)
    ).only("group__name", "meeting_date", "meeting_time", "place"):
        result.append(
            Upcoming(
                kind="round",
                pk=round_.pk,
                title=_("Møde i %(group)s") % {"group": round_.group.name},
                url=reverse("groups:round_detail", args=[round_.pk]),
                on=round_.meeting_date,
                at=round_.meeting_time,
                place=round_.place,
            )
        )
    return sorted(result, key=lambda u: (u.on, u.title))


def overview(person: Person, today: date | None = None) -> Overview:
    today = today or timezone.localdate()
    result = Overview(today=today)
    for item in sorted(agreements_for(person, today), key=lambda a: (a.due or date.max, a.text)):
        if item.overdue(today):
            result.overdue.append(item)
        elif item.due is not None and item.due <= today + timedelta(days=SOON_DAYS):
            result.soon.append(item)
        else:
            result.later.append(item)
    result.upcoming = upcoming_for(person, today)
    result.preparations = list(group_selectors.preparations_waiting(person=person))
    result.ratings = plan_selectors.ratings_waiting(person=person)
    result.feedback = list(plan_selectors.feedback_waiting(person=person))
    return result


def histories(agreements) -> dict[str, list]:
    """Each agreement's history, by its key ("self-12"), oldest first (one query)."""
    types = {
        kind: ContentType.objects.get_by_natural_key(*natural)
        for kind, natural in KIND_MODELS.items()
    }
    kind_of = {content_type.pk: kind for kind, content_type in types.items()}
    keys = {a.key for a in agreements}
    result: dict[str, list] = {}
    for event in FollowUpEvent.objects.filter(
        content_type__in=list(types.values()), object_id__in={a.pk for a in agreements} or {0}
    ).select_related("actor"):
        key = f"{kind_of[event.content_type_id]}-{event.object_id}"
        if key in keys:
            result.setdefault(key, []).append(event)
    return result
