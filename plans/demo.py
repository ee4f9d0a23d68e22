"""Tool 3 in the demo.

- Demo Kommune's organisation-wide plan for 2027 is in the qualify step: seven leaders
  have rated the themes (so the map shows; leder1 has not yet), four themes are chosen
  and two action cards are written. The escalation from chef's management group waits
  for the plan team's decision.
- Social og Sundhed published a plan of its own in the spring (version 1), and chef's
  management group has reported back how it uses it.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from organisations.models import ManagementGroup, Organisation, Person, Unit
from plans import services
from plans.models import ActionCard, ActionTask, Plan, PlanVersion, RatingMode
from prioritymap.model import Rated

# What the leaders feel, theme by theme: (importance, success) tendencies.
TENDENCIES = {5: (1, -1), 9: (1, -1), 2: (1, -1), 3: (1, 0), 6: (1, 1), 7: (1, 1), 11: (0, 1)}


def _person(email: str) -> Person:
    return Person.objects.get(email=email)


@transaction.atomic
def load() -> None:
    organisation = Organisation.objects.filter(slug="demo-kommune").first()
    if organisation is None or Plan.objects.filter(organisation=organisation).exists():
        return
    _unit_plan(organisation)
    _draft_plan(organisation)


def _card(theme, tasks, **fields) -> ActionCard:
    card = ActionCard.objects.create(theme=theme, **fields)
    today = timezone.localdate()
    for who, what, days in tasks:
        ActionTask.objects.create(
            card=card, who=who, text=what, due_date=today + timedelta(days=days)
        )
    return card


def _unit_plan(organisation: Organisation) -> None:
    chef, hr = _person("chef@demo.example"), _person("hr@demo.example")
    unit = Unit.objects.get(organisation=organisation, name="Social og Sundhed")
    plan = services.plan_create(
        organisation=organisation,
        by=chef,
        team=[hr],
        title="Plan for ledertrivsel i Social og Sundhed",
        unit=unit,
        rating_mode=RatingMode.TEAM,
        anonymity_k=5,
    )
    themes = {t.number: t for t in plan.themes.all()}
    for number, (importance, success) in {
        2: (1, -1),
        3: (1, -1),
        9: (1, 0),
        5: (0, 1),
        1: (1, 1),
        12: (-1, 1),
    }.items():
        themes[number].importance, themes[number].success = importance, success
        themes[number].save()
    services.plan_choose(plan=plan, theme_ids=[themes[2].pk, themes[3].pk, themes[9].pk])
    _card(
        themes[2],
        [("Nærmeste leder", "Tager overbelastning op ved hver 1:1-samtale", 30)],
        where="I alle enheder i Social og Sundhed.",
        goal="Vi opdager tegn på overbelastning hos ledere tidligt.",
        responsible="Nærmeste leder.",
        help="HR's arbejdsmiljøkonsulent.",
        representatives="AMO drøfter status to gange om året.",
        follow_up="Punkt på ledergruppens møde hvert kvartal.",
    )
    _card(
        themes[3],
        [("Direktøren", "Aftaler mailfri weekender for ledere", 14)],
        where="Alle ledere i Social og Sundhed.",
        goal="Ledere kan koble af uden for arbejdstiden.",
        responsible="Direktøren for Social og Sundhed.",
        help="HR.",
        representatives="MED følger op på aftalen.",
        follow_up="Evaluering efter et halvt år.",
    )
    _card(
        themes[9],
        [("HR", "Starter sparringsgrupper på tværs af enhederne", 45)],
        where="Ledere af medarbejdere.",
        goal="Alle ledere har en fast sparringspartner.",
        responsible="HR.",
        help="Ekstern konsulent efter behov.",
        representatives="MED får status én gang om året.",
        follow_up="HR tjekker hvert kvartal, at grupperne mødes.",
    )
    version = services.plan_publish(plan=plan, by=chef, announce=False)
    published = timezone.now() - timedelta(days=150)
    PlanVersion.objects.filter(pk=version.pk).update(published_at=published)
    group = ManagementGroup.objects.get(
        organisation=organisation, name="Ledergruppen i Social og Sundhed"
    )
    request = version.feedback.get(group=group)
    services.feedback_answer(
        feedback_request=request,
        by=chef,
        answer="Vi har sat sparring på hvert andet ledermøde, og vi holder mailfri weekender. "
        "Overbelastning tager vi op i 1:1-samtalerne.",
    )


def _draft_plan(organisation: Organisation) -> None:
    top, hr, med = (
        _person("direktion@demo.example"),
        _person("hr@demo.example"),
        _person("med@demo.example"),
    )
    plan = services.plan_create(
        organisation=organisation,
        by=top,
        team=[hr, med, _person("leder3@demo.example")],
        title="Plan for ledertrivsel 2027",
        unit=None,
        rating_mode=RatingMode.LEADERS,
        anonymity_k=5,
    )
    own = services.own_theme_add(
        plan=plan,
        title="Hvordan sikrer vi, at ledere ikke skal være tilgængelige hele tiden?",
        question="I hvor høj grad kan lederne holde fri uden at tjekke mail?",
        source="lederAPV 2026",
    )
    services.plan_rating_open(plan=plan)
    Plan.objects.filter(pk=plan.pk).update(rating_opened_at=timezone.now() - timedelta(days=14))
    plan.refresh_from_db()
    themes = {t.number: t for t in plan.themes.filter(number__isnull=False)}
    raters = [f"leder{n}@demo.example" for n in range(2, 9)]
    for index, email in enumerate(raters):
        rng = random.Random(index)  # noqa: S311 - demo data, not security
        response = services.response_get_or_create(plan=plan, person=_person(email))
        ratings = {}
        for number, theme in themes.items():
            importance, success = TENDENCIES.get(number, (0, 0))
            ratings[theme.pk] = Rated(
                importance=max(-1, min(1, importance + rng.choice([-1, 0, 0]))),
                success=max(-1, min(1, success + rng.choice([-1, 0, 1]))),
            )
        ratings[own.pk] = Rated(importance=1, success=rng.choice([-1, 0]))
        services.response_save(response=response, ratings=ratings)
        services.response_submit(response=response)
    services.plan_choose(plan=plan, theme_ids=[themes[5].pk, themes[9].pk, themes[2].pk, own.pk])
    mentor = services.offer_add(
        organisation=organisation,
        name="Mentorordning for nye ledere",
        description="En erfaren leder fra en anden forvaltning i det første år.",
        url="https://intranet.demo.example/mentor",
    )
    services.offer_add(
        organisation=organisation,
        name="Psykologordning",
        description="Op til seks samtaler, anonymt, via HR.",
    )
    themes[5].q_success = "Nye ledere får en god velkomst, men introduktionen er tilfældig."
    themes[5].q_improve = "En fast introplan og en mentor for alle nye ledere."
    themes[5].q_bright_spots = "Børn og Unge har en tjekliste, som nye ledere roser."
    themes[5].save(update_fields=["q_success", "q_improve", "q_bright_spots"])
    themes[5].offers.add(mentor)
    themes[9].q_success = "Sparring sker, når lederne selv finder tid. Det gør de sjældent."
    themes[9].save(update_fields=["q_success"])
    _card(
        themes[5],
        [
            ("HR", "Laver en fælles tjekliste for introplanen", 30),
            ("Nærmeste leder", "Bruger værktøj 1 med den nye leder efter 5 uger", 60),
        ],
        where="Aktiveres ved rekruttering af nye ledere.",
        goal="Nye ledere bliver klædt godt på til deres ledelsesopgave.",
        responsible="Nærmeste leder.",
        help="HR efter behov.",
        representatives="TR og AMR giver input til introplanen.",
        follow_up="Samtale med den nye leder 5 uger efter start.",
    )
    _card(
        themes[9],
        [("HR", "Tilbyder alle ledere en plads i en sparringsgruppe", 45)],
        where="Alle ledere i kommunen.",
        goal="Alle ledere har adgang til sparring på dilemmaer.",
        responsible="HR-chefen.",
        help="Direktionen.",
        representatives="MED drøfter erfaringerne én gang om året.",
        follow_up="Status i direktionen hvert halve år.",
    )
