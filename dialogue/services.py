"""Writes for tool 1. Views check access (access/policy.py) before they call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Max, Model
from django.utils import timezone

from dialogue import selectors
from dialogue.models import (
    Dialogue,
    InterviewGuide,
    InterviewNote,
    ManagerAgreement,
    Meeting,
    MeetingNote,
    SelfAgreement,
    SelfAgreementItem,
    SharedItem,
    Tick,
)
from followup import rhythm
from followup.models import OPEN_STATUSES
from method import loader
from organisations.models import Person


@dataclass
class Conflict(Exception):
    """The text changed elsewhere since this version was loaded."""

    current_text: str
    current_version: int


def text_save_versioned(
    *, instance: Model, field: str, version_field: str, text: str, base_version: int
) -> int:
    """Saves `text` only if nobody saved since `base_version`; returns the new version.

    One conditional UPDATE, so two tabs saving at once cannot both win.
    """
    model = type(instance)
    updated = model.objects.filter(pk=instance.pk, **{version_field: base_version}).update(
        **{field: text, version_field: F(version_field) + 1}
    )
    instance.refresh_from_db(fields=[field, version_field])
    if not updated:
        if getattr(instance, field) == text:
            return getattr(instance, version_field)
        raise Conflict(getattr(instance, field), getattr(instance, version_field))
    return getattr(instance, version_field)


@transaction.atomic
def interview_note_for(*, owner: Person, key: str) -> InterviewNote:
    """The leader's note on this question, made if missing. The question is encrypted,
    so no unique constraint can keep one note per question: the owner's row is locked
    (on PostgreSQL) while we look, and readers take the first row should there be two."""
    Person.objects.select_for_update().filter(pk=owner.pk).first()
    for note in InterviewNote.objects.filter(owner=owner).order_by("pk"):
        if note.key == key:
            return note
    return InterviewNote.objects.create(owner=owner, key=key, organisation_id=owner.organisation_id)


# --- Agreement with yourself -------------------------------------------------


@transaction.atomic
def self_agreement_start(*, owner: Person, starts_on: date, length: str) -> SelfAgreement:
    """A new period starts as a copy of the last one, so nothing has to be typed twice."""
    previous = selectors.self_agreement_current(owner=owner)
    agreement = SelfAgreement.objects.create(
        organisation_id=owner.organisation_id,
        owner=owner,
        starts_on=starts_on,
        length=length,
        goals=previous.goals if previous else "",
        wellbeing=previous.wellbeing if previous else "",
        method_version=loader.CURRENT_VERSION,
    )
    if previous:
        # One by one, not bulk_create: each agreement's history starts with its creation.
        for item in (i for i in previous.items.all() if i.status in OPEN_STATUSES):
            SelfAgreementItem.objects.create(
                agreement=agreement,
                owner=owner,
                position=item.position,
                text=item.text,
                how=item.how,
                cadence=item.cadence,
                interval_weeks=item.interval_weeks,
                due_date=item.due_date,
                status=item.status,
            )
    return agreement


@transaction.atomic
def self_agreement_copy_example(*, agreement: SelfAgreement) -> None:
    """Adds the brochure's worked example to the leader's own form (only when chosen)."""
    example = loader.current().example_agreement

    def lines(texts) -> str:
        return "\n".join(f"- {text.in_language(agreement.owner.language)}" for text in texts)

    agreement.goals = "\n".join(filter(None, [agreement.goals, lines(example.goals)]))
    agreement.wellbeing = "\n".join(filter(None, [agreement.wellbeing, lines(example.wellbeing)]))
    agreement.goals_version += 1
    agreement.wellbeing_version += 1
    agreement.save()
    start = (agreement.items.aggregate(Max("position"))["position__max"] or 0) + 1
    cadences = [rhythm.WEEKLY, rhythm.DAILY, rhythm.DAILY, rhythm.DAILY]
    for index, text in enumerate(example.self_agreements):
        SelfAgreementItem.objects.create(
            agreement=agreement,
            owner_id=agreement.owner_id,
            position=start + index,
            text=text.in_language(agreement.owner.language),
            cadence=cadences[index % len(cadences)],
        )


def item_add(*, agreement: SelfAgreement, **fields) -> SelfAgreementItem:
    position = (agreement.items.aggregate(Max("position"))["position__max"] or 0) + 1
    return SelfAgreementItem.objects.create(
        agreement=agreement, owner_id=agreement.owner_id, position=position, **fields
    )


def item_tick(*, item: SelfAgreementItem, kept: bool, today: date | None = None) -> Tick | None:
    """Marks today (or this week) as kept or not; ticking the same way again clears it."""
    period = rhythm.tick_period(item.cadence, today or timezone.localdate())
    # Ticks are made for the current period only, so today's, if any, is the newest
    # (its period is encrypted: compared here, not in SQL).
    existing = item.ticks.order_by("-id").first()
    if existing is not None and existing.period != period:
        existing = None
    if existing and existing.kept == kept:
        existing.delete()
        return None
    if existing:
        existing.kept = kept
        existing.save(update_fields=["kept"])
        return existing
    return Tick.objects.create(item=item, period=period, kept=kept)


# --- Dialogue with the nearest manager ----------------------------------------


def dialogue_begin(*, leader: Person) -> Dialogue | None:
    """The dialogue with the leader's current nearest manager, created when first needed."""
    if leader.manager_id is None:
        return None
    dialogue, _ = Dialogue.objects.get_or_create(
        leader=leader,
        manager_id=leader.manager_id,
        defaults={"organisation_id": leader.organisation_id},
    )
    return dialogue


@transaction.atomic
def dialogue_share(*, dialogue: Dialogue, sources: list[str]) -> list[SharedItem]:
    """Makes the shared items exactly the chosen ones, each a fresh snapshot."""
    chosen = {
        c.source: c
        for c in selectors.share_candidates(leader=dialogue.leader, dialogue=dialogue)
        if c.source in sources
    }
    dialogue.shared_items.exclude(source__in=chosen).delete()
    now = timezone.now()
    shared = []
    for position, candidate in enumerate(chosen.values()):
        item, _ = SharedItem.objects.update_or_create(
            dialogue=dialogue,
            source=candidate.source,
            defaults={
                "title": candidate.title,
                "text": candidate.text,
                "position": position,
                "shared_at": now,
            },
        )
        shared.append(item)
    return shared


def meeting_add(*, dialogue: Dialogue, on: date, by: Person) -> Meeting:
    return Meeting.objects.create(dialogue=dialogue, date=on, created_by=by)


def meeting_note_add(*, meeting: Meeting, text: str, by: Person) -> MeetingNote:
    return MeetingNote.objects.create(meeting=meeting, text=text, author=by)


def manager_agreement_add(*, dialogue: Dialogue, by: Person, **fields) -> ManagerAgreement:
    fields.setdefault("owner_id", dialogue.leader_id)
    return ManagerAgreement.objects.create(dialogue=dialogue, created_by=by, **fields)


def period_default_start(*, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today.replace(day=1)


def interview_guide_save(*, guide: InterviewGuide) -> InterviewGuide:
    guide.save()
    return guide


def item_update(*, item: SelfAgreementItem, by: Person) -> SelfAgreementItem:
    """Saves an edited item; the history records who changed it."""
    item.save(changed_by=by)
    return item


def item_delete(*, item: SelfAgreementItem) -> None:
    item.delete()


def dialogue_rhythm_save(*, dialogue: Dialogue, changed: bool) -> Dialogue:
    if changed:
        # Calendars update the dialogue's event instead of adding a second one.
        dialogue.rhythm_sequence += 1
    dialogue.save()
    return dialogue
