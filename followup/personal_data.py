"""What follow-up and the mail queue hold about a person (see
organisations/personal_data.py)."""

from __future__ import annotations

from followup.models import CalendarFeed, OutgoingMail
from organisations.personal_data import PersonalData, register


def register_all() -> None:
    register(
        PersonalData(
            name="calendar_and_mail",
            models=("followup.CalendarFeed", "followup.OutgoingMail"),
            export=lambda person: {
                "calendar_feed": CalendarFeed.objects.filter(person=person).exists(),
                "mails_waiting": OutgoingMail.objects.filter(person=person, sent_at=None).count(),
            },
            erase=lambda person: (
                CalendarFeed.objects.filter(person=person).delete(),
                OutgoingMail.objects.filter(person=person).delete(),
            ),
        )
    )
    register(
        PersonalData(
            name="follow_up_history",
            models=("followup.FollowUpEvent",),
            export=None,
            erase=None,
            encrypted=("followup.FollowUpEvent.old", "followup.FollowUpEvent.new"),
            kept="Who changed a shared agreement's status stays in its history, shown as "
            "'Slettet person'; the person's own agreements go with them.",
        )
    )
