"""A quarter's benchmark: only organisations that take part, only cells with enough
behind them, once per quarter, through OpenDP's measurement at the documented cost, and
no way to difference one organisation out of two releases."""

import math
import random
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from benchmark import release as mechanism
from benchmark import selectors
from benchmark.models import Participation, Release, Tool
from benchmark.release import BenchmarkError, Contribution
from method.loader import CURRENT_VERSION
from plans.models import Plan, PlanTheme
from prioritymap.model import GroupMap, Position
from tests.factories import OrganisationFactory

QUARTER = "2026-Q4"
CLOSED = datetime(2026, 11, 2, 12, tzinfo=timezone.get_current_timezone())
THEMES = list(range(1, 13))


def organisation_with_closed_plan(*, leaders=12, level=0.0, sector="kommune", taking_part=True):
    """An organisation whose plan's rating closed this quarter with `leaders` answers,
    every theme at importance `level` and success -`level`."""
    organisation = OrganisationFactory()
    Participation.objects.create(
        organisation=organisation,
        sector=sector,
        size_band="50_199",
        admin_confirmed_at=CLOSED if taking_part else None,
        representative_confirmed_at=CLOSED if taking_part else None,
    )
    plan = Plan.objects.create(
        organisation=organisation, title="Plan", method_version=CURRENT_VERSION
    )
    group = GroupMap(respondents=leaders)
    themes = PlanTheme.objects.bulk_create(
        PlanTheme(plan=plan, number=number, title=f"Tema {number}") for number in THEMES
    )
    for theme in themes:
        group.positions[theme.pk] = Position(
            item=theme.pk,
            answers=leaders,
            importance=level,
            success=-level,
            importance_spread=0.0,
            success_spread=0.0,
        )
    plan.rating_closed_at = CLOSED
    plan.map_snapshot = {"map": group.to_json(), "answered": leaders, "k": 5}
    plan.save()
    return organisation


def released(quarter=QUARTER):
    rows = selectors.contributions(tool=Tool.PLAN, quarter=quarter)
    return mechanism.release(tool=Tool.PLAN, quarter=quarter, rows=rows, items=THEMES)


@pytest.mark.django_db
def test_only_organisations_that_take_part_are_read():
    taking_part = {organisation_with_closed_plan().pk for _ in range(3)}
    organisation_with_closed_plan(taking_part=False)
    withdrawn = organisation_with_closed_plan()
    Participation.objects.filter(organisation=withdrawn).update(withdrawn_at=CLOSED)
    rows = selectors.contributions(tool=Tool.PLAN, quarter=QUARTER)
    assert {row.organisation_id for row in rows} == taking_part
    assert not selectors.contributions(tool=Tool.PLAN, quarter="2026-Q3")


@pytest.mark.django_db
def test_below_the_thresholds_nothing_is_released():
    for _ in range(4):
        organisation_with_closed_plan(leaders=20)
    assert not released("2026-Q4").figures.exists()  # 4 organisations, 80 leaders


@pytest.mark.django_db
def test_too_few_leaders_behind_a_cell_release_nothing():
    for _ in range(5):
        organisation_with_closed_plan(leaders=9)
    assert not released().figures.exists()  # 5 organisations, 45 leaders


@pytest.mark.django_db
def test_enough_behind_a_cell_is_released_with_its_margin():
    for _ in range(5):
        organisation_with_closed_plan(leaders=10, level=0.5)
    made = released()
    figures = list(made.figures.all())
    assert {f.sector for f in figures} == {"", "kommune"}
    assert {f.item for f in figures} == set(THEMES)
    for figure in figures:
        assert -1 <= figure.importance <= 1 and -1 <= figure.success <= 1
        assert figure.margin > 0


@pytest.mark.django_db
def test_a_quarter_is_released_once(capsys):
    for _ in range(5):
        organisation_with_closed_plan(leaders=10)
    call_command("release_benchmark", quarter=QUARTER, tool=3)
    assert "organisations" in capsys.readouterr().out
    with pytest.raises(BenchmarkError, match="allerede frigivet"):
        released()
    with pytest.raises(CommandError, match="allerede frigivet"):
        call_command("release_benchmark", quarter=QUARTER, tool=3)
    assert Release.objects.filter(tool=Tool.PLAN, quarter=QUARTER).count() == 1


