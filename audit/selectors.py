"""Reads of the audit log."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from audit.models import AuditEvent


def events_about(*, person_id: int) -> QuerySet[AuditEvent]:
    """What happened to a person's account, and what they did to it themselves."""
    return AuditEvent.objects.filter(Q(subject_id=person_id)).select_related("actor")


def events_in(*, organisation_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation_id=organisation_id).select_related(
        "actor", "subject"
    )
