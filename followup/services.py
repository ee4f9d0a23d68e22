"""Writes that every agreement shares, whichever tool it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.models import FollowUpFields, Status

if TYPE_CHECKING:
    from organisations.models import Person


def agreement_status_change(*, agreement: FollowUpFields, status: Status | str, by: Person) -> None:
    """Sets the status and writes who changed it to the agreement's history."""
    agreement.status = status
    agreement.save(update_fields=["status", "updated_at"], changed_by=by)
