"""The demo's benchmark: both demo organisations take part (their administrator and
MED/SU representative have confirmed), and this quarter's figures are released.

Both share action cards in the inspiration library: Demo Kommune two of its published
unit plan's, and Demo Finans two of a plan it published for 2026 (made here, since the
tools' demo leaves Demo Finans without a plan). Demo Kommune's plan team finds Demo
Finans's cards beside the themes it is qualifying.

Five organisations must stand behind a figure, and the demo has two, so forty invented
organisations' rows join theirs for the release. Like everything in the demo they are
made up; they are never stored, only the noisy figures are, as in a real release.
"""

from __future__ import annotations

import random

from django.utils import timezone

from benchmark import selectors, services
from benchmark.models import Participation, Release, Sector, SharedCard, SizeBand, Tool
from benchmark.release import Contribution, release
from organisations.models import Organisation, Person
from plans import services as plan_services
from plans.models import ActionCard, ActionTask, Plan, RatingMode

FINANS_CARDS = {
    5: {
        "where": "Nye filialchefer og teamledere i hele banken.",
        "goal": "Nye ledere er trygge i rollen efter et halvt år.",
        "responsible": "Den nye leders nærmeste chef.",
        "help": "Personaleafdelingen og en erfaren filialchef som mentor.",
        "representatives": "SU drøfter introduktionen af nye ledere én gang om året.",
        "follow_up": "Samtale efter 1, 3 og 6 måneder med udgangspunkt i introplanen.",
        "tasks": [("Personaleafdelingen", "Laver en fast introplan for nye ledere"),
                  ("Nærmeste chef", "Finder en mentor inden første arbejdsdag")],
    },
    9: {
        "where": "Alle ledere i banken.",
        "goal": "Ingen leder står alene med svære beslutninger.",
        "responsible": "Privatkundedirektøren.",
        "help": "Personaleafdelingen faciliterer de første møder.",
        "representatives": "SU får en status hvert halve år.",
        "follow_up": "Sparringsgrupperne melder kort tilbage til ledergruppen hvert kvartal.",
        "tasks": [("Personaleafdelingen", "Sætter sparringsgrupper af tre filialchefer"),
                  ("Lederne", "Mødes en gang om måneden i sparringsgruppen")],
    },
}  # fmt: skip

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
    load_shared_cards()
    quarter = selectors.quarter_of(timezone.localdate())
    rng = random.Random(25)  # noqa: S311 - demo data
    for tool in Tool:
        if Release.objects.filter(tool=tool, quarter=quarter).exists():
            continue
        rows = selectors.contributions(tool=tool, quarter=quarter) + _invented(tool, rng)
        release(tool=tool, quarter=quarter, rows=rows, items=selectors.ITEMS[tool])


def _finans_plan() -> Plan | None:
    organisation = Organisation.objects.filter(slug="demo-finans").first()
    if organisation is None:
        return None
    existing = Plan.objects.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    top, hr = (
        Person.objects.get(email="direktion@finans.example"),
        Person.objects.get(email="hr@finans.example"),
    )
    plan = plan_services.plan_create(
        organisation=organisation, by=hr, team=[top], title="Plan for ledertrivsel 2026",
        unit=None, rating_mode=RatingMode.TEAM,
    )  # fmt: skip
    themes = {t.number: t for t in plan.themes.filter(number__isnull=False)}
    plan_services.plan_choose(plan=plan, theme_ids=[themes[n].pk for n in (1, 5, 9)])
    for number in (1, 5, 9):
        fields = dict(FINANS_CARDS.get(number, FINANS_CARDS[9]))
        tasks = fields.pop("tasks")
        card = ActionCard.objects.create(theme=themes[number], **fields)
        for who, what in tasks:
            ActionTask.objects.create(card=card, who=who, text=what)
    plan_services.plan_publish(plan=plan, by=hr, announce=False)
    return plan


def _share(plan: Plan | None, numbers: tuple[int, ...], by_email: str, unit_word: str) -> None:
    """Shares as a team would: the proposal, with the placeholders for units made into
    words that fit (the demo's stand-in for the team's editing)."""
    if plan is None or SharedCard.objects.filter(plan=plan).exists():
        return
    names = selectors.identifying_names(organisation_id=plan.organisation_id)
    by = Person.objects.get(email=by_email)
    for item in selectors.shareable_themes(plan=plan):
        if item.theme.number in numbers:
            texts = {
                field: text.replace("[enhed]", unit_word)
                for field, text in selectors.share_proposal(
                    published=item.published, names=names
                ).items()
            }
            services.card_share(plan=plan, theme=item.theme, by=by, texts=texts, names=names)


def load_shared_cards() -> None:
    _share(_finans_plan(), (5, 9), "hr@finans.example", "banken")
    kommune = Plan.objects.filter(organisation__slug="demo-kommune", versions__isnull=False).first()
    _share(kommune, (2, 9), "hr@demo.example", "forvaltningen")
