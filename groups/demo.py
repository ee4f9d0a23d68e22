"""Tool 2 in the demo: the management group of Social og Sundhed (led by Lars, chef) has a
closed round from the spring, with agreements and an escalation, and a current round in
preparation where five of the six leaders have prepared (leder6 has not), so the map
shows. Dates follow today."""

from __future__ import annotations

import random
from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from followup.models import Cadence, Status
from groups import services
from groups.models import (
    ClosingRemark,
    Participation,
    Round,
    RoundStatus,
)
from organisations.models import ManagementGroup
from prioritymap.model import Rated

GROUP = "Ledergruppen i Social og Sundhed"

# What the group feels, statement by statement: (importance, success) tendencies.
SPRING = {2: (1, -1), 9: (1, -1), 12: (1, 0), 18: (1, -1), 1: (1, 1), 17: (0, 1), 10: (0, -1)}
AUTUMN = {2: (1, 0), 9: (1, -1), 12: (1, 1), 18: (1, -1), 1: (1, 1), 17: (0, 1), 10: (0, 0)}


def _rate(participation: Participation, tendencies: dict, seed: int, picks: list[int]) -> None:
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    participation.set_answers(
        {
            number: Rated(
                importance=max(
                    -1, min(1, tendencies.get(number, (0, 0))[0] + rng.choice([-1, 0, 0]))
                ),
                success=max(-1, min(1, tendencies.get(number, (0, 0))[1] + rng.choice([-1, 0, 1]))),
            )
            for number in range(1, 21)
        },
        picks,
    )
    participation.confidentiality_accepted_at = timezone.now()
    participation.prepared_at = timezone.now()
    participation.save()


@transaction.atomic
def load() -> None:
    group = ManagementGroup.objects.filter(name=GROUP).select_related("leader").first()
    if group is None or group.rounds.exists():
        return
    chef = group.leader
    today = timezone.localdate()
    leaders = list(group.members.exclude(pk=chef.pk).order_by("email"))
    pick_sets = [[2, 9], [9, 18, 12], [2, 18], [12, 9], [18, 2, 10], [9, 2]]

    spring = services.round_start(
        group=group,
        by=chef,
        meeting_date=today - timedelta(days=120),
        meeting_time=time(9, 0),
        place="Mødelokale 2, Rådhuset",
        show_names=False,
    )
    for index, participation in enumerate(spring.participations.order_by("person__email")):
        _rate(participation, SPRING, index, pick_sets[index % len(pick_sets)])
    services.preparation_close(round_=spring)
    Round.objects.filter(pk=spring.pk).update(status=RoundStatus.CLOSED)
    prioritering = services.focus_theme_add(round_=spring, statement=2, title="")
    prioritering.meaning = "At vi bruger ledermøderne på de sager, der kræver os alle."
    prioritering.field_and_why = "Felt 1: vigtigt, men vi drukner i orienteringssager."
    prioritering.moves_right = "En dagsorden med beslutningspunkter først."
    prioritering.save()
    grænser = services.focus_theme_add(round_=spring, statement=18, title="")
    grænser.meaning = "Rimelige deadlines og at vi siger fra for hinanden."
    grænser.save()
    services.group_agreement_add(
        round_=spring,
        theme=prioritering,
        text="Beslutningspunkter først på dagsordenen",
        who="Lars sender dagsorden to dage før",
        cadence=Cadence.WEEKLY,
        status=Status.DONE,
    )
    services.group_agreement_add(
        round_=spring,
        theme=grænser,
        text="Ingen nye opgaver med under en uges frist",
        who="Alle",
        cadence=Cadence.MONTHLY,
        how="Vi tjekker op på første ledermøde i måneden",
        status=Status.IN_PROGRESS,
    )
    Round.objects.filter(pk=spring.pk).update(
        unchosen_plan="Mødeforberedelse (9) tager vi op igen efter sommer.",
        next_meeting=today - timedelta(days=30),
    )
    services.escalation_add(
        round_=spring,
        title="For mange samtidige projekter fra forvaltningen",
        description="Vi beder direktionen prioritere de tværgående "
        "projekter, så lederne får tid til driften.",
    )
    for leader, text in zip(
        leaders[:3], ["Dagsordenen", "At vi må sige fra", "Mere sparring på tværs"], strict=False
    ):
        ClosingRemark.objects.create(round=spring, person=leader, text=text)

    autumn = services.round_start(
        group=group,
        by=chef,
        meeting_date=today + timedelta(days=10),
        meeting_time=time(13, 0),
        place="Mødelokale 2, Rådhuset",
        show_names=False,
    )
    prepared = [
        p
        for p in autumn.participations.select_related("person").order_by("person__email")
        if p.person.email in {f"leder{n}@demo.example" for n in range(1, 6)}
    ]
    for index, participation in enumerate(prepared):
        _rate(participation, AUTUMN, 100 + index, pick_sets[index])
