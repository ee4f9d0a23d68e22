"""What the audit log holds about a person (see organisations/personal_data.py)."""

from __future__ import annotations

from audit.models import AuditEvent
from organisations.personal_data import PersonalData, register


def register_all() -> None:
    register(
        PersonalData(
            name="account_events",
            models=("audit.AuditEvent",),
            export=lambda person: [
                {"at": e.at, "kind": e.kind}
                for e in AuditEvent.objects.filter(subject=person).order_by("at")
            ],
            erase=None,
            kept="The organisation's record of who did what to whose account stays, "
            "pointing at the anonymised person; it never holds what anyone wrote.",
        )
    )
