"""Everything a person has in the product, as one JSON document they can download.

Their own writing and ratings, and what they share with others (dialogues, group
agreements, plans they answered). Other people's private content is never in it.
"""

from __future__ import annotations

from django.utils import timezone

from dialogue.models import Dialogue, InterviewGuide, InterviewNote, MeetingNote, SelfAgreement
from groups.models import ClosingRemark, Participation
from identity import selectors as identity_selectors
from plans.models import FeedbackRequest, PlanResponse


def _agreement(item) -> dict:
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


def collect(person) -> dict:

    data: dict = {
        "exported_at": timezone.now(),
        "person": {
            "name": person.name,
            "email": person.email,
            "title": person.title,
            "organisation": person.organisation.name if person.organisation else None,
            "unit": person.unit.path if person.unit else None,
            "nearest_manager": person.manager.name if person.manager else None,
            "roles": sorted(person.assigned_roles),
            "language": person.language,
            "reminder_frequency": person.reminder_frequency,
            "date_joined": person.date_joined,
            "last_login": person.last_login,
            # Who the organisation's identity provider says you are, as linked here.
            "sign_in_identities": [
                {"issuer": i.issuer, "subject": i.subject, "linked_at": i.created_at}
                for i in identity_selectors.identities_of(person=person)
            ],
        },
    }
    guide = InterviewGuide.objects.filter(owner=person).first()
    data["interview_guide"] = {
        "interviewer_kind": guide.interviewer_kind if guide else None,
        "interviewer_name": guide.interviewer_name if guide else "",
        "interviewed_on": guide.interviewed_on if guide else None,
        "notes": [
            {"question": note.key, "text": note.text, "updated_at": note.updated_at}
            for note in InterviewNote.objects.filter(owner=person).order_by("key")
        ],
    }
    data["agreements_with_yourself"] = [
        {
            "starts_on": agreement.starts_on,
            "length": agreement.length,
            "goals": agreement.goals,
            "wellbeing": agreement.wellbeing,
            "agreements": [
                {
                    **_agreement(item),
                    "ticks": [
                        {"period": tick.period, "kept": tick.kept} for tick in item.ticks.all()
                    ],
                }
                for item in agreement.items.all()
            ],
        }
        for agreement in SelfAgreement.objects.filter(owner=person).prefetch_related("items__ticks")
    ]
    data["dialogues_with_your_nearest_manager"] = [
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
            "agreements": [_agreement(item) for item in dialogue.agreements.all()],
        }
        for dialogue in Dialogue.objects.filter(leader=person)
        .select_related("manager")
        .prefetch_related("shared_items", "meetings__notes__author", "agreements")
    ]
    data["notes_you_wrote_as_manager"] = [
        {"leader": note.meeting.dialogue.leader.name, "date": note.meeting.date, "text": note.text}
        for note in MeetingNote.objects.filter(author=person)
        .exclude(meeting__dialogue__leader=person)
        .select_related("meeting__dialogue__leader")
    ]
    data["management_group_rounds"] = [
        {
            "group": participation.round.group.name,
            "meeting_date": participation.round.meeting_date,
            "prepared_at": participation.prepared_at,
            "your_notes": participation.notes,
            "your_ratings": [
                {
                    "statement": rating.statement,
                    "success": rating.success,
                    "importance": rating.importance,
                }
                for rating in participation.ratings.all()
            ],
            "your_top_picks": [pick.statement for pick in participation.top_picks.all()],
        }
        for participation in Participation.objects.filter(person=person)
        .select_related("round__group")
        .prefetch_related("ratings", "top_picks")
    ]
    data["what_you_took_away_from_meetings"] = [
        {"group": remark.round.group.name, "date": remark.round.meeting_date, "text": remark.text}
        for remark in ClosingRemark.objects.filter(person=person).select_related("round__group")
    ]
    data["plan_ratings"] = [
        {
            "plan": response.plan.title,
            "submitted_at": response.submitted_at,
            "ratings": [
                {
                    "theme": rating.theme.title,
                    "importance": rating.importance,
                    "success": rating.success,
                }
                for rating in response.ratings.all()
            ],
        }
        for response in PlanResponse.objects.filter(person=person)
        .select_related("plan")
        .prefetch_related("ratings__theme")
    ]
    data["plan_reports_you_answered"] = [
        {"plan": item.version.plan.title, "group": item.group.name, "answer": item.answer}
        for item in FeedbackRequest.objects.filter(answered_by=person).select_related(
            "version__plan", "group"
        )
    ]
    return data