def test_a_wrongly_written_quarter_is_said_plainly():
    with pytest.raises(CommandError, match="2026-Q4"):
        call_command("release_benchmark", quarter="Q4 2026")


@pytest.mark.django_db
def test_withdrawing_stops_what_is_released_next():
    kept = [organisation_with_closed_plan(leaders=10) for _ in range(5)]
    Participation.objects.filter(organisation=kept[0]).update(
        withdrawn_at=CLOSED, admin_confirmed_at=None, representative_confirmed_at=None
    )
    rows = selectors.contributions(tool=Tool.PLAN, quarter=QUARTER)
    assert kept[0].pk not in {row.organisation_id for row in rows}
    assert not released().figures.exists()  # 4 remain: below the threshold


@pytest.mark.django_db
def test_the_release_costs_what_opendp_accounts_and_no_more():
    for _ in range(5):
        organisation_with_closed_plan(leaders=10)
    made = released()
    scale = mechanism.scale_for(THEMES)
    composed = mechanism.measurement(THEMES, scale)
    assert made.rho == pytest.approx(composed.map(1))
    assert made.rho <= mechanism.RHO_PER_RELEASE
    # A little less noise would cost more than the budget.
    assert mechanism.measurement(THEMES, scale * 0.99).map(1) > mechanism.RHO_PER_RELEASE
    from opendp import combinators

    approx = combinators.make_fix_delta(
        combinators.make_zCDP_to_approxDP(composed), mechanism.DELTA
    )
    assert (made.epsilon, made.delta) == pytest.approx(approx.map(1))
    # Two tools a quarter stay within the quarter's budget.
    assert 2 * made.rho <= mechanism.RHO_PER_QUARTER


def _rows(count, seed):
    rng = random.Random(seed)
    return [
        Contribution(
            organisation_id=n,
            sector=rng.choice(["kommune", "region", "stat"]),
            leaders=20,
            means={item: (rng.uniform(-1, 1), rng.uniform(-1, 1)) for item in THEMES},
        )
        for n in range(count)
    ]


def test_many_organisations_give_a_useful_figure():
    rows = _rows(200, seed=1)
    scale = mechanism.scale_for(THEMES)
    figures = mechanism.compute(rows=rows, items=THEMES, scale=scale)
    overall = {f["item"]: f for f in figures if f["sector"] == ""}
    for item in (1, 7, 12):
        truth = sum(row.means[item][0] for row in rows) / len(rows)
        assert abs(overall[item]["importance"] - truth) < 0.25
        assert overall[item]["margin"] < 0.15


def test_a_differencing_attack_does_not_recover_one_organisation():
    """The same organisations with and without one (whose importance is +1 on every
    theme): the difference of the two released sums is that organisation's row plus
    noise. Over forty pairs of releases, the attacker's guess misses the true value by
    more than the whole scale, so it says nothing about the organisation."""
    others = _rows(30, seed=2)
    target = Contribution(
        organisation_id=999, sector="kommune", leaders=20, means={i: (1.0, 1.0) for i in THEMES}
    )
    scale = mechanism.scale_for(THEMES)
    overall = mechanism.queries(THEMES, scale)[0]
    with_target = mechanism._frame([*others, target], THEMES)
    without = mechanism._frame(others, THEMES)
    errors = []
    for _ in range(40):
        guess = overall(with_target).collect()["i1"][0] - overall(without).collect()["i1"][0]
        errors.append(guess - 1.0)
    root_mean_square = math.sqrt(sum(e * e for e in errors) / len(errors))
    assert root_mean_square > 2.0  # the scale runs from -1 to +1
    # and the noise is what the accounting says: the difference of two sums of scale s.
    assert root_mean_square == pytest.approx(scale * math.sqrt(2), rel=0.35)


def test_a_small_cell_is_never_divided_by_a_count_below_its_threshold():
    rows = _rows(5, seed=3)
    scale = mechanism.scale_for(THEMES)
    for _ in range(20):
        for figure in mechanism.compute(rows=rows, items=THEMES, scale=scale):
            assert figure["organisations"] >= mechanism.MIN_ORGANISATIONS
