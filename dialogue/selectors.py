"""Reads for tool 1. Callers ask the access policy first (access/)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from dialogue.models import Dialogue, ManagerAgreement, SelfAgreementItem
from followup.models import OPEN_STATUSES
from organisations.models import Person


def current_dialogue_q(person: Person, *, prefix: str = "") -> Q:
    """Dialogues of the person with their current nearest manager, as either side.

    An earlier manager's dialogue is read-only and no longer theirs to follow up; this is
    the one place that rule is written.
    """
    return Q(**{f"{prefix}leader": person, f"{prefix}manager": person.manager_id}) | Q(
        **{f"{prefix}manager": person, f"{prefix}leader__manager": person}
    )


def dialogues_current(*, person: Person) -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(current_dialogue_q(person)).select_related("leader", "manager")


def self_agreement_items_open(*, person: Person, today: date) -> QuerySet[SelfAgreementItem]:
    """The person's open items of agreements with themselves that have started."""
    return SelfAgreementItem.objects.filter(
        agreement__owner=person, agreement__starts_on__lte=today, status__in=OPEN_STATUSES
    ).select_related("agreement")


def manager_agreements_open(*, person: Person) -> QuerySet[ManagerAgreement]:
    return ManagerAgreement.objects.filter(
        current_dialogue_q(person, prefix="dialogue__"), status__in=OPEN_STATUSES
    ).select_related("dialogue__leader", "dialogue__manager")
