"""The REST API (/api/v1/): tokens per organisation with scopes, and nothing private."""

from __future__ import annotations

import pytest
from django.urls import reverse

from api import services
from api.models import ApiToken, Scope
from audit.models import AuditEvent, Kind
from core import status
from plans.models import PlanVersion

ALL_SCOPES = [s.value for s in Scope]


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def secret(world) -> str:
    return services.token_create(by=world.admin, name="Intranet", scopes=ALL_SCOPES)[1]


def test_an_administrator_makes_a_token_that_is_shown_once_and_stored_as_a_hash(world, login):
    client = login(world.admin)
    url = reverse("api:tokens")
    page = client.post(url, {"name": "HR-system", "scopes": ["structure:read"]}).content.decode()
    token = ApiToken.objects.get(name="HR-system")
    shown = page.split('<code id="new-token">')[1].split("</code>")[0]
    assert shown.startswith("lt_") and token.token_hash == services.token_hash(shown)
    assert shown not in client.get(url).content.decode()
    assert client.get("/api/v1/units", **bearer(shown)).status_code == 200
    client.post(reverse("api:token_revoke", args=[token.pk]))
    assert client.get("/api/v1/units", **bearer(shown)).status_code == 401
    kinds = set(AuditEvent.objects.filter(actor=world.admin).values_list("kind", flat=True))
    assert {Kind.API_TOKEN_CREATED, Kind.API_TOKEN_REVOKED} <= kinds
    assert login(world.hr).get(url).status_code == 403


def test_the_structure_is_the_tokens_organisation_only_a_page_at_a_time(world, client, secret):
    people = client.get("/api/v1/people", {"limit": 2}, **bearer(secret)).json()
    assert people["count"] == world.organisation.people.count()
    assert len(people["items"]) == 2
    everyone = client.get("/api/v1/people", {"limit": 500}, **bearer(secret)).json()["items"]
    emails = {p["email"] for p in everyone}
    assert world.leader.email in emails and world.outsider.email not in emails
    leader = next(p for p in everyone if p["email"] == world.leader.email)
    assert leader["manager_id"] == world.leader.manager_id
    assert leader["roles"] == sorted(world.leader.assigned_roles)
    one = client.get("/api/v1/people", {"email": world.leader.email.upper()}, **bearer(secret))
    assert [p["id"] for p in one.json()["items"]] == [world.leader.pk]
    groups = client.get("/api/v1/groups", **bearer(secret)).json()["items"]
    group = next(g for g in groups if g["id"] == world.group.pk)
    assert set(group["member_ids"]) == set(world.group.members.values_list("pk", flat=True))
    units = client.get("/api/v1/units", **bearer(secret)).json()["items"]
    assert world.other_unit.pk not in {u["id"] for u in units}


def test_a_token_reads_only_what_its_scopes_allow(world, client):
    secret = services.token_create(by=world.admin, name="Plan", scopes=["plans:read"])[1]
    assert client.get("/api/v1/plans", **bearer(secret)).status_code == 200
    denied = client.get("/api/v1/people", **bearer(secret))
    assert denied.status_code == 403 and "structure:read" in denied.json()["detail"]
    assert client.get("/api/v1/status", **bearer(secret)).status_code == 403
    assert client.get("/api/v1/plans", **bearer("lt_gæt")).status_code == 401
    assert client.get("/api/v1/plans").status_code == 401


def test_only_published_plan_versions_leave_and_only_the_tokens_own(world, client, secret):
    from plans.models import Plan

    published = PlanVersion.objects.filter(plan__organisation=world.organisation)
    draft = Plan.objects.create(
        organisation=world.organisation, title="Kladde", method_version="test"
    )
    plans = client.get("/api/v1/plans", **bearer(secret)).json()["items"]
    assert {p["id"] for p in plans} == set(published.values_list("plan_id", flat=True))
    assert draft.pk not in {p["id"] for p in plans}
    version = published.first()
    got = client.get(
        f"/api/v1/plans/{version.plan_id}/versions/{version.number}", **bearer(secret)
    ).json()
    assert got["content"] == version.content and got["number"] == version.number
    other = services.token_create(by=world.outsider, name="Anden", scopes=["plans:read"])[1]
    missing = client.get(
        f"/api/v1/plans/{version.plan_id}/versions/{version.number}", **bearer(other)
    )
    assert missing.status_code == 404


