"""What tool 2 holds about a person (see organisations/personal_data.py)."""

from __future__ import annotations

from groups.models import ClosingRemark, Participation
from organisations.personal_data import PersonalData, register


def _rounds(person) -> list:
    return [
        {
            "group": participation.round.group.name,
            "meeting_date": participation.round.meeting_date,
            "prepared_at": participation.prepared_at,
            "your_notes": participation.notes,
            "your_ratings": [
                {"statement": number, "success": rating.success, "importance": rating.importance}
                for number, rating in participation.given().items()
            ],
            "your_top_picks": participation.picks(),
        }
        for participation in Participation.objects.filter(person=person).select_related(
            "round__group"
        )
    ]


def _closing_remarks(person) -> list:
    return [
        {"group": remark.round.group.name, "date": remark.round.meeting_date, "text": remark.text}
        for remark in ClosingRemark.objects.filter(person=person).select_related("round__group")
    ]


def register_all() -> None:
    register(
        PersonalData(
            name="management_group_rounds",
            models=("managementgroups.Participation",),
            export=_rounds,
            # Maps made when preparation closed are stored aggregates and do not change.
            erase=lambda person: Participation.objects.filter(person=person).delete(),
            encrypted=(
                "managementgroups.Participation.notes",
                "managementgroups.Participation.answers",
            ),
        )
    )
    register(
        PersonalData(
            name="what_you_took_away_from_meetings",
            models=("managementgroups.ClosingRemark",),
            export=_closing_remarks,
            erase=None,
            kept="Said in the group's closing round, it is the group's record: it stays, by "
            "'Slettet person'.",
        )
    )
    register(
        PersonalData(
            name="group_records_you_own_or_started",
            models=(
                "managementgroups.Round",
                "managementgroups.GroupAgreement",
                "managementgroups.Escalation",
            ),
            export=None,
            erase=None,
            encrypted=(
                "managementgroups.GroupAgreement.text",
                "managementgroups.GroupAgreement.how",
            ),
            kept="Rounds, group agreements and escalations are the group's: they stay, with "
            "the person shown as 'Slettet person'.",
        )
    )
