"""Fixed people for every test, as in the method: an organisation with HR, top
management, a MED representative, a leader of leaders (chef) with two leaders in their
management group, and an outsider in another organisation."""

import gc
import os
import pickle
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import Client, override_settings
from django.utils import translation

from organisations.models import ManagementGroup, Organisation, Person, Role, Unit
from prioritymap.model import Rated
from tests.client import SessionClient
from tests.factories import (
    ManagementGroupFactory,
    OrganisationFactory,
    PersonFactory,
    UnitFactory,
)

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Django's live server writes a response's headers and body apart. With Nagle's
# algorithm, each request then waits for the client's delayed ACK (some 40 ms): the
# SCIM checker's ~700 requests took 36 s instead of 5.
WSGIRequestHandler.disable_nagle_algorithm = True


# A test that asks for none of these cannot reach Django's database (pytest-django
# refuses it), so it gives the same answer on SQLite and on PostgreSQL.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "world",
        "_session_world",
    }
)


def _uses_the_database(item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(fixtures & DATABASE_FIXTURES) or item.get_closest_marker("django_db") is not None


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL run runs the tests that use the database; the others (the priority
    map's arithmetic, the worker process on its own SQLite file, the deploy checks) ran
    on SQLite already and cannot answer differently here. The SQLite run leaves out what
    only PostgreSQL can show (the upgrade of a deployment's database)."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        kept = [item for item in items if not item.get_closest_marker("postgres_only")]
    else:
        kept = [
            item
            for item in items
            if _uses_the_database(item) or item.get_closest_marker("postgres_only")
        ]
    keep = set(map(id, kept))
    config.hook.pytest_deselected(items=[item for item in items if id(item) not in keep])
    items[:] = kept


@pytest.fixture
def client() -> Client:
    return SessionClient()


@pytest.fixture(autouse=True)
def _danish():
    """Every test starts in Danish: a request in English leaves its language active in
    the thread, and the next test on that worker would otherwise read English."""
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@dataclass
class World:
    organisation: Organisation
    unit: Unit
    sub_unit: Unit
    hr: Person
    admin: Person
    top: Person
    med: Person
    chef: Person
    leader: Person
    colleague: Person
    group: ManagementGroup
    other_organisation: Organisation
    other_unit: Unit
    outsider: Person
    other_group: ManagementGroup
    # Tool 1: the leader's private things and their dialogue with chef.
    note: object = None
    agreement: object = None
    item: object = None
    dialogue: object = None
    meeting: object = None
    manager_agreement: object = None
    # Tool 2: a round of the group with the leader's private ratings.
    round: object = None
    theme: object = None
    group_agreement: object = None
    # Tool 3: an organisation-wide plan by top, hr and med, published once.
    escalation: object = None
    plan: object = None
    plan_theme: object = None
    own_theme: object = None
    offer: object = None
    version: object = None
    public_link: object = None
    feedback_request: object = None
    # Follow-up: the leader's calendar address.
    calendar_feed: object = None


@pytest.fixture(scope="session")
def _session_world(django_db_setup, django_db_blocker) -> dict:
    """The world is built once per test session and committed; each test runs inside a
    transaction that is rolled back, so every test starts from the same rows. It is kept
    pickled: unpickling makes each test's copy several times faster than a deep copy."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        world = build_world()
        return {"world": world, "pickled": pickle.dumps(world)}


@pytest.fixture
def world(_session_world, db, request) -> World:
    """A fresh copy of the shared world's objects for each test, so a test that changes an
    object in memory does not leak into the next (as Django's setUpTestData does)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    # A transactional test commits and ends by emptying the database, so the shared rows
    # may be gone; pytest-django runs these tests after all the others.
    if (
        transactional
        and not Organisation.objects.filter(pk=_session_world["world"].organisation.pk).exists()
    ):
        _session_world["world"] = build_world()
        _session_world["pickled"] = pickle.dumps(_session_world["world"])
    return pickle.loads(_session_world["pickled"])  # noqa: S301 - our own objects


def build_world() -> World:
    organisation = OrganisationFactory(name="Testkommune", slug="testkommune")
    unit = UnitFactory(organisation=organisation, name="Social og Sundhed")
    sub_unit = UnitFactory(organisation=organisation, name="Hjemmeplejen", parent=unit)
    top = PersonFactory(
        organisation=organisation,
        name="Topleder",
        email="top@test.example",
        roles=[Role.TOP_MANAGEMENT],
    )
    hr = PersonFactory(
        organisation=organisation, name="HR-konsulent", email="hr@test.example", roles=[Role.HR]
    )
    admin = PersonFactory(
        organisation=organisation,
        name="Administrator",
        email="admin@test.example",
        roles=[Role.ORG_ADMIN],
    )
    med = PersonFactory(
        organisation=organisation,
        name="MED-repræsentant",
        email="med@test.example",
        roles=[Role.COOPERATION],
    )
    chef = PersonFactory(
        organisation=organisation, name="Chef", email="chef@test.example", unit=unit, manager=top
    )
    leader = PersonFactory(
        organisation=organisation,
        name="Leder Et",
        email="leder@test.example",
        unit=sub_unit,
        manager=chef,
        roles=[Role.LEADER_OF_EMPLOYEES],
    )
    colleague = PersonFactory(
        organisation=organisation,
        name="Leder To",
        email="kollega@test.example",
        unit=sub_unit,
        manager=chef,
        roles=[Role.LEADER_OF_EMPLOYEES],
    )
    group = ManagementGroupFactory(
        organisation=organisation, name="Ledergruppen", unit=unit, leader=chef
    )
    group.members.add(chef, leader, colleague)

    other_organisation = OrganisationFactory(name="Anden Organisation", slug="anden")
    other_unit = UnitFactory(organisation=other_organisation, name="Fremmed enhed")
    outsider = PersonFactory(
        organisation=other_organisation,
        name="Udefra",
        email="udefra@other.example",
        unit=other_unit,
        roles=[Role.HR, Role.ORG_ADMIN, Role.LEADER_OF_EMPLOYEES],
    )
    other_group = ManagementGroupFactory(
        organisation=other_organisation, name="Fremmed gruppe", leader=outsider
    )
    world = World(
        organisation,
        unit,
        sub_unit,
        hr,
        admin,
        top,
        med,
        chef,
        leader,
        colleague,
        group,
        other_organisation,
        other_unit,
        outsider,
        other_group,
    )
    _add_tool1(world)
    _add_tool2(world)
    _add_tool3(world)
    from followup.models import CalendarFeed

    world.calendar_feed = CalendarFeed.objects.create(person=world.leader)
    return world


PRIVATE_NOTE = "Min private note om grænser"
PRIVATE_GOAL = "Mit private mål om sygefravær"
SHARED_POINT = "Punkt til dialogen: prioritering"


def _add_tool1(world: World) -> None:
    from datetime import date

    from dialogue import services
    from dialogue.models import ManagerAgreement, Meeting

    world.note = services.interview_note_for(owner=world.leader, key="2.2")
    world.note.text = PRIVATE_NOTE
    world.note.save()
    world.agreement = services.self_agreement_start(
        owner=world.leader, starts_on=date(2026, 7, 1), length="half_year"
    )
    world.agreement.goals = PRIVATE_GOAL
    world.agreement.save()
    world.item = services.item_add(
        agreement=world.agreement, text="Mails tre gange om dagen", cadence="daily"
    )
    world.dialogue = services.dialogue_begin(leader=world.leader)
    world.dialogue.points = SHARED_POINT
    world.dialogue.save()
    services.dialogue_share(dialogue=world.dialogue, sources=["dialogue.points"])
    world.meeting = Meeting.objects.create(
        dialogue=world.dialogue, date=date(2026, 11, 1), created_by=world.chef
    )
    world.manager_agreement = ManagerAgreement.objects.create(
        dialogue=world.dialogue,
        text="Vi mødes hver 14. dag",
        cadence="every_n_weeks",
        created_by=world.chef,
    )


@pytest.fixture
def login(client):
    """Logs the test client in as a person and returns the client."""

    def log_in(person):
        client.force_login(person)
        return client

    return log_in


def _add_tool2(world: World) -> None:
    from datetime import date

    from groups import services
    from groups.models import Participation

    world.round = services.round_start(
        group=world.group, by=world.chef, meeting_date=date(2026, 12, 10)
    )
    # The world's members have agreed that the round is a confidential room.
    for member in Participation.objects.filter(round=world.round):
        services.confidentiality_accept(participation=member)
    participation = Participation.objects.get(round=world.round, person=world.leader)
    services.preparation_save(
        participation=participation,
        ratings={1: Rated(importance=1, success=-1), 2: Rated(importance=1, success=1)},
        picks=[1, 2],
        notes="Privat forberedelse",
    )
    world.theme = services.focus_theme_add(round_=world.round, statement=2, title="")
    world.group_agreement = services.group_agreement_add(
        round_=world.round, text="Dagsorden før mødet"
    )


PRIVATE_PLAN_RATING = {"importance": -1, "success": 1}


def _add_tool3(world: World) -> None:
    from groups import services as group_services
    from plans import selectors, services
    from plans.models import ActionCard, RatingMode

    world.escalation = group_services.escalation_add(
        round_=world.round, title="For mange samtidige projekter", description="Vi kan ikke nå det."
    )
    world.plan = services.plan_create(
        organisation=world.organisation,
        by=world.top,
        team=[world.hr, world.med],
        title="Plan for ledertrivsel 2027",
        unit=None,
        rating_mode=RatingMode.LEADERS,
        anonymity_k=5,
    )
    world.own_theme = services.own_theme_add(
        plan=world.plan, title="Lederes arbejdstid", source="lederAPV 2026"
    )
    services.plan_rating_open(plan=world.plan)
    response = services.response_get_or_create(plan=world.plan, person=world.leader)
    themes = list(world.plan.themes.order_by("position"))
    services.response_save(
        response=response,
        ratings={themes[0].pk: Rated(**PRIVATE_PLAN_RATING)},
    )
    services.plan_choose(plan=world.plan, theme_ids=[themes[4].pk, themes[8].pk, themes[10].pk])
    world.plan_theme = themes[4]
    world.offer = services.offer_add(
        organisation=world.organisation, name="Mentorordning", description="For nye ledere"
    )
    for theme in selectors.chosen_themes(plan=world.plan):
        ActionCard.objects.create(theme=theme, goal="Et mål", responsible="Nærmeste leder")
    world.version = services.plan_publish(plan=world.plan, by=world.top)
    world.public_link = services.public_link_create(plan=world.plan, by=world.top)
    world.feedback_request = world.version.feedback.get(group=world.group)


def pytest_configure(config):
    # The suite makes objects by the million and leaks no cycles worth collecting
    # early: fewer garbage-collector passes (memory is not short on a test machine).
    gc.set_threshold(50_000, 20, 100)


def pytest_collection_finish(session):
    """What is loaded by now lives as long as the run: keeping it out of the garbage
    collector's passes makes each of them cheaper."""
    gc.collect()
    gc.freeze()
