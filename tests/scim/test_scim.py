"""SCIM provisioning (/scim/v2/) as an HR system or Entra ID uses it: the file import's
rules (nobody deleted, the administrator role kept), one organisation per token, every
change in the audit log, and a clear Danish message for what cannot be done."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from api import services as api_services
from api.models import Scope
from audit.models import AuditEvent, Kind
from organisations.models import ManagementGroup, Person, Role, Unit

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def scim(world, client):
    """A client speaking SCIM with a token of the world's organisation."""
    secret = api_services.token_create(by=world.admin, name="Entra ID", scopes=[Scope.SCIM])[1]

    class Scim:
        def call(self, method: str, path: str, body: dict | None = None, **extra):
            return client.generic(
                method,
                f"/scim/v2{path}",
                json.dumps(body) if body is not None else "",
                content_type="application/scim+json",
                HTTP_AUTHORIZATION=f"Bearer {secret}",
                **extra,
            )

        def get(self, path: str, **params):
            return client.get(f"/scim/v2{path}", params, HTTP_AUTHORIZATION=f"Bearer {secret}")

    return Scim()


def new_user(**fields) -> dict:
    return {
        "schemas": [USER, ENTERPRISE],
        "userName": "anna.berg@test.example",
        "externalId": "e-100",
        "displayName": "Anna Berg",
        "title": "Afdelingsleder",
        "active": True,
        "emails": [{"value": "anna.berg@test.example", "type": "work", "primary": True}],
        **fields,
    }


def patch(*operations: dict) -> dict:
    return {"schemas": [PATCH], "Operations": list(operations)}


def test_a_token_without_the_scim_scope_or_none_at_all_gets_nothing(world, client):
    reading = api_services.token_create(by=world.admin, name="Intranet", scopes=["plans:read"])
    answer = client.get("/scim/v2/Users", HTTP_AUTHORIZATION=f"Bearer {reading[1]}")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Brug en API-nøgle med adgangen scim."
    assert answer["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/scim/v2/Users").status_code == 401
    # The configuration tells a client how to authenticate, so anyone may read it.
    config = client.get("/scim/v2/ServiceProviderConfig")
    assert config.status_code == 200
    assert config.json()["patch"]["supported"] is True


def test_an_hr_system_creates_a_person_with_unit_manager_and_roles(world, scim):
    body = new_user(
        roles=[{"value": Role.LEADER_OF_EMPLOYEES}],
        **{
            ENTERPRISE: {
                "department": "Social og Sundhed / Ældreplejen",
                "manager": {"value": str(world.chef.pk)},
            }
        },
    )
    answer = scim.call("POST", "/Users", body)
    assert answer.status_code == 201, answer.content
    person = Person.objects.get(email="anna.berg@test.example")
    assert person.organisation == world.organisation
    assert person.unit.name == "Ældreplejen" and person.unit.parent == world.unit
    assert person.manager == world.chef
    assert person.assigned_roles == {Role.LEADER_OF_EMPLOYEES}
    assert not person.has_usable_password()
    sent = answer.json()
    assert sent["id"] == str(person.pk)
    assert sent[ENTERPRISE]["department"] == "Social og Sundhed / Ældreplejen"
    assert sent[ENTERPRISE]["manager"]["$ref"].endswith(f"/scim/v2/Users/{world.chef.pk}")
    assert AuditEvent.objects.filter(
        kind=Kind.PERSON_CREATED, subject=person, detail__token="Entra ID", detail__source="scim"
    ).exists()


def test_people_made_by_hand_or_by_file_are_found_by_their_address_and_taken_over(world, scim):
    found = scim.get("/Users", filter=f'userName eq "{world.leader.email.upper()}"').json()
    assert found["totalResults"] == 1
    assert found["Resources"][0]["id"] == str(world.leader.pk)
    # Creating them again is a conflict, which tells the client to match instead.
    again = scim.call(
        "POST",
        "/Users",
        new_user(userName=world.leader.email, emails=[{"value": world.leader.email}]),
    )
    assert again.status_code == 409
    assert "bruges af en anden person" in again.json()["detail"]
    taken = scim.call(
        "PATCH",
        f"/Users/{world.leader.pk}",
        patch({"op": "Replace", "path": "userName", "value": "leder1"}),
    )
    assert taken.status_code == 204
    assert scim.get("/Users", filter='userName eq "leder1"').json()["totalResults"] == 1


