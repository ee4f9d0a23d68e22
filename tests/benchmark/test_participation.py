"""Taking part in the benchmark is the organisation's choice: its administrator and a
MED/SU representative both confirm, either withdraws, and everything is audited."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent, Kind
from benchmark import services
from benchmark.models import Participation

URL = reverse("benchmark:participation")
CHOICE = {"action": "admin", "sector": "kommune", "size_band": "50_199"}


def test_nothing_is_shared_by_default(world, login):
    page = login(world.admin).get(URL).content.decode()
    assert "Organisationen deltager ikke" in page
    assert not Participation.objects.exists()


def test_the_administrator_alone_does_not_make_the_organisation_take_part(world, login):
    response = login(world.admin).post(URL, CHOICE)
    assert response.status_code == 302
    participation = Participation.objects.get(organisation=world.organisation)
    assert participation.sector == "kommune" and participation.admin_confirmed_by == world.admin
    assert not participation.taking_part
    page = login(world.med).get(URL).content.decode()
    assert "Bekræft som MED/SU-repræsentant" in page


def test_with_the_representatives_confirmation_it_takes_part_and_both_are_audited(world, login):
    login(world.admin).post(URL, CHOICE)
    login(world.med).post(URL, {"action": "representative"})
    participation = Participation.objects.get(organisation=world.organisation)
    assert participation.taking_part
    events = AuditEvent.objects.filter(kind=Kind.BENCHMARK_JOINED).order_by("at")
    assert [e.actor for e in events] == [world.admin, world.med]
    assert events.last().detail["taking_part"] is True


def test_the_representative_cannot_start_it_alone(world, login):
    response = login(world.med).post(URL, {"action": "representative"})
    assert response.status_code == 400
    assert "Administratoren vælger først" in response.content.decode()
    assert not Participation.objects.exists()


def test_a_changed_choice_needs_the_representative_again(world):
    services.participation_confirm(
        person=world.admin, as_admin=True, sector="kommune", size_band="50_199"
    )
    services.participation_confirm(person=world.med, as_admin=False)
    changed = services.participation_confirm(
        person=world.admin, as_admin=True, sector="region", size_band="50_199"
    )
    assert not changed.taking_part


@pytest.mark.parametrize("who", ["admin", "med"])
def test_either_may_withdraw(world, login, who):
    login(world.admin).post(URL, CHOICE)
    login(world.med).post(URL, {"action": "representative"})
    login(getattr(world, who)).post(URL, {"action": "withdraw"})
    participation = Participation.objects.get(organisation=world.organisation)
    assert not participation.taking_part and participation.withdrawn_at is not None
    assert AuditEvent.objects.filter(
        kind=Kind.BENCHMARK_WITHDRAWN, actor=getattr(world, who)
    ).exists()


def test_a_wrong_sector_is_said_in_danish(world, login):
    response = login(world.admin).post(URL, {**CHOICE, "sector": "mars"})
    assert response.status_code == 400
    assert "Marker en gyldig valgmulighed" in response.content.decode()


@pytest.mark.parametrize("who", ["leader", "chef", "hr", "top"])
def test_no_one_else_decides(world, login, who):
    assert login(getattr(world, who)).get(URL).status_code == 403
    assert login(getattr(world, who)).post(URL, CHOICE).status_code == 403
    assert not Participation.objects.exists()


def test_each_confirms_only_in_their_own_role(world, login):
    assert login(world.med).post(URL, CHOICE).status_code == 403
    login(world.admin).post(URL, CHOICE)
    assert login(world.admin).post(URL, {"action": "representative"}).status_code == 403
    assert not Participation.objects.get(organisation=world.organisation).taking_part
