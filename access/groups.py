"""Tool 2: a management group's rounds are for its members; the group leader alone
starts and runs them. A member's ratings are theirs alone."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from access.base import get_in_organisation, in_organisation, parent_of
from groups import selectors
from groups.models import FocusTheme, GroupAgreement, Participation, Round, RoundStatus
from organisations.models import ManagementGroup, Person


def is_group_member(person: Person, group: ManagementGroup) -> bool:
    if group.organisation_id != person.organisation_id:
        return False
    return group.leader_id == person.pk or group.members.filter(pk=person.pk).exists()


def require_group_leader(person: Person, group: ManagementGroup) -> None:
    """Starting a round, running the meeting and recording its results: the group leader."""
    if group.organisation_id != person.organisation_id or group.leader_id != person.pk:
        raise PermissionDenied


def get_group_as_member(person: Person, pk: int) -> ManagementGroup:
    group = get_in_organisation(person, ManagementGroup.objects.all(), pk=pk)
    if not is_group_member(person, group):
        raise PermissionDenied
    return group


def my_groups(person: Person) -> QuerySet[ManagementGroup]:
    return (
        in_organisation(person, ManagementGroup.objects.all())
        .filter(Q(leader=person) | Q(members=person))
        .distinct()
    )


def is_in_round(person: Person, round_: Round) -> bool:
    """A round's room is the people who were in the group when it started (each has a
    participation); whoever joins the group or becomes its leader later stays outside."""
    if round_.organisation_id != person.organisation_id:
        return False
    return Participation.objects.filter(round=round_, person=person).exists()


def _checked(person: Person, obj, *, leader_only: bool):
    round_ = parent_of(obj, Round, "ROUND_PATH")
    if not is_in_round(person, round_):
        raise PermissionDenied
    if leader_only:
        require_group_leader(person, round_.group)
    return obj


def get_round(person: Person, pk: int, *, leader_only: bool = False) -> Round:
    """A round for the group's members; the group leader alone when `leader_only`.
    Other organisations: 404; others in the organisation: 403."""
    round_ = get_in_organisation(
        person, Round.objects.select_related("group", "organisation"), pk=pk
    )
    return _checked(person, round_, leader_only=leader_only)


def may_change_round(round_: Round) -> bool:
    """A closed round is read-only: its meeting, agreements and record stay as they were
    (the group leader may reopen it by setting its status)."""
    return round_.status != RoundStatus.CLOSED


class ConfidentialRoomNotAccepted(PermissionDenied):
    """The person has not yet agreed that the round is a confidential room."""


def get_round_content(person: Person, pk: int) -> Round:
    """A round's shared content (map, meeting, screen, summary): only for those in the
    round who have agreed that it is a confidential room."""
    round_ = get_round(person, pk)
    accepted = Participation.objects.filter(
        round=round_, person=person, confidentiality_accepted_at__isnull=False
    ).exists()
    if not accepted:
        raise ConfidentialRoomNotAccepted
    return round_


def get_focus_theme(person: Person, pk: int) -> FocusTheme:
    theme = get_in_organisation(person, FocusTheme.objects.select_related("round__group"), pk=pk)
    return _checked(person, theme, leader_only=True)


def get_group_agreement(person: Person, pk: int) -> GroupAgreement:
    """A group agreement's status is for the group leader and the agreement's owners."""
    agreement = get_in_organisation(
        person, GroupAgreement.objects.select_related("round__group"), pk=pk
    )
    is_owner = agreement.owners.filter(pk=person.pk).exists()
    return _checked(person, agreement, leader_only=not is_owner)


def get_participation(person: Person, round_: Round) -> Participation:
    """The person's own part in a round they may see: only members who were invited to
    the round prepare; the group leader who is not a member has none (403)."""
    participation = selectors.participation_of(round_=round_, person=person)
    if participation is None:
        raise PermissionDenied
    return participation
