"""The REST API for the intranet and HR, version 1 (/api/v1/, documented at
/api/v1/docs). A token belongs to one organisation and has scopes; every answer is
about that organisation only.

Nothing private ever leaves: no tool-1 content and no one's ratings. The structure is
what HR already manages; a plan leaves only as its published versions; the status is
the status page's figures, with every figure the page hides hidden here too.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from access import policy
from api import selectors, services
from api.docs import AccessibleDocs
from api.models import ApiToken, Scope
from audit import ratelimit
from benchmark import selectors as benchmark_selectors
from core import status as core_status
from organisations import services as organisation_services
from organisations.forms import UnitForm

CALLS_PER_MINUTE = 600
MAX_ID = 2**31 - 1


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = policy.api_token_for(token)
        if found is None:
            return None
        if not ratelimit.allow(f"api:{found.pk}", limit=CALLS_PER_MINUTE, per=timedelta(minutes=1)):
            raise HttpError(429, "For mange kald. Prøv igen om et minut.")
        services.token_used(token=found)
        return found


api = NinjaAPI(
    title="Ledertrivsel API",
    version="1",
    description=__doc__,
    urls_namespace="api-v1",
    auth=TokenAuth(),
    docs=AccessibleDocs(),
)


class Error(Schema):
    detail: Any


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


class Pages(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10**9)


def _organisation(request: HttpRequest, scope: Scope) -> int:
    token: ApiToken = request.auth
    if not policy.api_token_allows(token, scope):
        raise HttpError(403, f"Nøglen har ikke adgangen {scope.value}.")
    return token.organisation_id


# --- Structure -------------------------------------------------------------

structure = Router(tags=["Struktur"])


class UnitOut(Schema):
    id: int
    name: str
    parent_id: int | None


class PersonOut(Schema):
    id: int
    name: str
    email: str
    title: str
    unit_id: int | None
    manager_id: int | None
    is_active: bool
    roles: list[str]

    @staticmethod
    def resolve_roles(person) -> list[str]:
        return sorted(a.role for a in person.role_assignments.all())


class GroupOut(Schema):
    id: int
    name: str
    unit_id: int | None
    leader_id: int | None
    member_ids: list[int]

    @staticmethod
    def resolve_member_ids(group) -> list[int]:
        return [m.person_id for m in group.groupmembership_set.all()]


@structure.get("/units", response={200: list[UnitOut], **ERRORS}, url_name="units")
@paginate(Pages)
def units(request: HttpRequest):
    """The organisation's units; `parent_id` makes the tree."""
    return selectors.units(organisation_id=_organisation(request, Scope.STRUCTURE_READ))


class UnitIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    parent_id: int | None = Field(None, ge=1, le=MAX_ID)


