"""Writes to the organisation structure: the organisation, units, pending imports.

People and management groups have their own home: `organisations.people`."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from audit.log import record
from audit.models import Kind
from organisations.models import ManagementGroup, Organisation, PendingImport, Person, Unit


class UnitInUse(Exception):
    """A unit with sub-units, people or groups cannot be deleted."""


def unit_delete(*, unit: Unit) -> None:
    if unit.children.exists() or unit.people.exists() or unit.management_groups.exists():
        raise UnitInUse
    unit.delete()


def organisation_save(*, organisation: Organisation, by: Person) -> Organisation:
    before = Organisation.objects.filter(pk=organisation.pk).values_list("anonymity_k", flat=True)
    old_k = before.first()
    organisation.save()
    if old_k is not None and old_k != organisation.anonymity_k:
        # Rounds and plans keep the k they started with if it was higher (issue 11).
        record(
            Kind.K_CHANGED,
            actor=by,
            organisation_id=organisation.pk,
            old=old_k,
            new=organisation.anonymity_k,
        )
    return organisation


def unit_save(*, unit: Unit) -> Unit:
    unit.save()
    return unit


def group_delete(*, group: ManagementGroup) -> None:
    group.delete()


PENDING_IMPORT_HOURS = 24


def pending_import_keep(*, by: Person, filename: str, content: bytes) -> PendingImport:
    """Keeps a checked file until its uploader confirms it; an earlier one is replaced."""
    PendingImport.objects.filter(uploaded_by=by).delete()
    return PendingImport.objects.create(
        organisation_id=by.organisation_id, uploaded_by=by, filename=filename, content=content
    )


def pending_import_discard(*, pending: PendingImport) -> None:
    pending.delete()


def pending_imports_purge(*, now=None) -> int:
    """Removes files nobody confirmed within a day (the worker's job)."""
    since = (now or timezone.now()) - timedelta(hours=PENDING_IMPORT_HOURS)
    return PendingImport.objects.filter(created_at__lt=since).delete()[0]
