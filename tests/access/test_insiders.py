"""The confidential room against people with power in the organisation or the platform.

Each test is one path an insider could take into a leader's private text (issue 11).
It fails if the path opens again.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent, Kind
from followup.models import OutgoingMail
from organisations.models import Person, Role
from tests.factories import TEST_PASSWORD, PersonFactory, plan_open_to_raters

HR_ADDRESS = "hr.privat@test.example"


def _mails_to(address: str, key: str = "email-chang") -> list[OutgoingMail]:
    return list(OutgoingMail.objects.filter(to=address, key__startswith=key))


def _sent_to(address: str):
    """The confirmation mail as it went out (the queue keeps no body once sent)."""
    (sent,) = [m for m in mail.outbox if m.to == [address] and "Bekræft" in m.subject]
    return sent


def _edit_email(client, person: Person, email: str):
    return client.post(
        reverse("organisations:person_edit", args=[person.pk]),
        {
            "name": person.name,
            "email": email,
            "title": person.title,
            "unit": person.unit_id or "",
            "manager": person.manager.email if person.manager else "",
            "is_active": "on",
            "roles": sorted(person.assigned_roles),
        },
    )


def test_path_1_hr_cannot_move_a_leaders_login_to_an_address_hr_controls(world, login):
    leader = world.leader
    assert leader.has_signed_in
    hr = login(world.hr)

    response = _edit_email(hr, leader, HR_ADDRESS)
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.email == "leder@test.example"
    assert leader.pending_email == HR_ADDRESS
    # The request goes to the address the leader has now; the new one is told nothing.
    assert len(_mails_to("leder@test.example")) == 1 and not _mails_to(HR_ADDRESS)
    request_mail = _sent_to("leder@test.example")

    sent = len(mail.outbox)
    # An invitation (a set-password link) is never sent to someone with a password...
    hr.post(reverse("organisations:person_invite", args=[leader.pk]))
    assert len(mail.outbox) == sent
    # ...and "Glemt adgangskode" for the new address finds no account.
    hr.logout()
    hr.post(reverse("password_reset"), {"email": HR_ADDRESS})
    assert len(mail.outbox) == sent
    assert not [m for m in mail.outbox if HR_ADDRESS in m.to]

    # HR cannot confirm the change with the link either: it works only for the leader.
    token = re.search(r"/konto/ny-email/([^/]+)/", request_mail.body).group(1)
    hr = login(world.hr)
    hr.post(reverse("email_change_confirm", args=[token]))
    leader.refresh_from_db()
    assert leader.email == "leder@test.example"

    kinds = list(AuditEvent.objects.filter(subject=leader).values_list("kind", "actor__email"))
    assert (Kind.EMAIL_CHANGE_REQUESTED, world.hr.email) in kinds


def test_the_leader_confirms_a_new_address_and_both_addresses_hear_of_it(world, login):
    leader = world.leader
    _edit_email(login(world.hr), leader, "leder.ny@test.example")
    request_mail = _sent_to("leder@test.example")
    token = re.search(r"/konto/ny-email/([^/]+)/", request_mail.body).group(1)

    client = login(leader)
    page = client.get(reverse("email_change_confirm", args=[token]))
    assert "leder.ny@test.example" in page.content.decode()
    leader.refresh_from_db()
    assert leader.email == "leder@test.example", "looking at the link changes nothing"
    client.post(reverse("email_change_confirm", args=[token]))
    leader.refresh_from_db()
    assert (leader.email, leader.pending_email) == ("leder.ny@test.example", "")
    assert _mails_to("leder.ny@test.example") and len(_mails_to("leder@test.example")) == 2
    # The link cannot be used a second time.
    client.post(reverse("email_change_confirm", args=[token]))
    assert AuditEvent.objects.filter(subject=leader, kind=Kind.EMAIL_CHANGED).count() == 1
    security = client.get(reverse("security")).content.decode()
    assert "E-mailadresse skiftet efter bekræftelse" in security and world.hr.name in security


def test_hr_corrects_the_address_of_someone_who_never_signed_in(world, login):
    newcomer = PersonFactory(organisation=world.organisation, email="tastefejl@test.example")
    newcomer.set_unusable_password()
    newcomer.save()
    _edit_email(login(world.hr), newcomer, "rettet@test.example")
    newcomer.refresh_from_db()
    assert newcomer.email == "rettet@test.example"
    assert AuditEvent.objects.filter(subject=newcomer, kind=Kind.EMAIL_CORRECTED).exists()


def test_path_2_an_operator_cannot_change_a_persons_address_in_drift(world, client):
    from tests.operators import signed_in_operator

    operator = signed_in_operator(client)
    url = reverse("admin:organisations_person_change", args=[world.leader.pk])
    form = client.get(url).content.decode()
    assert 'name="email"' not in form
    response = client.post(
        url,
        {
            "organisation": world.organisation.pk,
            "name": "Omdøbt af driften",
            "email": HR_ADDRESS,
            "title": "",
            "language": "da",
            "is_active": "on",
            "roles": sorted(world.leader.assigned_roles),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    world.leader.refresh_from_db()
    assert world.leader.email == "leder@test.example"
    assert world.leader.name == "Omdøbt af driften"
    event = AuditEvent.objects.get(kind=Kind.PERSON_CHANGED, subject=world.leader)
    assert event.actor == operator and event.detail == {"fields": ["name"], "source": "operator"}


def test_a_new_password_is_logged_and_told_to_the_person(world, client):
    client.force_login(world.leader)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Trivsel-og-resultater-7",
            "new_password2": "Trivsel-og-resultater-7",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert AuditEvent.objects.filter(subject=world.leader, kind=Kind.PASSWORD_CHANGED).exists()
    assert _mails_to(world.leader.email, key="password-changed")


def test_the_organisations_log_shows_who_did_what_and_no_content(world, login):
    hr = login(world.hr)
    hr.get(_edit_email(hr, world.leader, HR_ADDRESS)["Location"])  # shows the flash message
    page = login(world.top).get(reverse("organisations:events")).content.decode()
    assert "Ny e-mailadresse venter på bekræftelse" in page
    assert world.leader.name in page and world.hr.name in page
    assert HR_ADDRESS not in page


def test_logins_and_failed_logins_are_in_the_persons_log(world, client):
    client.post(reverse("login"), {"username": world.leader.email, "password": "forkert"})
    client.post(reverse("login"), {"username": "findes.ikke@test.example", "password": "x"})
    client.post(reverse("login"), {"username": world.leader.email, "password": TEST_PASSWORD})
    kinds = list(AuditEvent.objects.filter(subject=world.leader).values_list("kind", flat=True))
    assert Kind.LOGIN in kinds and Kind.LOGIN_FAILED in kinds
    # What someone typed for an account that does not exist is not kept anywhere.
    assert not AuditEvent.objects.filter(detail__icontains="findes.ikke").exists()


# --- Path 3: HR joins a group to open its room ------------------------------------


def _prepare(round_, person):
    from groups import services
    from groups.models import Participation
    from prioritymap.model import Rated

    participation = Participation.objects.get(round=round_, person=person)
    services.confidentiality_accept(participation=participation)
    services.preparation_save(
        participation=participation,
        ratings={n: Rated(importance=1, success=-1) for n in range(1, 21)},
        picks=[1, 2],
        notes="",
    )
    services.preparation_complete(participation=participation)


def _group_form(group, *, leader, members):
    return {
        "name": group.name,
        "unit": group.unit_id or "",
        "leader": leader.email,
        "members": [m.pk for m in members if m in group.members.all()],
        "add_members": "\n".join(m.email for m in members if m not in group.members.all()),
    }


def test_path_3_someone_who_joins_a_group_sees_none_of_its_earlier_rounds(world, login):
    for person in (world.leader, world.colleague, world.chef):
        _prepare(world.round, person)
    hr = login(world.hr)
    members = list(world.group.members.all())
    # HR makes themselves a member, then the group's leader.
    hr.post(
        reverse("organisations:group_edit", args=[world.group.pk]),
        _group_form(world.group, leader=world.chef, members=[*members, world.hr]),
    )
    hr.post(
        reverse("organisations:group_edit", args=[world.group.pk]),
        _group_form(world.group, leader=world.hr, members=[*members, world.hr]),
    )
    world.group.refresh_from_db()
    assert world.group.leader == world.hr and world.group.members.filter(pk=world.hr.pk).exists()
    for name in ("round_detail", "round_map", "round_meeting", "round_summary", "round_screen"):
        response = hr.get(reverse(f"groups:{name}", args=[world.round.pk]))
        assert response.status_code == 403, name
    group_page = hr.get(reverse("groups:group_detail", args=[world.group.pk])).content.decode()
    assert reverse("groups:round_detail", args=[world.round.pk]) not in group_page
    assert "<svg" not in group_page
    # Everyone in the group was told, and the log says who did it.
    from audit.models import AuditEvent, Kind

    assert AuditEvent.objects.filter(kind=Kind.GROUP_CHANGED, actor=world.hr).count() == 2
    told = set(
        OutgoingMail.objects.filter(key__startswith="group-changed:").values_list("to", flat=True)
    )
    assert {world.chef.email, world.leader.email, world.colleague.email} <= told


# --- Path 8: k cannot be lowered after the fact ---------------------------------------


def test_path_8_lowering_the_organisations_k_does_not_open_a_running_round(world, login):
    world.organisation.anonymity_k = 4
    world.organisation.save()
    from groups import services

    round_ = services.round_start(
        group=world.group, by=world.chef, meeting_date=world.round.meeting_date
    )
    assert round_.anonymity_k == 4
    for person in (world.leader, world.colleague, world.chef):
        _prepare(round_, person)
    hr = login(world.hr)
    hr.post(
        reverse("organisations:settings"),
        {"name": world.organisation.name, "sector": world.organisation.sector, "anonymity_k": 3},
    )
    world.organisation.refresh_from_db()
    assert world.organisation.anonymity_k == 3
    page = login(world.leader).get(reverse("groups:round_map", args=[round_.pk])).content.decode()
    assert "<svg" not in page and "mindst 4 har forberedt sig" in page
    assert AuditEvent.objects.filter(kind=Kind.K_CHANGED, actor=world.hr).exists()


def test_path_8_a_plan_cannot_be_made_with_a_k_below_the_organisations(world, login):
    from plans.models import Plan

    world.organisation.anonymity_k = 6
    world.organisation.save()
    response = login(world.hr).post(
        reverse("plans:create"),
        {"title": "Lav k", "unit": "", "rating_mode": "leaders", "anonymity_k": "5"},
    )
    assert response.status_code == 400
    assert not Plan.objects.filter(title="Lav k").exists()


# --- Paths 4-6: no map while people answer; k counts complete answers -----------------


def test_path_4_the_group_leader_never_sees_the_map_change_as_members_prepare(world, login):
    from groups import services

    leader_view = login(world.chef)
    url = reverse("groups:round_map", args=[world.round.pk])
    for person in (world.leader, world.colleague, world.chef):
        _prepare(world.round, person)
        page = leader_view.get(url).content.decode()
        assert "<svg" not in page and "Gruppens kort bliver lavet én gang" in page
    leader_view.post(
        reverse("groups:round_meeting_control", args=[world.round.pk]),
        {"action": "start", "point": "1"},
    )
    closed = leader_view.get(url).content.decode()
    assert "<svg" in closed
    # Nobody can answer after the map is made, so it can never be read twice differently.
    with pytest.raises(services.PreparationError):
        _prepare(world.round, world.leader)
    assert leader_view.get(url).content.decode().count("<circle") == closed.count("<circle")
    response = leader_view.post(
        reverse("groups:round_status", args=[world.round.pk]), {"status": "preparation"}
    )
    world.round.refresh_from_db()
    assert world.round.status != "preparation" and response.status_code == 302


def test_path_6_an_emptied_preparation_does_not_count_towards_k(world, login):
    from groups import services
    from groups.models import Participation
    from prioritymap.model import Rated

    _prepare(world.round, world.leader)
    _prepare(world.round, world.colleague)
    _prepare(world.round, world.chef)
    chef = Participation.objects.get(round=world.round, person=world.chef)
    services.preparation_save(
        participation=chef,
        ratings={n: Rated(importance=None, success=None) for n in range(1, 21)},
        picks=[],
        notes="",
    )
    chef.refresh_from_db()
    assert chef.prepared_at is None
    services.preparation_close(round_=world.round)
    page = login(world.colleague).get(reverse("groups:round_map", args=[world.round.pk]))
    assert "<svg" not in page.content.decode()
    assert "kun 2 havde forberedt sig helt" in page.content.decode()


def test_path_5_the_plan_team_never_sees_the_leaders_map_change(world, login):
    from plans import services
    from plans.models import PlanResponse
    from prioritymap.model import Rated

    plan, extra = plan_open_to_raters(world, 6, prefix="p")
    team = login(world.hr)
    url = reverse("plans:prioritise", args=[plan.pk])
    for person in extra:
        response = services.response_get_or_create(plan=plan, person=person)
        services.response_save(
            response=response,
            ratings={t.pk: Rated(importance=1, success=-1) for t in plan.themes.all()},
        )
        services.response_submit(response=response)
        assert "<svg" not in team.get(url).content.decode()
    # Path 6 for tool 3: a submitted answer emptied afterwards does not count.
    emptied = PlanResponse.objects.get(plan=plan, person=extra[0])
    PlanResponse.objects.filter(pk=emptied.pk).update(answers="")
    team.post(reverse("plans:rating_close", args=[plan.pk]))
    page = team.get(url).content.decode()
    assert "<svg" in page and "Kortet bygger på 5 lederes svar." in page
    late = services.response_get_or_create(plan=plan, person=world.chef)
    with pytest.raises(services.PlanError):
        services.response_save(response=late, ratings={})


# --- Path 7: differencing on the status page ------------------------------------------


def test_path_7_deactivating_one_leader_does_not_move_todays_status(world, login):
    from datetime import timedelta

    from django.utils import timezone

    from core.status import snapshot_take

    for n in range(8):
        PersonFactory(
            organisation=world.organisation,
            email=f"s{n}@test.example",
            manager=world.chef,
            roles=["leader_of_employees"],
        )
    hr = login(world.hr)
    assert (
        "Tallene bliver beregnet én gang i døgnet"
        in hr.get(reverse("organisation_status")).content.decode()
    )

    def figures() -> str:
        page = hr.get(reverse("organisation_status")).content.decode()
        return page[page.index("<table") : page.index("</table>")]

    snapshot_take(organisation=world.organisation)
    before = figures()
    assert "af 12" in before
    world.leader.is_active = False
    world.leader.save()
    snapshot_take(organisation=world.organisation)  # the worker runs again the same day
    assert figures() == before
    world.leader.is_active = True
    world.leader.save()
    # The next day's figures are the real ones again, and the change in between is gone.
    assert snapshot_take(organisation=world.organisation, today=timezone.localdate() + timedelta(1))


def test_across_days_one_persons_change_never_moves_a_figure(world, login):
    """Issue 22, path 5: between two daily snapshots, deactivating one leader (who has a
    current agreement with herself and a recent dialogue) or moving her to another unit
    moves no figure, on the page or through the API's figures; changes of k or more
    people do."""
    from datetime import timedelta

    from django.utils import timezone

    from core.models import StatusSnapshot
    from core.status import STATUS_K, snapshot_take
    from dialogue.models import Meeting

    for n in range(8):
        PersonFactory(
            organisation=world.organisation,
            email=f"d{n}@test.example",
            manager=world.chef,
            unit=world.sub_unit,
            roles=["leader_of_employees"],
        )
    Meeting.objects.filter(pk=world.meeting.pk).update(date=timezone.localdate())
    day = timezone.localdate()

    def stored(on) -> dict:
        return StatusSnapshot.objects.get(organisation=world.organisation, day=on).figures

    snapshot_take(organisation=world.organisation, today=day)
    first = stored(day)
    world.leader.is_active = False
    world.leader.save()
    snapshot_take(organisation=world.organisation, today=day + timedelta(1))
    assert stored(day + timedelta(1)) == first
    world.leader.is_active = True
    # Moved from Hjemmeplejen up to Social og Sundhed: another row of the table.
    assert world.leader.unit == world.sub_unit
    world.leader.unit = world.unit
    world.leader.save()
    snapshot_take(organisation=world.organisation, today=day + timedelta(2))
    assert stored(day + timedelta(2)) == first
    # k new leaders in one go: published.
    for n in range(STATUS_K):
        PersonFactory(
            organisation=world.organisation,
            email=f"ny{n}@test.example",
            unit=world.sub_unit,
            roles=["leader_of_employees"],
        )
    snapshot_take(organisation=world.organisation, today=day + timedelta(3))
    moved = stored(day + timedelta(3))
    assert moved["total"]["agreement"]["population"] == (
        first["total"]["agreement"]["population"] + STATUS_K
    )
    # The totals are the sums of the rows published: nothing held can be subtracted out.
    for attribute in ("agreement", "dialogue", "rounds"):
        for key in ("value", "population"):
            assert moved["total"][attribute][key] == sum(
                row[attribute][key] for row in moved["rows"]
            )


def test_path_7_people_added_after_the_rating_opened_neither_rate_nor_count(world, login):
    """Issue 22, path 7: a plan's raters are fixed when its rating opens, as a round's
    members are when it starts. HR cannot make up people (or move leaders in) afterwards
    to reach k around one real answer."""
    from plans import selectors, services
    from plans.services import PlanError

    plan, raters = plan_open_to_raters(world, 1, prefix="ægte", anonymity_k=3)
    made_up = [
        PersonFactory(
            organisation=world.organisation,
            email=f"opdigtet{n}@test.example",
            roles=[Role.LEADER_OF_EMPLOYEES],
        )
        for n in range(2)
    ]
    for person in made_up:
        assert plan not in selectors.ratings_waiting(person=person)
        assert login(person).get(reverse("plans:rate", args=[plan.pk])).status_code == 403
        with pytest.raises(PlanError):
            services.response_get_or_create(plan=plan, person=person)
    assert plan in selectors.ratings_waiting(person=raters[0])
    assert login(raters[0]).get(reverse("plans:rate", args=[plan.pk])).status_code == 200


def test_plans_open_before_have_their_raters_fixed_by_the_migration(world):
    from importlib import import_module

    from django.apps import apps

    from plans import scope
    from plans.models import PlanResponse

    plan = world.plan
    assert plan.rating_closed_at is None
    PlanResponse.objects.filter(plan=plan).exclude(person=world.leader).delete()
    migration = import_module("plans.migrations.0007_raters_fixed_when_rating_opens")
    migration.fix_raters_of_open_plans(apps, None)
    in_scope = set(scope.leaders(plan).values_list("pk", flat=True))
    assert world.leader.pk in in_scope
    assert set(plan.responses.values_list("person_id", flat=True)) == in_scope


# --- Path 7: people typed in by hand to reach k -----------------------------------------


def _typed_in_by_hr(world, login, n: int) -> Person:
    """A leader HR creates with its own form, at an address HR controls."""
    response = login(world.hr).post(
        reverse("organisations:person_create"),
        {
            "name": f"Opdigtet {n}",
            "email": f"opdigtet{n}@hr-styrer.example",
            "title": "Leder",
            "unit": world.unit.pk,
            "manager": "",
            "is_active": "on",
            "roles": [Role.LEADER_OF_EMPLOYEES],
        },
    )
    assert response.status_code == 302
    return Person.objects.get(email=f"opdigtet{n}@hr-styrer.example")


def test_path_7_people_typed_in_by_hand_never_make_up_k_around_one_real_member(world, login):
    """Issue 22, path 7: HR makes up two leaders and puts them in a group with one real
    member, k = 3. Their complete answers do not make up k until a MED/SU representative
    other than HR stands behind them; then they do."""
    from groups import selectors, services
    from organisations import people
    from organisations.models import ManagementGroup

    made_up = [_typed_in_by_hr(world, login, n) for n in range(2)]
    assert all(p.vouched_at is None for p in made_up)
    group = people.group_change(
        group=ManagementGroup(organisation=world.organisation, name="Lokket", leader=world.leader),
        members=made_up,
        source=people.Source.hr(world.hr),
    )
    round_ = services.round_start(group=group, by=world.leader, meeting_date="2027-01-15")
    for person in (world.leader, *made_up):
        _prepare(round_, person)
    assert selectors.group_map_compute(round_=round_).map is None
    leader_page = login(world.leader).get(reverse("groups:round_detail", args=[round_.pk]))
    assert "2 af medlemmerne er oprettet i hånden" in leader_page.content.decode()
    group_page = login(world.leader).get(reverse("groups:group_detail", args=[group.pk]))
    assert "Opdigtet 0 – med siden" in group_page.content.decode()

    # HR cannot vouch for its own people; MED/SU can, from the list on their home page.
    hr = login(world.hr)
    assert hr.post(reverse("organisations:person_vouch", args=[made_up[0].pk])).status_code == 403
    med = login(world.med)
    assert "2 personer oprettet i hånden venter" in med.get(reverse("home")).content.decode()
    listed = med.get(reverse("organisations:vouch_list")).content.decode()
    assert "Opdigtet 0" in listed and "af HR i Ledertrivsel" in listed
    for person in made_up:
        med.post(reverse("organisations:person_vouch", args=[person.pk]))
    assert selectors.group_map_compute(round_=round_).map is not None
    assert AuditEvent.objects.filter(
        kind=Kind.PERSON_VOUCHED, actor=world.med, subject=made_up[0]
    ).exists()


def test_path_7_whoever_typed_someone_in_cannot_vouch_for_them(world, login):
    from organisations import people

    both = PersonFactory(
        organisation=world.organisation,
        email="hr-og-med@test.example",
        roles=[Role.HR, Role.COOPERATION],
    )
    made_up = people.person_create(
        organisation=world.organisation,
        email="opdigtet@hr-styrer.example",
        name="Opdigtet",
        source=people.Source.hr(both),
    )
    client = login(both)
    assert (
        "Du har selv oprettet personen"
        in client.get(reverse("organisations:vouch_list")).content.decode()
    )
    client.post(reverse("organisations:person_vouch", args=[made_up.pk]))
    made_up.refresh_from_db()
    assert made_up.vouched_at is None
    # A MED/SU representative of another organisation finds nobody to vouch for here.
    elsewhere = PersonFactory(
        organisation=world.outsider.organisation,
        email="med@other.example",
        roles=[Role.COOPERATION],
    )
    response = login(elsewhere).post(reverse("organisations:person_vouch", args=[made_up.pk]))
    assert response.status_code == 404


def test_path_7_made_up_raters_do_not_make_up_a_plans_k(world, login):
    from organisations import people
    from plans import services
    from prioritymap.model import Rated

    made_up = [
        people.person_create(
            organisation=world.organisation,
            email=f"rater-opdigtet{n}@hr-styrer.example",
            name=f"Opdigtet {n}",
            roles=[Role.LEADER_OF_EMPLOYEES],
            source=people.Source.hr(world.hr),
        )
        for n in range(2)
    ]
    plan, real = plan_open_to_raters(world, 1, prefix="ægte", anonymity_k=3)
    for person in (*real, *made_up):
        response = services.response_get_or_create(plan=plan, person=person)
        services.response_save(
            response=response,
            ratings={t.pk: Rated(importance=1, success=-1) for t in plan.themes.all()},
        )
        services.response_submit(response=response)
    services.plan_rating_close(plan=plan)
    plan.refresh_from_db()
    assert plan.map_snapshot["map"] is None and plan.map_snapshot["answered"] == 3


def test_path_7_made_up_leaders_do_not_count_in_the_status(world, login):
    from core.status import organisation_status

    before = organisation_status(world.organisation).total.leaders
    _typed_in_by_hr(world, login, 1)
    assert organisation_status(world.organisation).total.leaders == before


def test_the_hr_system_stands_behind_the_people_it_lists(world):
    """The file import and SCIM vouch for whom they list, also someone HR typed in."""
    from organisations import people

    typed = people.person_create(
        organisation=world.organisation,
        email="i-haanden@test.example",
        name="I Hånden",
        source=people.Source.hr(world.hr),
    )
    assert typed.vouched_at is None
    people.person_change(person=typed, source=people.Source.scim("HR-system"), title="Leder")
    typed.refresh_from_db()
    assert typed.vouched_via == "scim"
    listed = people.person_create(
        organisation=world.organisation,
        email="fra-filen@test.example",
        name="Fra Filen",
        source=people.Source.file_import(world.hr),
    )
    assert listed.vouched_via == "import"


def test_the_migration_vouches_for_people_from_before_except_those_typed_in_by_hand(world):
    from importlib import import_module

    from django.apps import apps

    from organisations import people
    from organisations.models import GroupMembership

    typed = people.person_create(
        organisation=world.organisation,
        email="i-haanden@test.example",
        name="I Hånden",
        source=people.Source.hr(world.hr),
    )
    Person.objects.filter(organisation__isnull=False).update(vouched_at=None)
    migration = import_module("organisations.migrations.0009_vouched_people")
    migration.vouch_existing(apps, None)
    assert not Person.objects.get(pk=typed.pk).is_vouched
    assert Person.objects.get(pk=world.leader.pk).vouched_via == "earlier"
    assert not GroupMembership.objects.filter(joined_at__isnull=False).exists()
