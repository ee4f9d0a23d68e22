"""Reads for tool 1. Callers ask the access policy first (access/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from dialogue.models import (
    Dialogue,
    InterviewGuide,
    InterviewNote,
    ManagerAgreement,
    Meeting,
    SelfAgreement,
    SelfAgreementItem,
    SharedItem,
    Tick,
)
from followup.models import OPEN_STATUSES, Status
from method import loader
from organisations.models import Person


def current_dialogue_q(*, person: Person, prefix: str = "") -> Q:
    """Dialogues of the person with their current nearest manager, as either side.

    An earlier manager's dialogue is read-only and no longer theirs to follow up; this is
    the one place that rule is written.
    """
    return Q(**{f"{prefix}leader": person, f"{prefix}manager": person.manager_id}) | Q(
        **{f"{prefix}manager": person, f"{prefix}leader__manager": person}
    )


def dialogues_current(*, person: Person) -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(current_dialogue_q(person=person)).select_related(
        "leader", "manager"
    )


def self_agreement_items_open(*, person: Person, today: date) -> list[SelfAgreementItem]:
    """The person's open items of agreements with themselves that have started. Their
    periods and statuses are encrypted, so they are selected here, in Python.

    Each item carries `latest_ticks`: its newest tick alone. Ticks are only ever made
    for the current day or week (services.item_tick), so an older one cannot be today's,
    and a year of daily ticks would otherwise be decrypted on every visit."""
    newest = (
        Tick.objects.filter(item__agreement__owner=person)
        .values("item")
        .annotate(newest=Max("id"))
        .values("newest")
    )
    return [
        item
        for item in SelfAgreementItem.objects.filter(agreement__owner=person)
        .select_related("agreement")
        # The period's own texts are not shown here: not decrypted either.
        .defer("agreement__goals", "agreement__wellbeing")
        .prefetch_related(
            Prefetch("ticks", queryset=Tick.objects.filter(id__in=newest), to_attr="latest_ticks")
        )
        if item.agreement.starts_on <= today and item.status in OPEN_STATUSES
    ]


def manager_agreements_open(*, person: Person) -> QuerySet[ManagerAgreement]:
    return ManagerAgreement.objects.filter(
        current_dialogue_q(person=person, prefix="dialogue__"), status__in=OPEN_STATUSES
    ).select_related("dialogue__leader", "dialogue__manager")


def dialogue_with_current_manager(*, leader: Person) -> Dialogue | None:
    """The leader's dialogue with their nearest manager now, if it has begun."""
    return Dialogue.objects.filter(leader=leader, manager_id=leader.manager_id).first()


def dialogue_current_or_new(*, leader: Person) -> Dialogue | None:
    """The dialogue with the leader's manager now, or an unsaved one: looking never writes.

    None when the leader has no nearest manager.
    """
    if leader.manager_id is None:
        return None
    return dialogue_with_current_manager(leader=leader) or Dialogue(
        leader=leader, manager=leader.manager, organisation_id=leader.organisation_id
    )


def dialogues_earlier(*, leader: Person, current: Dialogue) -> QuerySet[Dialogue]:
    """The leader's dialogues with earlier managers: readable, closed."""
    return Dialogue.objects.filter(leader=leader).exclude(pk=current.pk).select_related("manager")


def meeting_latest(*, dialogue: Dialogue, today: date) -> Meeting | None:
    return dialogue.meetings.filter(date__lte=today).first()


def interview_guide_of(*, owner: Person) -> InterviewGuide:
    """The person's interview guide, or a new unsaved one: looking never writes."""
    return InterviewGuide.objects.filter(owner=owner).first() or InterviewGuide(
        owner=owner, organisation_id=owner.organisation_id
    )


def interview_notes_by_key(*, owner: Person) -> dict[str, InterviewNote]:
    """The leader's notes by question. Which question is encrypted with the note, so the
    notes are matched here; should two rows ever hold one question, the first counts,
    as in `services.interview_note_for`."""
    notes: dict[str, InterviewNote] = {}
    for note in InterviewNote.objects.filter(owner=owner).order_by("pk"):
        notes.setdefault(note.key, note)
    return notes


@dataclass(frozen=True)
class FirstStep:
    label: str
    url_name: str
    done: bool


def first_steps(*, leader: Person) -> list[FirstStep]:
    """A leader's way into tool 1, as the method orders it: the interview guide, the
    agreement with yourself, then what to share with your nearest manager (when there is
    one). One query."""
    steps = loader.tool(1).steps
    done = (
        Person.objects.filter(pk=leader.pk)
        .annotate(
            wrote=Exists(InterviewNote.objects.filter(owner=OuterRef("pk")).exclude(text="")),
            agreed=Exists(SelfAgreement.objects.filter(owner=OuterRef("pk"))),
            shared=Exists(
                SharedItem.objects.filter(
                    dialogue__leader=OuterRef("pk"), dialogue__manager_id=leader.manager_id
                )
            ),
        )
        .values("wrote", "agreed", "shared")
        .get()
    )
    found = [
        FirstStep(steps[0], "dialogue:guide", done["wrote"]),
        FirstStep(steps[1], "dialogue:agreement", done["agreed"]),
    ]
    if leader.manager_id:
        found.append(FirstStep(steps[2], "dialogue:conversation", done["shared"]))
    return found


def interview_notes_written(*, owner: Person) -> int:
    return InterviewNote.objects.filter(owner=owner).exclude(text="").count()


