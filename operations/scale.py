"""A large organisation for load tests and benchmarks, made with bulk inserts.

The shape follows a Danish municipality: a top management, areas, departments, and in
each department a head and its leaders. Every leader has a nearest manager; the heads
lead management groups of 5-12; many leaders have an agreement with themselves and a
dialogue with their manager; every group has a closed round with a map and some an
open one; and there is an organisation-wide plan that leaders are rating.

Everyone's password is the same (hashed once): the people are for machines to log in
as. Texts are short invented phrases, encrypted like real ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from dialogue.models import Dialogue, Meeting, SelfAgreement, SelfAgreementItem
from followup.models import Cadence, FollowUpEvent, Status
from groups import services as group_services
from groups.models import Participation, Round, RoundStatus
from method import loader
from organisations.models import (
    GroupMembership,
    ManagementGroup,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    Unit,
)
from plans import services as plan_services
from plans.models import PlanResponse, RatingMode
from prioritymap.model import Rated

PASSWORD = "skala-ledertrivsel"  # noqa: S105 - generated test people only
BATCH = 2000
GOALS = [
    "Ro på vagtplanen",
    "Sygefraværet ned",
    "Budgettet holder",
    "Et godt samarbejde med MED",
    "Tid til faglig ledelse",
    "Færre møder uden dagsorden",
]
SELF_AGREEMENTS = [
    "Ingen mails efter kl. 17",
    "Sparring med en kollega hver måned",
    "Fri i weekenden",
    "Pause midt på dagen",
]


@dataclass
class Generated:
    organisation: Organisation
    leaders: list[int] = field(default_factory=list)
    people: int = 0
    groups: int = 0
    rounds: int = 0


def _shape(leaders: int) -> tuple[int, int]:
    """How many areas, and departments in each, for about `leaders` leaders with some
    98 leaders to a department (the largest organisations' shape)."""
    areas = max(2, round(leaders / 2500))
    departments = max(2, round(leaders / (areas * 98)))
    return areas, departments


UNIT_KINDS = ["Team", "Børnehuset", "Hjemmeplejen", "Skolen", "Plejecentret", "Afsnit"]


def generate(
    *,
    leaders: int,
    slug: str,
    name: str | None = None,
    seed: int = 1,
    unit_per_leader: bool = True,
    progress=None,
) -> Generated:
    """An organisation of about `leaders` leaders. Each leader of employees heads a unit of
    their own, as in a municipality (a team, an institution); `unit_per_leader=False`
    puts them in their department's unit instead, the shape before issue 24."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    say = progress or (lambda message: None)
    today = timezone.localdate()
    password = make_password(PASSWORD)
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name or f"Skala {slug}", slug=slug)
        result = Generated(organisation)
        areas, departments = _shape(leaders)
        root = Unit.objects.create(organisation=organisation, name="Direktionen")
        area_units = Unit.objects.bulk_create(
            Unit(organisation=organisation, name=f"Område {a + 1}", parent=root)
            for a in range(areas)
        )
        department_units = Unit.objects.bulk_create(
            Unit(organisation=organisation, name=f"Afdeling {a + 1}.{d + 1}", parent=area)
            for a, area in enumerate(area_units)
            for d in range(departments)
        )

        now = timezone.now()

        def person(email: str, name: str, unit: Unit, manager_id=None) -> Person:
            return Person(
                organisation=organisation,
                email=email,
                name=name,
                unit=unit,
                manager_id=manager_id,
                password=password,
                vouched_at=now,
                vouched_via="import",
            )

        domain = f"{slug}.example"
        staff = Person.objects.bulk_create(
            [
                person(f"direktion@{domain}", "Direktør", root),
                person(f"hr@{domain}", "HR-partner", root),
                person(f"admin@{domain}", "Administrator", root),
                person(f"med@{domain}", "MED-repræsentant", root),
            ]
        )
        director = staff[0]
        roles = [
            RoleAssignment(person=director, role=Role.TOP_MANAGEMENT),
            RoleAssignment(person=director, role=Role.LEADER_OF_LEADERS),
            RoleAssignment(person=staff[1], role=Role.HR),
            RoleAssignment(person=staff[2], role=Role.ORG_ADMIN),
            RoleAssignment(person=staff[3], role=Role.COOPERATION),
        ]
        area_heads = Person.objects.bulk_create(
            person(f"omraade{a + 1}@{domain}", f"Områdechef {a + 1}", unit, director.pk)
            for a, unit in enumerate(area_units)
        )
        department_heads = Person.objects.bulk_create(
            person(
                f"chef{i + 1}@{domain}",
                f"Afdelingschef {unit.name}",
                unit,
                area_heads[i // departments].pk,
            )
            for i, unit in enumerate(department_units)
        )
        roles += [RoleAssignment(person=p, role=Role.TOP_MANAGEMENT) for p in area_heads]
        roles += [
            RoleAssignment(person=p, role=Role.LEADER_OF_LEADERS)
            for p in area_heads + department_heads
        ]
        # The rest of the leaders, spread over the departments.
        rest = max(0, leaders - len(area_heads) - len(department_heads) - 1)
        first_names = ["Anne", "Lars", "Mette", "Jens", "Sofie", "Karim", "Nadia", "Ole"]
        own_units = []
        if unit_per_leader:
            own_units = Unit.objects.bulk_create(
                (
                    Unit(
                        organisation=organisation,
                        name=f"{rng.choice(UNIT_KINDS)} {n + 1}",
                        parent=department_units[n % len(department_units)],
                    )
                    for n in range(rest)
                ),
                batch_size=BATCH,
            )
        led = []
        for n in range(rest):
            index = n % len(department_units)
            led.append(
                person(
                    f"leder{n + 1}@{domain}",
                    f"{rng.choice(first_names)} Leder {n + 1}",
                    own_units[n] if unit_per_leader else department_units[index],
                    department_heads[index].pk,
                )
            )
        led = Person.objects.bulk_create(led, batch_size=BATCH)
        roles += [RoleAssignment(person=p, role=Role.LEADER_OF_EMPLOYEES) for p in led]
        RoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
        everyone_leading = [director, *area_heads, *department_heads, *led]
        result.leaders = [p.pk for p in everyone_leading]
        result.people = len(staff) + len(area_heads) + len(department_heads) + len(led)
        units = 1 + len(area_units) + len(department_units) + len(own_units)
        say(f"{result.people} people in {units} units")

        # Management groups: each department head with their leaders, 5-12 to a group;
        # each area head with the department heads; the director with the area heads.
        by_head: dict[int, list[Person]] = {}
        for p in led:
            by_head.setdefault(p.manager_id, []).append(p)
        teams: list[tuple[str, Person, Unit, list[Person]]] = [
            ("Direktionen", director, root, area_heads)
        ]
        for a, head in enumerate(area_heads):
            heads = department_heads[a * departments : (a + 1) * departments]
            for part, chunk in enumerate(_chunks(heads, rng)):
                teams.append(
                    (f"Ledergruppen i {head.unit.name} ({part + 1})", head, head.unit, chunk)
                )
        for head in department_heads:
            for part, chunk in enumerate(_chunks(by_head.get(head.pk, []), rng)):
                teams.append(
                    (f"Ledergruppen i {head.unit.name} ({part + 1})", head, head.unit, chunk)
                )
        groups = ManagementGroup.objects.bulk_create(
            ManagementGroup(organisation=organisation, name=title, unit=unit, leader=leader)
            for title, leader, unit, _members in teams
        )
        GroupMembership.objects.bulk_create(
            (
                GroupMembership(group=group, person_id=member.pk)
                for group, (_t, leader, _u, members) in zip(groups, teams, strict=True)
                for member in [leader, *members]
            ),
            batch_size=BATCH,
        )
        result.groups = len(groups)
        say(f"{len(groups)} management groups")

        _tool1(organisation, everyone_leading, rng, today)
        say("tool 1: agreements with oneself and dialogues")
    # Rounds close through the service (it computes and stores the map), outside the
    # big transaction so each group's round is one short transaction.
    result.rounds = _tool2(organisation, groups, teams, rng, today)
    say(f"tool 2: {result.rounds} rounds")
    _tool3(organisation, director, staff, everyone_leading, rng)
    say("tool 3: a plan that leaders are rating")
    return result


def _chunks(people: list[Person], rng: random.Random) -> list[list[Person]]:
    """Groups of 4-11 besides their leader (5-12 with them); a small rest joins the last."""
    chunks, start = [], 0
    while start < len(people):
        size = rng.randint(4, 11)
        chunk = people[start : start + size]
        if len(chunk) < 4 and chunks:
            chunks[-1].extend(chunk)
        else:
            chunks.append(chunk)
        start += size
    return chunks


def _tool1(organisation, leaders: list[Person], rng: random.Random, today) -> None:
    version = loader.CURRENT_VERSION
    with_agreement = [p for p in leaders if rng.random() < 0.6]
    agreements = SelfAgreement.objects.bulk_create(
        (
            SelfAgreement(
                organisation=organisation,
                owner=p,
                starts_on=today - timedelta(days=rng.randint(0, 300)),
                length=rng.choice(["half_year", "year"]),
                goals=rng.choice(GOALS),
                wellbeing=rng.choice(GOALS),
                method_version=version,
            )
            for p in with_agreement
        ),
        batch_size=BATCH,
    )
    items = SelfAgreementItem.objects.bulk_create(
        (
            SelfAgreementItem(
                agreement=agreement,
                owner_id=agreement.owner_id,
                text=text,
                cadence=rng.choice([Cadence.DAILY, Cadence.WEEKLY, Cadence.MONTHLY]),
                status=rng.choice([Status.OPEN, Status.OPEN, Status.DONE]),
                position=index,
            )
            for agreement in agreements
            for index, text in enumerate(rng.sample(SELF_AGREEMENTS, rng.randint(1, 2)))
        ),
        batch_size=BATCH,
    )
    # A history for each agreement: created, and for some a change of status.
    content_type = ContentType.objects.get_for_model(SelfAgreementItem)
    events = [
        FollowUpEvent(
            content_type=content_type,
            object_id=item.pk,
            kind=FollowUpEvent.Kind.CREATED,
            new=Status.OPEN,
            actor_id=item.owner_id,
        )
        for item in items
    ]
    events += [
        FollowUpEvent(
            content_type=content_type,
            object_id=item.pk,
            kind=FollowUpEvent.Kind.STATUS,
            old=Status.OPEN,
            new=Status.DONE,
            actor_id=item.owner_id,
        )
        for item in items
        if item.status == Status.DONE
    ]
    FollowUpEvent.objects.bulk_create(events, batch_size=BATCH)
    dialogues = Dialogue.objects.bulk_create(
        (
            Dialogue(
                organisation=organisation,
                leader=p,
                manager_id=p.manager_id,
                align=rng.choice(GOALS),
            )
            for p in leaders
            if p.manager_id and rng.random() < 0.5
        ),
        batch_size=BATCH,
    )
    Meeting.objects.bulk_create(
        (
            Meeting(dialogue=d, date=today - timedelta(days=rng.randint(1, 150)))
            for d in dialogues
            if rng.random() < 0.7
        ),
        batch_size=BATCH,
    )


def _new_round(group, leader, meeting_date) -> Round:
    return Round.objects.create(
        organisation_id=group.organisation_id,
        group=group,
        created_by=leader,
        method_version=loader.CURRENT_VERSION,
        anonymity_k=group.organisation.anonymity_k,
        meeting_date=meeting_date,
    )


def _tool2(organisation, groups, teams, rng: random.Random, today) -> int:
    statements = range(1, 21)
    rounds = 0
    for group, (_title, leader, _unit, members) in zip(groups, teams, strict=True):
        people = [leader, *members]

        closed = _new_round(group, leader, today - timedelta(days=rng.randint(60, 200)))
        open_round = (
            _new_round(group, leader, today + timedelta(days=rng.randint(5, 40)))
            if rng.random() < 0.35
            else None
        )
        now = timezone.now()
        for round_, share in ((closed, 1.0), (open_round, 0.5)):
            if round_ is None:
                continue
            participations = Participation.objects.bulk_create(
                Participation(
                    round=round_,
                    person=p,
                    confidentiality_accepted_at=now,
                    prepared_at=now if rng.random() < share else None,
                )
                for p in people
            )
            prepared = [p for p in participations if p.prepared_at]
            for p in prepared:
                p.set_answers(
                    {
                        s: Rated(importance=rng.choice((-1, 0, 1)), success=rng.choice((-1, 0, 1)))
                        for s in statements
                    },
                    rng.sample(statements, 2),
                )
            Participation.objects.bulk_update(prepared, ["answers"], batch_size=BATCH)
            rounds += 1
        group_services.preparation_close(round_=closed)
        Round.objects.filter(pk=closed.pk).update(status=RoundStatus.CLOSED)
    return rounds


def _tool3(organisation, director, staff, leaders: list[Person], rng: random.Random) -> None:
    plan = plan_services.plan_create(
        organisation=organisation,
        by=director,
        team=[staff[1], staff[3]],
        title="Plan for ledertrivsel",
        rating_mode=RatingMode.LEADERS,
    )
    plan.rating_opened_at = timezone.now()
    plan.save(update_fields=["rating_opened_at"])
    themes = list(plan.themes.all())
    # Every leader is a rater, fixed when the rating opened (plans.services); about a
    # third have answered.
    responses = []
    for person in leaders:
        response = PlanResponse(plan=plan, person=person)
        if rng.random() < 0.3:
            response.submitted_at = timezone.now()
            response.set_given(
                {
                    theme.pk: Rated(
                        importance=rng.choice((-1, 0, 1)), success=rng.choice((-1, 0, 1))
                    )
                    for theme in themes
                }
            )
        responses.append(response)
    PlanResponse.objects.bulk_create(responses, batch_size=BATCH)