def test_the_organisations_people_only(world, scim):
    everyone = scim.get("/Users", count="500").json()
    ids = {r["id"] for r in everyone["Resources"]}
    assert str(world.leader.pk) in ids and str(world.outsider.pk) not in ids
    assert everyone["totalResults"] == world.organisation.people.count()
    assert scim.get(f"/Users/{world.outsider.pk}").status_code == 404
    assert scim.get(f"/Groups/{world.other_group.pk}").status_code == 404
    assert (
        scim.get("/Users", filter=f'userName eq "{world.outsider.email}"').json()["totalResults"]
        == 0
    )
    member = scim.call(
        "PATCH",
        f"/Groups/{world.group.pk}",
        patch({"op": "add", "path": "members", "value": [{"value": str(world.outsider.pk)}]}),
    )
    assert member.status_code == 400
    assert not world.group.members.filter(pk=world.outsider.pk).exists()


def test_entra_deactivates_with_a_patch_and_the_log_says_so(world, scim):
    answer = scim.call(
        "PATCH",
        f"/Users/{world.colleague.pk}",
        patch({"op": "Replace", "path": "active", "value": False}),
    )
    # Without attributes asked for, a PATCH answers 204 (RFC 7644 §3.5.2).
    assert answer.status_code == 204, answer.content
    world.colleague.refresh_from_db()
    assert not world.colleague.is_active
    # Older Entra ID tenants send the value as a string, and without a path.
    for operation in (
        {"op": "Replace", "path": "active", "value": "True"},
        {"op": "Replace", "value": {"active": False}},
    ):
        assert (
            scim.call("PATCH", f"/Users/{world.colleague.pk}", patch(operation)).status_code == 204
        )
    world.colleague.refresh_from_db()
    assert not world.colleague.is_active
    assert AuditEvent.objects.filter(
        kind=Kind.DEACTIVATED, subject=world.colleague, detail__source="scim"
    ).exists()


def test_deleting_deactivates_keeps_the_data_and_a_second_post_takes_the_person_back(world, scim):
    created = scim.call("POST", "/Users", new_user()).json()
    assert scim.call("DELETE", f"/Users/{created['id']}").status_code == 204
    person = Person.objects.get(pk=created["id"])
    assert not person.is_active
    assert scim.get(f"/Users/{created['id']}").status_code == 404
    assert (
        scim.get("/Users", filter='userName eq "anna.berg@test.example"').json()["totalResults"]
        == 0
    )
    back = scim.call("POST", "/Users", new_user(displayName="Anna Berg-Holm"))
    assert back.status_code == 201
    assert back.json()["id"] == created["id"]
    person.refresh_from_db()
    assert person.is_active and person.name == "Anna Berg-Holm"


def test_the_administrator_role_is_neither_given_nor_taken_by_the_hr_system(world, scim):
    refused = scim.call("POST", "/Users", new_user(roles=[{"value": Role.ORG_ADMIN}]))
    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        "Administratorrollen gives i Ledertrivsel, ikke fra HR-systemet."
    )
    replaced = scim.call(
        "PATCH",
        f"/Users/{world.admin.pk}",
        patch({"op": "replace", "path": "roles", "value": [{"value": Role.HR}]}),
    )
    assert replaced.status_code == 204
    world.admin.refresh_from_db()
    assert world.admin.assigned_roles == {Role.HR, Role.ORG_ADMIN}
    shown = scim.get(f"/Users/{world.admin.pk}").json()
    assert [r["value"] for r in shown["roles"]] == [Role.HR]


