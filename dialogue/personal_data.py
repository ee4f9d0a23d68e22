"""What tool 1 holds about a person (see organisations/personal_data.py)."""

from __future__ import annotations

from dialogue.models import Dialogue, InterviewGuide, InterviewNote, MeetingNote, SelfAgreement
from organisations.personal_data import PersonalData, register


def agreement_fields(item) -> dict:
    return {
        "text": item.text,
        "how": item.how,
        "cadence": item.cadence,
        "interval_weeks": item.interval_weeks,
        "due_date": item.due_date,
        "status": item.status,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def _interview_guide(person) -> dict:
    guide = InterviewGuide.objects.filter(owner=person).first()
    return {
        "interviewer_kind": guide.interviewer_kind if guide else None,
        "interviewer_name": guide.interviewer_name if guide else "",
        "interviewed_on": guide.interviewed_on if guide else None,
        "notes": sorted(
            (
                {"question": note.key, "text": note.text}
                for note in InterviewNote.objects.filter(owner=person)
            ),
            key=lambda note: note["question"],
        ),
    }


def _interview_guide_erase(person) -> None:
    InterviewNote.objects.filter(owner=person).delete()
    InterviewGuide.objects.filter(owner=person).delete()


def _self_agreements(person) -> list:
    return [
        {
            "starts_on": agreement.starts_on,
            "length": agreement.length,
            "goals": agreement.goals,
            "wellbeing": agreement.wellbeing,
            "agreements": [
                {
                    **agreement_fields(item),
                    "ticks": [
                        {"period": tick.period, "kept": tick.kept} for tick in item.ticks.all()
                    ],
                }
                for item in agreement.items.all()
            ],
        }
        for agreement in sorted(
            SelfAgreement.objects.filter(owner=person).prefetch_related("items__ticks"),
            key=lambda agreement: (agreement.starts_on, agreement.pk),
        )
    ]


def _dialogues(person) -> list:
    return [
        {
            "manager": dialogue.manager.name,
            "align": dialogue.align,
            "points": dialogue.points,
            "rhythm": dialogue.rhythm,
            "shared_with_the_manager": [
                {"title": item.title, "text": item.text, "shared_at": item.shared_at}
                for item in dialogue.shared_items.all()
            ],
            "meetings": [
                {
                    "date": meeting.date,
                    "notes": [
                        {
                            "by": note.author.name if note.author else None,
                            "text": note.text,
                            "at": note.created_at,
                        }
                        for note in meeting.notes.all()
                    ],
                }
                for meeting in dialogue.meetings.all()
            ],
            "agreements": [agreement_fields(item) for item in dialogue.agreements.all()],
        }
        for dialogue in Dialogue.objects.filter(leader=person)
        .select_related("manager")
        .prefetch_related("shared_items", "meetings__notes__author", "agreements")
    ]


def _notes_as_manager(person) -> list:
    return [
        {"leader": note.meeting.dialogue.leader.name, "date": note.meeting.date, "text": note.text}
        for note in MeetingNote.objects.filter(author=person)
        .exclude(meeting__dialogue__leader=person)
        .select_related("meeting__dialogue__leader")
    ]


def register_all() -> None:
    register(
        PersonalData(
            name="interview_guide",
            models=("dialogue.InterviewGuide", "dialogue.InterviewNote"),
            export=_interview_guide,
            erase=_interview_guide_erase,
            encrypted=(
                "dialogue.InterviewGuide.interviewer_kind",
                "dialogue.InterviewGuide.interviewer_name",
                "dialogue.InterviewGuide.interviewed_on",
                "dialogue.InterviewNote.key",
                "dialogue.InterviewNote.text",
            ),
        )
    )
    register(
        PersonalData(
            name="agreements_with_yourself",
            models=("dialogue.SelfAgreement", "dialogue.SelfAgreementItem", "dialogue.Tick"),
            export=_self_agreements,
            erase=lambda person: SelfAgreement.objects.filter(owner=person).delete(),
            encrypted=(
                "dialogue.SelfAgreement.starts_on",
                "dialogue.SelfAgreement.length",
                "dialogue.SelfAgreement.goals",
                "dialogue.SelfAgreement.wellbeing",
                "dialogue.SelfAgreementItem.text",
                "dialogue.SelfAgreementItem.how",
                "dialogue.SelfAgreementItem.cadence",
                "dialogue.SelfAgreementItem.interval_weeks",
                "dialogue.SelfAgreementItem.due_date",
                "dialogue.SelfAgreementItem.status",
                "dialogue.Tick.period",
                "dialogue.Tick.kept",
            ),
        )
    )
    register(
        PersonalData(
            name="dialogues_with_your_nearest_manager",
            models=(
                "dialogue.Dialogue",
                "dialogue.SharedItem",
                "dialogue.Meeting",
                "dialogue.ManagerAgreement",
            ),
            export=_dialogues,
            # The dialogues about the person go, with what was shared, the meetings and
            # the agreements in them.
            erase=lambda person: Dialogue.objects.filter(leader=person).delete(),
            encrypted=(
                "dialogue.Dialogue.align",
                "dialogue.Dialogue.points",
                "dialogue.SharedItem.text",
                "dialogue.ManagerAgreement.text",
                "dialogue.ManagerAgreement.how",
            ),
            kept="Dialogues where the person was the manager stay with their leaders; the "
            "person shows there as 'Slettet person'.",
        )
    )
    register(
        PersonalData(
            name="notes_you_wrote_as_manager",
            models=("dialogue.MeetingNote",),
            export=_notes_as_manager,
            erase=None,
            encrypted=("dialogue.MeetingNote.text",),
            kept="A note in a leader's dialogue is the leader's record too: it stays, by "
            "'Slettet person'.",
        )
    )
