"""The demo's benchmark: both demo organisations take part (their administrator and
MED/SU representative have confirmed), and this quarter's figures are released.

Five organisations must stand behind a figure, and the demo has two, so forty invented
organisations' rows join theirs for the release. Like everything in the demo they are
made up; they are never stored, only the noisy figures are, as in a real release.
"""

from __future__ import annotations

import random

from django.utils import timezone

from benchmark import selectors, services
from benchmark.models import Participation, Release, Sector, SizeBand, Tool
from benchmark.release import Contribution, release
from organisations.models import Person

TAKING_PART = [
    ("hr@demo.example", "med@demo.example", Sector.MUNICIPALITY, SizeBand.SMALL),
    ("hr@finans.example", "su@finans.example", Sector.FINANCE, SizeBand.SMALL),
]


def _invented(tool: int, rng: random.Random) -> list[Contribution]:
    rows = []
    for n in range(40):
        lean = rng.uniform(-0.3, 0.3)
        rows.append(
            Contribution(
                organisation_id=-(n + 1),
                sector=rng.choice([Sector.MUNICIPALITY, Sector.REGION, Sector.FINANCE]),
                leaders=rng.randint(8, 60),
                means={
                    item: (
                        max(-1.0, min(1.0, rng.gauss(0.45, 0.3))),
                        max(-1.0, min(1.0, rng.gauss(lean, 0.35))),
                    )
                    for item in selectors.ITEMS[tool]
                },
            )
        )
    return rows


def load() -> None:
    for admin, representative, sector, size in TAKING_PART:
        person = Person.objects.get(email=admin)
        if Participation.objects.filter(organisation_id=person.organisation_id).exists():
            continue  # loaded before: the demo is loaded idempotently
        services.participation_confirm(person=person, as_admin=True, sector=sector, size_band=size)
        services.participation_confirm(
            person=Person.objects.get(email=representative), as_admin=False
        )
    quarter = selectors.quarter_of(timezone.localdate())
    rng = random.Random(25)  # noqa: S311 - demo data
    for tool in Tool:
        if Release.objects.filter(tool=tool, quarter=quarter).exists():
            continue
        rows = selectors.contributions(tool=tool, quarter=quarter) + _invented(tool, rng)
        release(tool=tool, quarter=quarter, rows=rows, items=selectors.ITEMS[tool])