def test_the_last_active_administrator_is_not_deactivated_from_outside(world, scim):
    off = patch({"op": "replace", "path": "active", "value": False})
    refused = scim.call("PATCH", f"/Users/{world.admin.pk}", off)
    assert refused.status_code == 400
    assert "eneste aktive administrator" in refused.json()["detail"]
    assert scim.call("DELETE", f"/Users/{world.admin.pk}").status_code == 400
    world.admin.refresh_from_db()
    assert world.admin.is_active
    # With another administrator, the HR system may.
    world.hr.role_assignments.create(role=Role.ORG_ADMIN)
    assert scim.call("PATCH", f"/Users/{world.admin.pk}", off).status_code == 204
    world.admin.refresh_from_db()
    assert not world.admin.is_active


def test_the_login_address_of_someone_who_has_signed_in_changes_when_they_confirm(world, scim):
    world.leader.set_password("hemmeligt-og-langt")
    world.leader.save()
    answer = scim.call(
        "PATCH",
        f"/Users/{world.leader.pk}",
        patch(
            {"op": "replace", "path": 'emails[type eq "work"].value', "value": "ny@test.example"}
        ),
    )
    assert answer.status_code == 204, answer.content
    world.leader.refresh_from_db()
    assert world.leader.email == "leder@test.example"
    assert world.leader.pending_email == "ny@test.example"
    assert mail.outbox[-1].to == ["leder@test.example"]
    assert "Organisationens HR-system har bedt om" in mail.outbox[-1].body
    # Someone who has never signed in simply gets the new address.
    created = scim.call("POST", "/Users", new_user()).json()
    scim.call(
        "PATCH",
        f"/Users/{created['id']}",
        patch(
            {"op": "replace", "path": 'emails[type eq "work"].value', "value": "to@test.example"}
        ),
    )
    assert Person.objects.get(pk=created["id"]).email == "to@test.example"


def test_bad_values_get_a_clear_danish_message_and_change_nothing(world, scim):
    cases = [
        (new_user(displayName=""), "Navnet (displayName) mangler."),
        (new_user(emails=[{"value": "ikke en adresse"}]), "ikke en gyldig e-mailadresse"),
        (new_user(roles=[{"value": "konge"}]), "Ukendt rolle: konge"),
        (
            new_user(**{ENTERPRISE: {"manager": {"value": "999999"}}}),
            "findes ikke i organisationen",
        ),
        (new_user(**{ENTERPRISE: {"manager": {"value": str(world.outsider.pk)}}}), "findes ikke"),
        (new_user(userName=world.chef.email), "bruges af en anden person"),
    ]
    for body, message in cases:
        answer = scim.call("POST", "/Users", body)
        assert answer.status_code in (400, 409), body
        assert message in answer.json()["detail"]
    assert not Person.objects.filter(email="anna.berg@test.example").exists()
    circle = scim.call(
        "PATCH",
        f"/Users/{world.chef.pk}",
        patch(
            {
                "op": "replace",
                "path": f"{ENTERPRISE}:manager",
                "value": {"value": str(world.leader.pk)},
            }
        ),
    )
    assert circle.status_code == 400
    assert circle.json()["detail"].startswith("Rapporteringslinjen ville gå i ring")
    assert scim.get("/Users", filter='nickName eq "x"').status_code == 400
    # What the library refuses comes with Danish first, for the provisioning log.
    named = scim.call("POST", "/Users", new_user(name={"givenName": "Anna"}))
    assert named.status_code == 400
    assert named.json()["detail"].startswith("Ledertrivsel gemmer ikke attributten name.")
    unreadable = scim.call("POST", "/Users", {"schemas": [USER], "userName": 7})
    assert unreadable.json()["detail"].startswith(("Forespørgslen kan ikke læses", "En værdi"))