def self_agreements_of(*, owner: Person) -> list[SelfAgreement]:
    """The person's periods, the latest first (sorted here: the periods are encrypted)."""
    return sorted(
        SelfAgreement.objects.filter(owner=owner),
        key=lambda agreement: (agreement.starts_on, agreement.pk),
        reverse=True,
    )


def self_agreement_items_with_ticks(*, agreement: SelfAgreement) -> QuerySet[SelfAgreementItem]:
    """The agreement's items with their ticks, for the history."""
    return agreement.items.prefetch_related("ticks")


def leaders_with_dialogue_summary(
    *, leaders: QuerySet[Person], manager: Person, today: date
) -> QuerySet[Person]:
    """Each leader with their dialogue with this manager (as `with_me`): how much is
    shared, when they last and next talk, and open agreements. Never whether the leader
    has private notes. A fixed number of queries, whatever the number of leaders."""
    dialogues = Dialogue.objects.filter(manager=manager).annotate(
        shared_count=Count("shared_items", distinct=True),
        last_meeting=Max("meetings__date", filter=Q(meetings__date__lte=today)),
        next_meeting=Max("meetings__date", filter=Q(meetings__date__gt=today)),
        open_agreements=Count(
            "agreements", filter=Q(agreements__status__in=OPEN_STATUSES), distinct=True
        ),
    )
    return (
        leaders.select_related("unit")
        .prefetch_related(Prefetch("dialogues", queryset=dialogues, to_attr="with_me"))
        .order_by("name")
    )


def shared_items_of(*, dialogue: Dialogue) -> QuerySet[SharedItem]:
    """What the leader has chosen to share: the only private text the manager sees."""
    if dialogue.pk is None:
        return SharedItem.objects.none()
    return dialogue.shared_items.all()


def meetings_with_notes(*, dialogue: Dialogue) -> QuerySet[Meeting]:
    return dialogue.meetings.prefetch_related("notes__author", "agreements")


def meetings_recent(*, dialogue: Dialogue, count: int = 10) -> QuerySet[Meeting]:
    return dialogue.meetings.all()[:count]


def manager_agreements_of(*, dialogue: Dialogue) -> QuerySet[ManagerAgreement]:
    return dialogue.agreements.all()


def manager_agreements_kept(*, dialogue: Dialogue) -> QuerySet[ManagerAgreement]:
    """The agreements still in force or done, for print: not the dropped ones."""
    return dialogue.agreements.exclude(status=Status.DROPPED)


def self_agreement_items_kept(*, agreement: SelfAgreement) -> list[SelfAgreementItem]:
    return [item for item in agreement.items.all() if item.status != Status.DROPPED]


def interview_guide_keys() -> list[str]:
    """Every note key of the interview guide: "1.1" … and the six directions "dir.up" …"""
    texts = loader.current()
    keys = [
        f"{section.number}.{index}"
        for section in texts.interview_guide.sections
        for index in range(1, len(section.questions) + 1)
    ]
    return keys + [f"dir.{direction.code}" for direction in texts.directions]


def self_agreement_current(*, owner: Person) -> SelfAgreement | None:
    """The period that started last (not necessarily still running)."""
    periods = self_agreements_of(owner=owner)
    return periods[0] if periods else None


@dataclass(frozen=True)
class ShareCandidate:
    source: str
    group: str
    title: str
    text: str


def share_candidates(*, leader: Person, dialogue: Dialogue) -> list[ShareCandidate]:
    """Everything the leader has written in tool 1 that could be shared, in form order."""
    texts = loader.current()
    language = leader.language
    candidates: list[ShareCandidate] = []
    form = {q.code: q.text.in_language(language) for q in texts.agreement_form.questions}
    step3 = loader.by_code(loader.tool(1).steps, "dialogue").in_language(language)
    if dialogue.align.strip():
        candidates.append(ShareCandidate("dialogue.align", step3, form["align"], dialogue.align))
    if dialogue.points.strip():
        title = loader.interview_question("points_for_manager").in_language(language)
        candidates.append(ShareCandidate("dialogue.points", step3, title, dialogue.points))
    agreement = self_agreement_current(owner=leader)
    if agreement:
        group = texts.agreement_form.title.in_language(language)
        if agreement.goals.strip():
            candidates.append(
                ShareCandidate("agreement.goals", group, form["goals"], agreement.goals)
            )
        if agreement.wellbeing.strip():
            candidates.append(
                ShareCandidate("agreement.wellbeing", group, form["wellbeing"], agreement.wellbeing)
            )
        for item in agreement.items.all():
            how = f" ({item.rhythm_label()}{': ' + item.how if item.how else ''})"
            candidates.append(
                ShareCandidate(f"item.{item.pk}", group, form["self_agreements"], item.text + how)
            )
    notes = {n.key: n.text for n in InterviewNote.objects.filter(owner=leader).exclude(text="")}
    guide_title = texts.interview_guide.title.in_language(language)
    for section in texts.interview_guide.sections:
        for index, question in enumerate(section.questions, start=1):
            key = f"{section.number}.{index}"
            if notes.get(key, "").strip():
                candidates.append(
                    ShareCandidate(
                        f"note.{key}", guide_title, question.in_language(language), notes[key]
                    )
                )
    for direction in texts.directions:
        key = f"dir.{direction.code}"
        if notes.get(key, "").strip():
            candidates.append(
                ShareCandidate(
                    f"note.{key}", guide_title, direction.label.in_language(language), notes[key]
                )
            )
    return candidates
