"""Tool 1: what a leader writes is theirs; a dialogue is the leader's and their current
nearest manager's. HR, top management and administrators never see either."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from access.base import get_in_organisation, get_own, in_organisation, parent_of
from dialogue.models import (
    Dialogue,
    ManagerAgreement,
    Meeting,
    SelfAgreement,
    SelfAgreementItem,
)
from organisations.models import Person


def is_current_manager(person: Person, leader: Person) -> bool:
    return (
        leader.organisation_id == person.organisation_id
        and leader.manager_id == person.pk
        and leader.pk != person.pk
    )


def can_use_dialogue(person: Person, dialogue: Dialogue) -> bool:
    """The leader always sees their own dialogue; the manager only while they are the
    leader's nearest manager. HR, top management and administrators never do."""
    if dialogue.organisation_id != person.organisation_id:
        return False
    if dialogue.leader_id == person.pk:
        return True
    return dialogue.manager_id == person.pk and dialogue.leader.manager_id == person.pk


def is_current_dialogue(dialogue: Dialogue) -> bool:
    """Only the dialogue with the leader's current manager can be added to; an earlier
    manager's stays readable for the leader but is closed."""
    return dialogue.leader.manager_id == dialogue.manager_id


def _checked(person: Person, obj, *, for_change: bool, leader_only: bool):
    dialogue = parent_of(obj, Dialogue, "DIALOGUE_PATH")
    if not can_use_dialogue(person, dialogue):
        raise PermissionDenied
    if for_change and not is_current_dialogue(dialogue):
        raise PermissionDenied
    if leader_only and dialogue.leader_id != person.pk:
        raise PermissionDenied  # The preparation is the leader's own, until shared.
    return obj


def get_dialogue(
    person: Person, pk: int, *, for_change: bool = False, leader_only: bool = False
) -> Dialogue:
    """A dialogue the person takes part in. `for_change`: only the current one;
    `leader_only`: the leader's own preparation."""
    dialogue = get_in_organisation(
        person, Dialogue.objects.select_related("leader", "manager"), pk=pk
    )
    return _checked(person, dialogue, for_change=for_change, leader_only=leader_only)


def get_meeting(person: Person, pk: int, *, for_change: bool = False) -> Meeting:
    meeting = get_in_organisation(
        person, Meeting.objects.select_related("dialogue__leader", "dialogue__manager"), pk=pk
    )
    return _checked(person, meeting, for_change=for_change, leader_only=False)


def get_manager_agreement(person: Person, pk: int, *, for_change: bool = False) -> ManagerAgreement:
    agreement = get_in_organisation(
        person,
        ManagerAgreement.objects.select_related("dialogue__leader", "dialogue__manager"),
        pk=pk,
    )
    return _checked(person, agreement, for_change=for_change, leader_only=False)


def get_self_agreement(person: Person, pk: int) -> SelfAgreement:
    return get_own(person, SelfAgreement.objects.all(), pk=pk)


def get_self_agreement_item(person: Person, pk: int) -> SelfAgreementItem:
    return get_own(
        person,
        SelfAgreementItem.objects.select_related("agreement"),
        owner_field="agreement__owner_id",
        pk=pk,
    )


def visible_reports(person: Person) -> QuerySet[Person]:
    """The people whose nearest manager this person is now."""
    return in_organisation(person, Person.objects.all()).filter(manager=person, is_active=True)


def has_reports(person: Person) -> bool:
    """Is anyone's nearest manager this person now (a way into "Dine ledere")."""
    return visible_reports(person).exists()


def get_report(person: Person, pk: int) -> Person:
    leader = get_in_organisation(person, Person.objects.all(), pk=pk)
    if not is_current_manager(person, leader):
        raise PermissionDenied
    return leader
