"""Reads for tool 2. Callers ask the access policy first (access/)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from followup.models import OPEN_STATUSES
from groups.models import Escalation, GroupAgreement, Participation, Round, RoundStatus
from organisations.models import ManagementGroup, Person


def _in_group_q(person: Person, *, prefix: str = "") -> Q:
    return Q(**{f"{prefix}group__leader": person}) | Q(**{f"{prefix}group__members": person})


def preparations_waiting(*, person: Person) -> QuerySet[Participation]:
    """Rounds in preparation where this person has not prepared yet."""
    return (
        Participation.objects.filter(
            person=person, prepared_at__isnull=True, round__status=RoundStatus.PREPARATION
        )
        .select_related("round__group")
        .order_by("round__meeting_date")
    )


def group_agreements_open(*, person: Person) -> QuerySet[GroupAgreement]:
    """Open agreements of the groups the person leads or is a member of."""
    return (
        GroupAgreement.objects.filter(
            _in_group_q(person, prefix="round__"), status__in=OPEN_STATUSES
        )
        .select_related("round__group")
        .distinct()
    )


def rounds_upcoming(*, person: Person, start: date, end: date) -> QuerySet[Round]:
    """Meetings of the person's groups between two dates that have not closed."""
    return (
        Round.objects.filter(_in_group_q(person), meeting_date__gte=start, meeting_date__lte=end)
        .exclude(status=RoundStatus.CLOSED)
        .select_related("group")
        .distinct()
    )


def escalations_of_group(*, group: ManagementGroup) -> QuerySet[Escalation]:
    return Escalation.objects.filter(round__group=group).select_related("round")


def escalations_in(*, organisation_id: int, unit_ids: set[int] | None) -> QuerySet[Escalation]:
    """The organisation's escalations (from groups in these units, if given), newest
    first, with any plan's decision: tool 3 takes them as candidates."""
    found = Escalation.objects.filter(organisation_id=organisation_id).select_related(
        "round__group", "decision"
    )
    if unit_ids is not None:
        found = found.filter(round__group__unit_id__in=unit_ids)
    return found.order_by("-created_at")