def test_management_groups_members_and_the_leader_who_stays(world, scim):
    created = scim.call(
        "POST",
        "/Groups",
        {
            "schemas": [GROUP],
            "displayName": "Ældreplejens ledere",
            "members": [{"value": str(world.leader.pk)}],
        },
    )
    assert created.status_code == 201, created.content
    group = ManagementGroup.objects.get(name="Ældreplejens ledere")
    assert list(group.members.all()) == [world.leader]
    added = scim.call(
        "PATCH",
        f"/Groups/{group.pk}",
        patch({"op": "Add", "path": "members", "value": [{"value": str(world.colleague.pk)}]}),
    )
    assert added.status_code == 204
    assert set(group.members.all()) == {world.leader, world.colleague}
    assert "Organisationens HR-system har ændret" in mail.outbox[-1].body
    leader_out = scim.call(
        "PATCH",
        f"/Groups/{world.group.pk}",
        patch({"op": "remove", "path": f'members[value eq "{world.chef.pk}"]'}),
    )
    assert leader_out.status_code == 400
    assert "leder ledelsesgruppen" in leader_out.json()["detail"]
    assert scim.call("DELETE", f"/Groups/{group.pk}").status_code == 204
    assert ManagementGroup.objects.filter(pk=group.pk).exists()
    assert scim.get(f"/Groups/{group.pk}").status_code == 404
    taken = scim.call("POST", "/Groups", {"schemas": [GROUP], "displayName": "Ledergruppen"})
    assert taken.status_code == 409


def test_filters_become_queries_and_paging_follows_the_rfc(world, scim):
    page = scim.get("/Users", startIndex="2", count="2").json()
    assert page["startIndex"] == 2 and page["itemsPerPage"] == 2
    assert page["totalResults"] == world.organisation.people.count()
    leaders = scim.get(
        "/Users", filter=f'roles.value eq "{Role.LEADER_OF_EMPLOYEES}" and active eq true'
    ).json()
    assert {r["id"] for r in leaders["Resources"]} == {
        str(world.leader.pk),
        str(world.colleague.pk),
    }
    by_mail = scim.get("/Users", filter='emails[type eq "work" and value co "kollega"]').json()
    assert [r["id"] for r in by_mail["Resources"]] == [str(world.colleague.pk)]
    group = scim.get("/Groups", filter='displayName eq "ledergruppen"').json()
    assert [r["id"] for r in group["Resources"]] == [str(world.group.pk)]
    assert Unit.objects.filter(organisation=world.organisation).count() == 2


def test_listing_people_and_groups_costs_the_same_few_queries_for_any_number(
    world, scim, django_assert_max_num_queries
):
    from tests.factories import PersonFactory

    more = PersonFactory.create_batch(
        40, organisation=world.organisation, unit=world.sub_unit, manager=world.chef
    )
    for person in more:
        person.role_assignments.create(role=Role.LEADER_OF_EMPLOYEES)
    world.group.members.add(*more)
    with django_assert_max_num_queries(12):
        listed = scim.get("/Users", count="200").json()
    assert len(listed["Resources"]) == world.organisation.people.count()
    with django_assert_max_num_queries(12):
        assert scim.get("/Groups").status_code == 200


def test_entra_ids_manager_as_a_bare_id_in_a_patch_is_taken(world, scim):
    answer = scim.call(
        "PATCH",
        f"/Users/{world.colleague.pk}",
        patch(
            {
                "op": "Add",
                "path": f"{ENTERPRISE}:manager",
                "value": str(world.top.pk),
            }
        ),
    )
    assert answer.status_code == 204, answer.content
    world.colleague.refresh_from_db()
    assert world.colleague.manager == world.top
    junk = scim.call("PATCH", f"/Users/{world.colleague.pk}", {"Operations": "x"})
    assert junk.status_code == 400


def test_entra_ids_removal_of_members_by_value_removes_those_only(world, scim):
    removed = scim.call(
        "PATCH",
        f"/Groups/{world.group.pk}",
        patch({"op": "Remove", "path": "members", "value": [{"value": str(world.leader.pk)}]}),
    )
    assert removed.status_code == 204, removed.content
    assert set(world.group.members.all()) == {world.chef, world.colleague}
