"""Follow-up across the tools: each agreement keeps its own tool's rule."""

from __future__ import annotations

from django.http import Http404

from access.base import get_own
from access.dialogue import get_manager_agreement
from access.groups import get_group_agreement
from access.plans import get_action_task
from dialogue.models import SelfAgreementItem
from followup.models import CalendarFeed, FollowUpFields
from organisations.models import Person


def calendar_owner(token: str) -> Person | None:
    """The person whose calendar address this is: the unguessable token is the key, and
    only an active person of an organisation has a calendar."""
    feed = (
        CalendarFeed.objects.filter(
            token=token, person__is_active=True, person__organisation__isnull=False
        )
        .select_related("person")
        .first()
    )
    return feed.person if feed else None


def may_change_follow_up(person: Person, item) -> bool:
    """Whether "Mit overblik" offers to change a listed agreement's status. It lists only
    the person's own agreements, those of their dialogue with their current manager and
    those of their plans' teams, which they may change; in a management group only the
    group leader changes them (the same rules as get_agreement_to_follow_up)."""
    if item.kind == "group":
        return item.group_leader_id == person.pk
    return True


def get_agreement_to_follow_up(person: Person, kind: str, pk: int) -> FollowUpFields:
    """An agreement whose status this person may change, by the rules of its own tool:
    the author (yourself), the leader and current manager (dialogue), the group leader
    (management group), the plan team (action card task)."""
    if kind == "self":
        return get_own(
            person,
            SelfAgreementItem.objects.select_related("agreement"),
            owner_field="agreement__owner_id",
            pk=pk,
        )
    if kind == "manager":
        # An earlier manager's dialogue is read-only.
        return get_manager_agreement(person, pk, for_change=True)
    if kind == "group":
        return get_group_agreement(person, pk)
    if kind == "task":
        return get_action_task(person, pk)
    raise Http404
