"""Recording audit events. Any app may call it; it knows only its own model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit.models import AuditEvent, Kind

if TYPE_CHECKING:
    from organisations.models import Person


def event(
    kind: Kind,
    *,
    actor: Person | None = None,
    subject: Person | None = None,
    organisation_id: int | None = None,
    **detail,
) -> AuditEvent:
    """One event, not yet saved. The organisation is the subject's, else the actor's."""
    if organisation_id is None:
        for person in (subject, actor):
            if person is not None and person.organisation_id:
                organisation_id = person.organisation_id
                break
    return AuditEvent(
        kind=kind,
        actor=actor if actor is not None and actor.pk else None,
        subject=subject,
        organisation_id=organisation_id,
        detail=detail,
    )


def record(kind: Kind, **kwargs) -> AuditEvent:
    """One event, saved."""
    made = event(kind, **kwargs)
    made.save()
    return made


def record_all(events: list[AuditEvent]) -> None:
    """Many events in a few inserts: an import may touch thousands of people."""
    AuditEvent.objects.bulk_create(events, batch_size=1000)