class UnitChange(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    parent_id: int | None = Field(None, ge=1, le=MAX_ID)


def _unit_saved(request: HttpRequest, unit, data: dict):
    """The rules of HR's own unit form: a name unique among its siblings, a parent in the
    organisation and never below the unit itself."""
    token: ApiToken = request.auth
    form = UnitForm(
        {"name": data.get("name", unit.name), "parent": data.get("parent_id", unit.parent_id)},
        instance=unit,
        organisation=token.organisation,
    )
    if not form.is_valid():
        reasons = [str(error) for errors in form.errors.values() for error in errors]
        raise HttpError(422, " ".join(reasons))
    return organisation_services.unit_save(unit=form.instance)


@structure.post("/units", response={201: UnitOut, **ERRORS}, url_name="unit_create")
def unit_create(request: HttpRequest, payload: UnitIn):
    """A new unit (structure:write)."""
    organisation_id = _organisation(request, Scope.STRUCTURE_WRITE)
    unit = selectors.new_unit(organisation_id=organisation_id)
    return Status(201, _unit_saved(request, unit, payload.dict()))


@structure.patch("/units/{unit_id}", response={200: UnitOut, **ERRORS}, url_name="unit")
def unit_change(
    request: HttpRequest, payload: UnitChange, unit_id: int = Path(..., ge=1, le=MAX_ID)
):
    """A unit renamed or moved (structure:write); only the fields sent change."""
    organisation_id = _organisation(request, Scope.STRUCTURE_WRITE)
    unit = selectors.unit(organisation_id=organisation_id, pk=unit_id)
    if unit is None:
        raise HttpError(404, "Enheden findes ikke.")
    return _unit_saved(request, unit, payload.dict(exclude_unset=True))


@structure.get("/people", response={200: list[PersonOut], **ERRORS}, url_name="people")
@paginate(Pages)
def people(
    request: HttpRequest,
    email: str | None = Query(None, max_length=254, pattern=r"^[^\x00-\x1f\x7f]*$"),
):
    """The organisation's people with their unit, nearest manager and assigned roles."""
    return selectors.people(
        organisation_id=_organisation(request, Scope.STRUCTURE_READ), email=email
    )


@structure.get("/groups", response={200: list[GroupOut], **ERRORS}, url_name="groups")
@paginate(Pages)
def groups(request: HttpRequest):
    """The management groups with their leader and members."""
    return selectors.groups(organisation_id=_organisation(request, Scope.STRUCTURE_READ))


# --- Published plans -------------------------------------------------------

plans = Router(tags=["Planer"])


class VersionRef(Schema):
    number: int
    published_at: datetime


class PlanOut(Schema):
    id: int
    title: str
    versions: list[VersionRef]

    @staticmethod
    def resolve_versions(plan) -> list[dict]:
        return [{"number": v.number, "published_at": v.published_at} for v in plan.versions.all()]


class VersionOut(Schema):
    plan_id: int
    number: int
    published_at: datetime
    content: dict[str, Any]


@plans.get("/plans", response={200: list[PlanOut], **ERRORS}, url_name="plans")
@paginate(Pages)
def plan_list(request: HttpRequest):
    """Plans for leader well-being that have a published version, for the intranet."""
    return selectors.published_plans(organisation_id=_organisation(request, Scope.PLANS_READ))


@plans.get(
    "/plans/{plan_id}/versions/{number}", response={200: VersionOut, **ERRORS}, url_name="version"
)
def plan_version(
    request: HttpRequest,
    plan_id: int = Path(..., ge=1, le=MAX_ID),
    number: int = Path(..., ge=1, le=MAX_ID),
):
    """One published version as it was published: its themes, action cards and tasks."""
    version = selectors.published_version(
        organisation_id=_organisation(request, Scope.PLANS_READ), plan_id=plan_id, number=number
    )
    if version is None:
        raise HttpError(404, "Planen eller versionen findes ikke.")
    return version


# --- Status ----------------------------------------------------------------

status = Router(tags=["Status"])


class FigureOut(Schema):
    hidden: bool
    value: int | None
    population: int | None
    share_percent: int | None


class RowOut(Schema):
    label: str
    leaders: int
    agreement_with_yourself: FigureOut | None
    dialogue_with_manager: FigureOut | None
    management_group_round: FigureOut | None


class StatusOut(Schema):
    day: date
    k: int
    total: RowOut
    rows: list[RowOut]
    open_escalations: int


def _figure(figure) -> dict | None:
    if figure is None:
        return None
    if not figure.shown:
        return {"hidden": True, "value": None, "population": None, "share_percent": None}
    return {
        "hidden": False,
        "value": figure.value,
        "population": figure.population,
        "share_percent": figure.share,
    }


def _row(row, label: str | None = None) -> dict:
    return {
        "label": label or str(row.display_label),
        "leaders": row.leaders,
        "agreement_with_yourself": _figure(row.agreement),
        "dialogue_with_manager": _figure(row.dialogue),
        "management_group_round": _figure(row.rounds),
    }


@status.get("/status", response={200: StatusOut, **ERRORS}, url_name="status")
def status_now(request: HttpRequest):
    """The status page's latest daily figures: counts and shares, never single leaders.
    A figure drawn from fewer than k leaders, or one that would reveal it, is hidden."""
    token: ApiToken = request.auth
    _organisation(request, Scope.STATUS_READ)
    found = core_status.organisation_status_stored(token.organisation)
    if found is None:
        raise HttpError(404, "Der er endnu ingen status. Den laves én gang i døgnet.")
    return {
        "day": found.today,
        "k": found.k,
        "total": _row(found.total, "Hele organisationen"),
        "rows": [_row(row) for row in found.rows],
        "open_escalations": found.open_escalations,
    }


# --- The benchmark across organisations (issue 25) -------------------------------

benchmark = Router(tags=["Sammenligning"])


class BenchmarkFigureOut(Schema):
    sector: str = Field(description="The sector, or empty for all participating organisations")
    item: int = Field(description="The statement (tool 2, 1-20) or theme (tool 3, 1-12)")
    importance: float
    success: float
    margin: float = Field(description="95 % of the noise on a mean lies within this")
    organisations: int = Field(description="The organisations behind it, with noise")


class ReleaseOut(Schema):
    tool: int
    quarter: str
    rho: float = Field(description="The release's privacy loss, zero-concentrated DP")
    epsilon: float
    delta: float
    min_organisations: int
    min_leaders: int
    figures: list[BenchmarkFigureOut]


@benchmark.get("/benchmark", response={200: list[ReleaseOut], **ERRORS}, url_name="benchmark")
def benchmark_releases(request: HttpRequest):
    """Every released quarter: noisy means across the organisations that take part, with
    their privacy loss and thresholds. Nothing of one organisation's own."""
    _organisation(request, Scope.BENCHMARK_READ)
    return benchmark_selectors.releases_with_figures()


@benchmark.get(
    "/benchmark.csv",
    response={200: None, **ERRORS},
    url_name="benchmark_csv",
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def benchmark_csv(request: HttpRequest):
    """The same figures as CSV, a row per cell, with the release's ε and thresholds."""
    _organisation(request, Scope.BENCHMARK_READ)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ledertrivsel-benchmark.csv"'
    writer = csv.writer(response)
    which, about = ("tool", "quarter"), benchmark_selectors.RELEASE_FIELDS[2:]
    writer.writerow([*which, *benchmark_selectors.FIGURE_FIELDS, *about])
    for release in benchmark_selectors.releases_with_figures():
        for figure in release["figures"]:
            writer.writerow(
                [release[name] for name in which]
                + [figure[name] for name in benchmark_selectors.FIGURE_FIELDS]
                + [release[name] for name in about]
            )
    return response


api.add_router("/", structure)
api.add_router("/", plans)
api.add_router("/", status)
api.add_router("/", benchmark)