def test_the_status_hides_what_the_status_page_hides(world, client, secret):
    assert client.get("/api/v1/status", **bearer(secret)).status_code == 404
    status.snapshot_take(organisation=world.organisation)
    stored = status.organisation_status_stored(world.organisation)
    answer = client.get("/api/v1/status", **bearer(secret)).json()
    assert answer["k"] == stored.k
    for row, shown in zip(answer["rows"], stored.rows, strict=True):
        for key, figure in (
            ("agreement_with_yourself", shown.agreement),
            ("dialogue_with_manager", shown.dialogue),
            ("management_group_round", shown.rounds),
        ):
            if figure is not None and not figure.shown:
                assert row[key] == {
                    "hidden": True,
                    "value": None,
                    "population": None,
                    "share_percent": None,
                }
    # The test organisation is small: its figures come from fewer than k leaders.
    assert answer["total"]["agreement_with_yourself"]["hidden"] is True


def test_a_token_is_throttled(world, client, secret, monkeypatch):
    monkeypatch.setattr("api.views.CALLS_PER_MINUTE", 2)
    codes = [client.get("/api/v1/units", **bearer(secret)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_a_token_with_structure_write_makes_and_moves_units_by_hr_s_own_rules(world, client):
    from organisations.models import Unit

    secret = services.token_create(by=world.admin, name="HR", scopes=["structure:write"])[1]
    made = client.post(
        "/api/v1/units",
        {"name": "Visitationen", "parent_id": world.sub_unit.pk},
        content_type="application/json",
        **bearer(secret),
    )
    assert made.status_code == 201, made.content
    unit = Unit.objects.get(pk=made.json()["id"])
    assert unit.organisation == world.organisation and unit.parent == world.sub_unit
    # The same name twice under one parent, a parent in another organisation, or a unit
    # below itself: refused with the form's Danish reasons.
    twice = client.post(
        "/api/v1/units",
        {"name": "Visitationen", "parent_id": world.sub_unit.pk},
        content_type="application/json",
        **bearer(secret),
    )
    assert twice.status_code == 422 and "allerede en enhed" in str(twice.json()["detail"])
    foreign = client.patch(
        f"/api/v1/units/{unit.pk}",
        {"parent_id": world.other_unit.pk},
        content_type="application/json",
        **bearer(secret),
    )
    assert foreign.status_code == 422
    below = client.patch(
        f"/api/v1/units/{world.sub_unit.pk}",
        {"parent_id": unit.pk},
        content_type="application/json",
        **bearer(secret),
    )
    assert below.status_code == 422
    renamed = client.patch(
        f"/api/v1/units/{unit.pk}",
        {"name": "Visitation og Hjælpemidler"},
        content_type="application/json",
        **bearer(secret),
    )
    assert renamed.status_code == 200 and renamed.json()["parent_id"] == world.sub_unit.pk
    other_organisations = client.patch(
        f"/api/v1/units/{world.other_unit.pk}",
        {"name": "Overtaget"},
        content_type="application/json",
        **bearer(secret),
    )
    assert other_organisations.status_code == 404
    # Reading needs its own scope.
    assert client.get("/api/v1/units", **bearer(secret)).status_code == 403


def test_the_benchmark_gives_released_figures_with_their_privacy_loss_and_nothing_else(
    world, client
):
    """BFA or a researcher reads the released quarters, as JSON or CSV, with a token of
    the benchmark scope: noisy cells across organisations, ρ, ε and thresholds."""
    from benchmark.models import Release, ReleasedFigure

    made = Release.objects.create(
        tool=3, quarter="2026-Q3", rho=0.5, epsilon=5.22, delta=1e-6,
        min_organisations=5, min_leaders=50,
    )  # fmt: skip
    ReleasedFigure.objects.create(
        release=made, sector="", item=4, importance=0.5, success=-0.25, margin=0.2,
        organisations=41,
    )  # fmt: skip
    reader = services.token_create(by=world.admin, name="BFA", scopes=["benchmark:read"])[1]
    other = services.token_create(by=world.admin, name="Intranet", scopes=["status:read"])[1]
    assert client.get("/api/v1/benchmark", **bearer(other)).status_code == 403
    answer = client.get("/api/v1/benchmark", **bearer(reader)).json()
    assert answer == [
        {
            "tool": 3, "quarter": "2026-Q3", "rho": 0.5, "epsilon": 5.22, "delta": 1e-6,
            "min_organisations": 5, "min_leaders": 50,
            "figures": [{"sector": "", "item": 4, "importance": 0.5, "success": -0.25,
                         "margin": 0.2, "organisations": 41}],
        }
    ]  # fmt: skip
    response = client.get("/api/v1/benchmark.csv", **bearer(reader))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == (
        "tool,quarter,sector,item,importance,success,margin,organisations,"
        "rho,epsilon,delta,min_organisations,min_leaders"
    )
    assert lines[1] == "3,2026-Q3,,4,0.5,-0.25,0.2,41,0.5,5.22,1e-06,5,50"
    assert len(lines) == 2
