"""Follow-up in the demo: leder1 (Anne) and chef (Lars) have agreements that are overdue
and due soon, across tools 1 and 2. Dates follow today."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core import status
from dialogue import selectors as dialogue_selectors
from dialogue import services as dialogue_services
from followup.models import Cadence, Status
from groups.models import GroupAgreement, Round, RoundStatus
from organisations.models import Person

MARKER = "Booke en samtale med HR om min arbejdstid"


@transaction.atomic
def load() -> None:
    anne = Person.objects.filter(email="leder1@demo.example").first()
    if anne is None:
        return
    agreement = dialogue_selectors.self_agreement_current(owner=anne)
    # Compared in Python: the text is stored encrypted, so SQL cannot match it.
    if agreement is None or any(item.text == MARKER for item in agreement.items.all()):
        return
    today = timezone.localdate()
    dialogue_services.item_add(
        agreement=agreement,
        text=MARKER,
        cadence=Cadence.ON_DATE,
        due_date=today - timedelta(days=4),
        how="Jeg ringer til Mette i HR",
    )
    dialogue_services.item_add(
        agreement=agreement,
        text="Evaluere min uge med en kollega",
        cadence=Cadence.ON_DATE,
        due_date=today + timedelta(days=6),
    )
    dialogue = dialogue_services.dialogue_begin(leader=anne)
    if dialogue is not None:
        dialogue_services.manager_agreement_add(
            dialogue=dialogue,
            by=dialogue.manager,
            text="Lars og Anne afklarer vikardækningen i julen",
            cadence=Cadence.ON_DATE,
            due_date=today - timedelta(days=2),
            how="Anne sender et udkast til vagtplan",
        )
    # More leaders with a current agreement, so the status page has figures to show.
    for email in ["leder4@demo.example", "leder5@demo.example", "leder6@demo.example"]:
        leader = Person.objects.filter(email=email).first()
        if leader is not None and dialogue_selectors.self_agreement_current(owner=leader) is None:
            dialogue_services.self_agreement_start(
                owner=leader, starts_on=today - timedelta(days=20), length="half_year"
            )
    spring = (
        Round.objects.filter(
            group__name="Ledergruppen i Social og Sundhed", status=RoundStatus.CLOSED
        )
        .select_related("group")
        .first()
    )
    if spring is not None:
        GroupAgreement.objects.create(
            round=spring,
            owner=spring.group.leader,
            text="Lars sender oplæg om projektprioritering til direktionen",
            who="Lars",
            cadence=Cadence.ON_DATE,
            due_date=today - timedelta(days=7),
            status=Status.IN_PROGRESS,
        )


def status_history(*, quarters: int = 4) -> None:
    """The status figures as they stood at the end of each of the last quarters, so the
    demo's status page has a trend to show. Worked out from the demo's dated rows, as
    the worker would have stored them on those days."""
    today = timezone.localdate()
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    for _ in range(quarters):
        quarter_end = quarter_start - timedelta(days=1)
        status.snapshots_take_missing(today=quarter_end)
        quarter_start = date(quarter_end.year, 3 * ((quarter_end.month - 1) // 3) + 1, 1)
