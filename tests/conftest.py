"""Fixed people for every test, as in the method: an organisation with HR, top
management, a MED representative, a leader of leaders (chef) with two leaders in their
management group, and an outsider in another organisation."""

from dataclasses import dataclass

import pytest

from organisations.models import ManagementGroup, Organisation, Person, Role, Unit
from tests.factories import (
    ManagementGroupFactory,
    OrganisationFactory,
    PersonFactory,
    UnitFactory,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def world(db) -> World:
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
    return World(
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


@pytest.fixture
def login(client):
    """Logs the test client in as a person and returns the client."""

    def log_in(person):
        client.force_login(person)
        return client

    return log_in
