"""The demo: a fictional municipality and a fictional financial company.

One coherent story, in Danish. Later tools add their content to the same people.
Loading is idempotent: it finds people by e-mail, units and groups by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from organisations.models import (
    ManagementGroup,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    Sector,
    Unit,
)

DEMO_PASSWORD = "demo-ledertrivsel"  # noqa: S105 - published in the README on purpose (demo accounts)


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    title: str
    unit: str
    manager: str | None
    roles: tuple[str, ...]


KOMMUNE_UNITS = {
    # name: parent
    "Direktionen": None,
    "HR og Personale": "Direktionen",
    "Social og Sundhed": "Direktionen",
    "Hjemmeplejen Nord": "Social og Sundhed",
    "Hjemmeplejen Syd": "Social og Sundhed",
    "Plejecenter Egebo": "Social og Sundhed",
    "Plejecenter Lindely": "Social og Sundhed",
    "Sygeplejen": "Social og Sundhed",
    "Træning og Rehabilitering": "Social og Sundhed",
    "Børn og Unge": "Direktionen",
    "Dagtilbud Øst": "Børn og Unge",
    "Dagtilbud Vest": "Børn og Unge",
    "Sundhedsplejen": "Børn og Unge",
    "PPR": "Børn og Unge",
}

L = Role.LEADER_OF_EMPLOYEES
KOMMUNE_PEOPLE = [
    DemoPerson(
        "direktion@demo.example",
        "Birgitte Holm",
        "Kommunaldirektør",
        "Direktionen",
        None,
        (Role.TOP_MANAGEMENT,),
    ),
    DemoPerson(
        "hr@demo.example",
        "Mette Lund",
        "HR-chef",
        "HR og Personale",
        "direktion@demo.example",
        (Role.HR, Role.ORG_ADMIN),
    ),
    DemoPerson(
        "med@demo.example",
        "Jens Ravn",
        "Social- og sundhedsassistent, FTR og MED-næstformand",
        "Hjemmeplejen Nord",
        "leder1@demo.example",
        (Role.COOPERATION,),
    ),
    DemoPerson(
        "chef@demo.example",
        "Lars Kjær",
        "Direktør for Social og Sundhed",
        "Social og Sundhed",
        "direktion@demo.example",
        (),
    ),
    DemoPerson(
        "leder1@demo.example",
        "Anne Sørensen",
        "Leder af Hjemmeplejen Nord",
        "Hjemmeplejen Nord",
        "chef@demo.example",
        (L,),
    ),
    DemoPerson(
        "leder2@demo.example",
        "Mads Nielsen",
        "Leder af Hjemmeplejen Syd",
        "Hjemmeplejen Syd",
        "chef@demo.example",
        (L,),
    ),
    DemoPerson(
        "leder3@demo.example",
        "Fatima Hassan",
        "Forstander, Plejecenter Egebo",
        "Plejecenter Egebo",
        "chef@demo.example",
        (L,),
    ),
    DemoPerson(
        "leder4@demo.example",
        "Peter Jensen",
        "Forstander, Plejecenter Lindely",
        "Plejecenter Lindely",
        "chef@demo.example",
        (L,),
    ),
    DemoPerson(
        "leder5@demo.example",
        "Sofie Andersen",
        "Leder af Sygeplejen",
        "Sygeplejen",
        "chef@demo.example",
        (L,),
    ),
    DemoPerson(
        "leder6@demo.example",
        "Karim Larsen",
        "Leder af Træning og Rehabilitering",
        "Træning og Rehabilitering",
        "chef@demo.example",
        (L,),
    ),
    DemoPerson(
        "koordinator@demo.example",
        "Line Mortensen",
        "Teamkoordinator",
        "Hjemmeplejen Nord",
        "leder1@demo.example",
        (Role.INFORMAL_LEADER,),
    ),
    DemoPerson(
        "boernechef@demo.example",
        "Henrik Dahl",
        "Direktør for Børn og Unge",
        "Børn og Unge",
        "direktion@demo.example",
        (),
    ),
    DemoPerson(
        "leder7@demo.example",
        "Camilla Berg",
        "Dagtilbudsleder, Dagtilbud Øst",
        "Dagtilbud Øst",
        "boernechef@demo.example",
        (L,),
    ),
    DemoPerson(
        "leder8@demo.example",
        "Ole Madsen",
        "Dagtilbudsleder, Dagtilbud Vest",
        "Dagtilbud Vest",
        "boernechef@demo.example",
        (L,),
    ),
    DemoPerson(
        "leder9@demo.example",
        "Nadia Petersen",
        "Leder af Sundhedsplejen",
        "Sundhedsplejen",
        "boernechef@demo.example",
        (L,),
    ),
    DemoPerson(
        "leder10@demo.example",
        "Rasmus Friis",
        "Leder af PPR",
        "PPR",
        "boernechef@demo.example",
        (L,),
    ),
]

KOMMUNE_GROUPS = {
    "Ledergruppen i Social og Sundhed": (
        "Social og Sundhed",
        "chef@demo.example",
        [f"leder{n}@demo.example" for n in range(1, 7)],
    ),
    "Ledergruppen i Børn og Unge": (
        "Børn og Unge",
        "boernechef@demo.example",
        [f"leder{n}@demo.example" for n in range(7, 11)],
    ),
    "Direktionen": (
        "Direktionen",
        "direktion@demo.example",
        ["chef@demo.example", "boernechef@demo.example", "hr@demo.example"],
    ),
}

FINANS_UNITS = {
    "Direktionen": None,
    "HR": "Direktionen",
    "Privatkunder": "Direktionen",
    "Erhverv": "Direktionen",
}
FINANS_PEOPLE = [
    DemoPerson(
        "direktion@finans.example",
        "Thomas Vinther",
        "Adm. direktør",
        "Direktionen",
        None,
        (Role.TOP_MANAGEMENT,),
    ),
    DemoPerson(
        "hr@finans.example",
        "Louise Krogh",
        "HR-partner",
        "HR",
        "direktion@finans.example",
        (Role.HR, Role.ORG_ADMIN),
    ),
    DemoPerson(
        "su@finans.example",
        "Sara Nørgaard",
        "Rådgiver, tillidsrepræsentant og SU-medlem",
        "Privatkunder",
        "privatchef@finans.example",
        (Role.COOPERATION,),
    ),
    DemoPerson(
        "privatchef@finans.example",
        "Anders Bach",
        "Privatkundedirektør",
        "Privatkunder",
        "direktion@finans.example",
        (),
    ),
    DemoPerson(
        "leder1@finans.example",
        "Julie Winther",
        "Filialchef, Aarhus C",
        "Privatkunder",
        "privatchef@finans.example",
        (L,),
    ),
    DemoPerson(
        "leder2@finans.example",
        "Simon Kofoed",
        "Filialchef, Viby",
        "Privatkunder",
        "privatchef@finans.example",
        (L,),
    ),
    DemoPerson(
        "leder3@finans.example",
        "Maria Skov",
        "Teamleder, Erhverv",
        "Erhverv",
        "privatchef@finans.example",
        (L,),
    ),
]
FINANS_GROUPS = {
    "Ledergruppen i Privatkunder": (
        "Privatkunder",
        "privatchef@finans.example",
        ["leder1@finans.example", "leder2@finans.example", "leder3@finans.example"],
    ),
}


def _load_organisation(name, slug, sector, units, people, groups) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug=slug, defaults={"name": name, "sector": sector}
    )
    unit_objects: dict[str, Unit] = {}
    for unit_name, parent_name in units.items():
        parent = unit_objects.get(parent_name) if parent_name else None
        unit_objects[unit_name], _ = Unit.objects.get_or_create(
            organisation=organisation, name=unit_name, parent=parent
        )
    by_email: dict[str, Person] = {}
    for spec in people:
        person = Person.objects.filter(email=spec.email).first()
        if person is None:
            person = Person.objects.create_user(
                spec.email,
                DEMO_PASSWORD,
                organisation=organisation,
                name=spec.name,
                title=spec.title,
                unit=unit_objects[spec.unit],
                # The demo's people stand for an organisation's HR file.
                vouched_at=timezone.now(),
                vouched_via="import",
            )
        by_email[spec.email] = person
    for spec in people:
        person = by_email[spec.email]
        manager = by_email.get(spec.manager) if spec.manager else None
        if person.manager_id != (manager.pk if manager else None):
            person.manager = manager
            person.save(update_fields=["manager"])
        # Demo data, written as it is: the demo's people already have their roles.
        person.role_assignments.exclude(role__in=spec.roles).delete()
        for role in spec.roles:
            RoleAssignment.objects.get_or_create(person=person, role=role)
    for group_name, (unit_name, leader_email, member_emails) in groups.items():
        group, _ = ManagementGroup.objects.get_or_create(
            organisation=organisation,
            name=group_name,
            defaults={"unit": unit_objects[unit_name], "leader": by_email[leader_email]},
        )
        group.members.add(by_email[leader_email], *(by_email[e] for e in member_emails))
    return organisation


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """Creates or completes the demo. Returns (e-mail, description) of the demo logins."""
    _load_organisation(
        "Demo Kommune", "demo-kommune", Sector.PUBLIC, KOMMUNE_UNITS, KOMMUNE_PEOPLE, KOMMUNE_GROUPS
    )
    _load_organisation(
        "Demo Finans", "demo-finans", Sector.FINANCIAL, FINANS_UNITS, FINANS_PEOPLE, FINANS_GROUPS
    )
    return [(p.email, f"{p.name}, {p.title}") for p in [*KOMMUNE_PEOPLE, *FINANS_PEOPLE]]
