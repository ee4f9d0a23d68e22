"""One home for a person: the same rule gives the same answer through every channel
(HR's form, the file import, SCIM, sign-in through the organisation's provider and the
operators' admin), because each only translates into `organisations.people`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent, Kind
from identity.models import SecondFactor
from organisations import importer
from organisations.models import OperatorRequest, Organisation, Person, Role
from tests.operators import signed_in_operator
from tests.scim.test_scim import ENTERPRISE, new_user, patch
from tests.scim.test_scim import scim as scim

ROOT = Path(__file__).resolve().parents[2]


class Channels:
    """Each channel asks for the same change as its users would; the answer is None
    when it was made, or the message the channel shows when it was refused."""

    def __init__(self, world, client, scim):
        self.world, self.client, self.scim = world, client, scim

    def hr(self, person: Person, **what) -> str | None:
        self.client.force_login(self.world.hr)
        manager = what.get("manager", person.manager)
        data = {
            "name": person.name,
            "email": what.get("email", person.email),
            "title": person.title,
            "unit": person.unit_id or "",
            "manager": manager.email if manager else "",
            "roles": sorted(what.get("roles", person.assigned_roles - {Role.LEADER_OF_LEADERS})),
        }
        if what.get("is_active", person.is_active):
            data["is_active"] = "on"
        response = self.client.post(reverse("organisations:person_edit", args=[person.pk]), data)
        if response.status_code == 302:
            return None
        assert response.status_code == 400, response.status_code
        return response.content.decode()

    def file(self, person: Person, **what) -> str | None:
        assert "is_active" not in what, "a file never deactivates anyone"
        manager = what.get("manager", person.manager)
        roles = what.get("roles", person.assigned_roles)
        names = {
            Role.LEADER_OF_EMPLOYEES: "leder",
            Role.HR: "hr",
            Role.ORG_ADMIN: "administrator",
            Role.LEADER_OF_LEADERS: "leder",
            Role.TOP_MANAGEMENT: "topledelse",
        }
        content = "E-mail;Navn;Nærmeste leder;Roller\n{};{};{};{}\n".format(
            person.email,
            person.name,
            manager.email if manager else "",
            ",".join(sorted({names[r] for r in roles})),
        )
        plan = importer.plan(
            self.world.organisation, importer.parse(content.encode(), "personer.csv")
        )
        if plan.errors:
            return " ".join(error.message for error in plan.errors)
        importer.apply(self.world.organisation, plan, by=self.world.hr)
        return None

    def scim_system(self, person: Person, **what) -> str | None:
        operations = []
        if "manager" in what:
            value = {"value": str(what["manager"].pk)} if what["manager"] else None
            operations.append({"op": "replace", "path": f"{ENTERPRISE}:manager", "value": value})
        if "roles" in what:
            roles = [{"value": role} for role in sorted(what["roles"])]
            operations.append({"op": "replace", "path": "roles", "value": roles})
        if "is_active" in what:
            operations.append({"op": "replace", "path": "active", "value": what["is_active"]})
        if "email" in what:
            operations.append(
                {"op": "replace", "path": 'emails[type eq "work"].value', "value": what["email"]}
            )
        answer = self.scim.call("PATCH", f"/Users/{person.pk}", patch(*operations))
        if answer.status_code == 204:
            return None
        assert answer.status_code in (400, 409), answer.content
        return answer.json()["detail"]

    def operator(self, person: Person, **what) -> str | None:
        if not hasattr(self, "_operator"):
            self._operator = signed_in_operator(self.client)
        manager = what.get("manager", person.manager)
        data = {
            "name": person.name,
            "title": person.title,
            "unit": person.unit_id or "",
            "manager": manager.pk if manager else "",
            "roles": sorted(what.get("roles", person.assigned_roles - {Role.LEADER_OF_LEADERS})),
        }
        if what.get("is_active", person.is_active):
            data["is_active"] = "on"
        response = self.client.post(
            reverse("admin:organisations_person_change", args=[person.pk]), data
        )
        if response.status_code == 302:
            return None
        assert response.status_code == 200
        return response.content.decode()


CHANNELS = ["hr", "file", "scim_system", "operator"]


@pytest.fixture
def channels(world, client, scim):
    return Channels(world, client, scim)


@pytest.mark.parametrize("channel", CHANNELS)
def test_no_channel_makes_a_reporting_line_go_round(world, channels, channel):
    # The leader reports to chef; chef cannot report to the leader.
    refused = getattr(channels, channel)(world.chef, manager=world.leader)
    assert refused is not None and "Rapporteringslinjen" in refused and "ring" in refused
    world.chef.refresh_from_db()
    assert world.chef.manager_id != world.leader.pk


@pytest.mark.parametrize("channel", ["hr", "scim_system", "operator"])
def test_every_channel_keeps_the_last_active_administrator(world, channels, channel):
    refused = getattr(channels, channel)(world.admin, is_active=False)
    assert refused is not None and "eneste aktive administrator" in refused
    admin = Person.objects.get(pk=world.admin.pk)
    assert admin.is_active and Role.ORG_ADMIN in admin.assigned_roles


def test_a_file_deactivates_nobody_and_keeps_the_administrator_role(world, channels):
    # Without the administrator's role in the file, and without the administrator.
    assert channels.file(world.admin, roles={Role.HR}) is None
    admin = Person.objects.get(pk=world.admin.pk)
    assert admin.is_active and admin.assigned_roles == {Role.HR, Role.ORG_ADMIN}


@pytest.mark.parametrize(
    ("channel", "admin_taken"),
    [("hr", True), ("file", False), ("scim_system", False), ("operator", True)],
)
def test_which_roles_a_channel_may_take_is_one_table(world, channels, channel, admin_taken):
    # A second administrator, so that taking the role is not refused for being the last.
    world.hr.role_assignments.create(role=Role.ORG_ADMIN)
    world.colleague.role_assignments.create(role=Role.LEADER_OF_LEADERS)
    assert getattr(channels, channel)(world.admin, roles=set()) is None
    assert getattr(channels, channel)(world.colleague, roles={Role.LEADER_OF_EMPLOYEES}) is None
    admin = Person.objects.get(pk=world.admin.pk)
    assert (Role.ORG_ADMIN not in admin.assigned_roles) is admin_taken
    # Leaders of leaders follow from the reporting lines: no channel takes the role.
    colleague = Person.objects.get(pk=world.colleague.pk)
    assert colleague.assigned_roles == {Role.LEADER_OF_EMPLOYEES, Role.LEADER_OF_LEADERS}


def test_the_administrator_role_is_not_given_by_the_hr_system_or_by_an_operator(world, channels):
    refused = channels.scim_system(world.leader, roles={Role.ORG_ADMIN})
    assert refused == "Administratorrollen gives i Ledertrivsel, ikke fra HR-systemet."
    refused = channels.operator(world.leader, roles={Role.ORG_ADMIN, Role.LEADER_OF_EMPLOYEES})
    assert "gives af organisationens administrator i Ledertrivsel" in refused
    assert Role.ORG_ADMIN not in Person.objects.get(pk=world.leader.pk).assigned_roles


@pytest.mark.parametrize("channel", ["hr", "scim_system"])
def test_a_used_login_moves_only_when_its_owner_confirms(world, channels, channel):
    assert world.leader.has_signed_in
    assert getattr(channels, channel)(world.leader, email="ny@test.example") is None
    world.leader.refresh_from_db()
    assert world.leader.email == "leder@test.example"
    assert world.leader.pending_email == "ny@test.example"
    assert mail.outbox[-1].to == ["leder@test.example"]
    event = AuditEvent.objects.get(kind=Kind.EMAIL_CHANGE_REQUESTED, subject=world.leader)
    assert event.detail["source"] == {"scim_system": "scim"}.get(channel, channel)


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_new_nearest_manager_is_recorded_and_told_to_all_three(world, channels, channel):
    mail.outbox.clear()
    assert getattr(channels, channel)(world.leader, manager=world.top) is None
    world.leader.refresh_from_db()
    assert world.leader.manager == world.top
    event = AuditEvent.objects.get(kind=Kind.MANAGER_CHANGED, subject=world.leader)
    source = {"scim_system": "scim", "file": "import"}.get(channel, channel)
    assert event.detail["source"] == source and event.detail["manager"] == world.top.pk
    told = {address for message in mail.outbox for address in message.to}
    assert {world.leader.email, world.chef.email, world.top.email} <= told
    to_leader = next(m for m in mail.outbox if m.to == [world.leader.email])
    assert world.top.name in to_leader.body and world.chef.name in to_leader.body


def test_a_file_that_moves_a_leader_to_another_unit_tells_them(world):
    mail.outbox.clear()
    content = f"E-mail;Navn;Enhed\n{world.leader.email};{world.leader.name};{world.unit.name}\n"
    plan = importer.plan(world.organisation, importer.parse(content.encode(), "p.csv"))
    importer.apply(world.organisation, plan, by=world.hr)
    event = AuditEvent.objects.get(kind=Kind.UNIT_CHANGED, subject=world.leader)
    assert event.detail == {"unit": world.unit.pk, "source": "import"}
    to_leader = next(m for m in mail.outbox if m.to == [world.leader.email])
    assert world.unit.name in to_leader.body and world.sub_unit.name in to_leader.body


def _created_through(channel: str, world, client, scim) -> Person:
    email = f"ny-{channel}@test.example"
    if channel == "hr":
        client.force_login(world.hr)
        client.post(
            reverse("organisations:person_create"),
            {"name": "Ny", "email": email, "is_active": "on"},
        )
    elif channel == "import":
        content = f"E-mail;Navn\n{email};Ny\n".encode()
        plan = importer.plan(world.organisation, importer.parse(content, "p.csv"))
        importer.apply(world.organisation, plan, by=world.hr)
    elif channel == "scim":
        scim.call("POST", "/Users", new_user(userName=email, emails=[{"value": email}]))
    elif channel == "sign_in":
        from identity.models import IdentityProvider
        from identity.services import person_from_identity

        provider = IdentityProvider.objects.create(
            organisation=world.organisation, issuer="https://idp", client_id="ledertrivsel"
        )
        person_from_identity(
            provider=provider, email=email, name="Ny", issuer="https://idp", subject="s-1"
        )
    return Person.objects.get(email=email)


@pytest.mark.parametrize("channel", ["hr", "import", "scim", "sign_in"])
def test_a_new_person_is_one_audit_event_naming_its_source_and_cannot_log_in(
    world,
    client,
    scim,
    channel,
):
    person = _created_through(channel, world, client, scim)
    event = AuditEvent.objects.get(kind=Kind.PERSON_CREATED, subject=person)
    assert event.detail["source"] == channel
    assert not person.has_usable_password()


# --- The operators' admin ---------------------------------------------------------


def _operator_adds(client, organisation: Organisation, email: str, roles: list[str]):
    return client.post(
        reverse("admin:organisations_person_add"),
        {
            "organisation": organisation.pk,
            "name": "Ny",
            "email": email,
            "title": "",
            "is_active": "on",
            "roles": roles,
        },
    )


def test_an_operator_cannot_make_themselves_an_organisations_administrator(world, client):
    operator = signed_in_operator(client)
    refused = _operator_adds(
        client, world.organisation, "drift-alias@test.example", [Role.ORG_ADMIN]
    )
    assert refused.status_code == 200
    assert "gives af organisationens administrator" in refused.content.decode()
    assert not Person.objects.filter(email="drift-alias@test.example").exists()
    # Nor by deleting the administrators first: an operator deletes nobody.
    delete = reverse("admin:organisations_person_delete", args=[world.admin.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Person.objects.filter(pk=world.admin.pk).exists()
    assert not AuditEvent.objects.filter(actor=operator, kind=Kind.PERSON_CREATED).exists()


def test_an_operator_sets_up_a_new_organisation_and_its_first_administrator(db, client):
    operator = signed_in_operator(client)
    organisation = Organisation.objects.create(name="Ny Kommune", slug="ny-kommune")
    made = _operator_adds(client, organisation, "admin@ny.example", [Role.ORG_ADMIN])
    assert made.status_code == 302, made.content.decode()[:2000]
    first = Person.objects.get(email="admin@ny.example")
    assert first.assigned_roles == {Role.ORG_ADMIN}
    # Stored unusable: "Glemt adgangskode" cannot be used before the invitation.
    assert not first.has_usable_password() and not first.has_signed_in
    event = AuditEvent.objects.get(kind=Kind.PERSON_CREATED, subject=first)
    assert event.actor == operator and event.detail["source"] == "operator"
    # Now the organisation has an administrator, who adds the rest.
    second = _operator_adds(client, organisation, "hr@ny.example", [Role.HR])
    assert "gives af organisationens administrator" in second.content.decode()
    assert not Person.objects.filter(email="hr@ny.example").exists()


def test_an_operator_sees_and_manages_only_their_own_second_factor(db, client):
    other = Person.objects.create_superuser("anden@ledertrivsel.example", "x-Kode-9999")
    theirs = SecondFactor.objects.create(user=other, name="Hans telefon", confirmed=True)
    signed_in_operator(client)
    listing = client.get(reverse("admin:identity_secondfactor_changelist")).content.decode()
    assert "Hans telefon" not in listing and "Authenticator" in listing
    for name in ("identity_secondfactor_change", "identity_secondfactor_qrcode"):
        assert client.get(reverse(f"admin:{name}", args=[theirs.pk])).status_code in (
            302,
            403,
            404,
        )
    assert client.get(reverse("admin:identity_secondfactor_add")).status_code == 403


# --- Only the lifecycle writes a person -------------------------------------------

# Fixtures and generators write their own data; everything a user reaches goes through
# `organisations.people`.
ALLOWED = {
    "organisations/people.py",
    "organisations/demo.py",
    "organisations/models.py",
    "operations/scale.py",
}
WRITES = {
    "create",
    "create_user",
    "create_superuser",
    "bulk_create",
    "bulk_update",
    "update",
    "get_or_create",
    "update_or_create",
}
GUARDED = {"Person", "RoleAssignment", "GroupMembership"}


def _writes_to_people(tree: ast.AST) -> list[int]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        # Person(...), RoleAssignment(...)
        if isinstance(func, ast.Name) and func.id in GUARDED:
            found.append(node.lineno)
        # Person.objects.create(...), RoleAssignment.objects.bulk_create(...)
        if (
            isinstance(func, ast.Attribute)
            and func.attr in WRITES
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "objects"
            and isinstance(func.value.value, ast.Name)
            and func.value.value.id in GUARDED
        ):
            found.append(node.lineno)
        # person.role_assignments.create(...), person.save()
        if isinstance(func, ast.Attribute) and (
            (
                func.attr in WRITES
                and isinstance(func.value, ast.Attribute)
                and func.value.attr in {"role_assignments", "management_groups"}
            )
            or (func.attr in {"set_password", "set_unusable_password"})
        ):
            found.append(node.lineno)
    return found


def test_only_the_lifecycle_creates_people_or_gives_roles():
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.split("/")[0] in {".venv", "tests", "node_modules", "bench", "scripts"}:
            continue
        if "/migrations/" in relative or "/management/commands/" in relative:
            continue
        if relative in ALLOWED:
            continue
        lines = _writes_to_people(ast.parse(path.read_text()))
        offenders += [f"{relative}:{line}" for line in lines]
    assert offenders == [], "write people through organisations.people: " + ", ".join(offenders)


# --- What an operator asks the organisation's administrators for -------------------


def _operator_asks(client, world, **fields):
    data = {"organisation": world.organisation.pk, "reason": "Sag 4711 fra HR", **fields}
    return client.post(reverse("admin:organisations_operatorrequest_add"), data)


def test_an_operator_asks_and_the_administrator_decides_in_the_product(world, client, login):
    operator = signed_in_operator(client)
    mail.outbox.clear()
    asked = _operator_asks(
        client, world, email="ny.hr@test.example", name="Ny HR", roles=[Role.HR, Role.ORG_ADMIN]
    )
    assert asked.status_code == 302, asked.content.decode()[:2000]
    # Nothing happens yet: the administrators are asked, by mail and in the product.
    assert not Person.objects.filter(email="ny.hr@test.example").exists()
    told = [m for m in mail.outbox if m.to == [world.admin.email]]
    assert told and "Sag 4711 fra HR" in told[0].body
    assert AuditEvent.objects.get(kind=Kind.OPERATOR_REQUESTED).actor == operator

    admin = login(world.admin)
    page = admin.get(reverse("organisations:operator_requests")).content.decode()
    assert "ny.hr@test.example" in page and "Sag 4711 fra HR" in page
    request_pk = OperatorRequest.objects.get(email="ny.hr@test.example").pk
    decide = reverse("organisations:operator_request_decide", args=[request_pk])
    assert admin.post(decide, {"decision": "approve"}).status_code == 302
    made = Person.objects.get(email="ny.hr@test.example")
    assert made.assigned_roles == {Role.HR, Role.ORG_ADMIN} and not made.has_usable_password()
    created = AuditEvent.objects.get(kind=Kind.PERSON_CREATED, subject=made)
    assert (
        created.actor == world.admin and created.detail["via"] == f"operator-request:{request_pk}"
    )
    assert AuditEvent.objects.get(kind=Kind.OPERATOR_REQUEST_DECIDED).detail["approved"] is True
    # Decided once: a second decision finds nothing to decide.
    assert admin.post(decide, {"decision": "reject"}).status_code == 404


def test_a_rejected_request_changes_nothing_and_hr_cannot_decide(world, client, login):
    signed_in_operator(client)
    _operator_asks(client, world, person=world.leader.pk, roles=[Role.ORG_ADMIN])
    pending = OperatorRequest.objects.get(person=world.leader)
    decide = reverse("organisations:operator_request_decide", args=[pending.pk])
    assert login(world.hr).post(decide, {"decision": "approve"}).status_code == 403
    assert login(world.admin).post(decide, {"decision": "reject"}).status_code == 302
    assert Role.ORG_ADMIN not in Person.objects.get(pk=world.leader.pk).assigned_roles
    pending.refresh_from_db()
    assert pending.approved is False and pending.decided_by == world.admin


def test_an_operator_cannot_ask_for_what_the_rules_refuse(world, client):
    signed_in_operator(client)
    for fields, message in [
        ({"email": world.outsider.email, "name": "X"}, "bruges allerede"),
        ({"person": world.leader.pk, "roles": [Role.LEADER_OF_EMPLOYEES]}, "allerede de roller"),
    ]:
        refused = _operator_asks(client, world, **fields)
        assert refused.status_code == 200 and message in refused.content.decode()
    assert not OperatorRequest.objects.exists()
