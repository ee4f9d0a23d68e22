"""A quarter's benchmark, released through OpenDP's measurement (issue 25).

The privacy unit is the organisation: each contributes one row, its own mean
importance and success per statement (tool 2) or theme (tool 3), each bounded to the
scale's -1..1, computed from its closed maps only. What is released about a cell (all
organisations, or one sector) is a noisy count of organisations and a noisy sum per
column, Gaussian noise under zero-concentrated differential privacy (zCDP); the mean is
their quotient. Adding or removing one organisation changes what is released only
within the noise: the whole release costs at most RHO_PER_RELEASE, which OpenDP's
accountant checks before anything is computed, and a tool's quarter is released once.

The thresholds (5 organisations, 50 leaders behind a cell) are applied to the exact
counts: that a cell is shown says that at least so many stand behind it, nothing more.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from django.db import IntegrityError, transaction

from benchmark.models import ImportedContribution, Release, ReleasedFigure, Sector

# zCDP per release of one tool's quarter; the quarter's budget is two releases (the
# 20 statements and the 12 themes). docs/privacy.md says what it means.
RHO_PER_RELEASE = 0.5
RHO_PER_QUARTER = 2 * RHO_PER_RELEASE
DELTA = 1e-6
MIN_ORGANISATIONS = 5
MIN_LEADERS = 50
# An upper bound on the rows OpenDP may assume (for its floating-point error bound).
MAX_ORGANISATIONS = 100_000
ALL_SECTORS = ""


@cache
def _libraries():
    """The parts of OpenDP a release uses, and Polars, imported when a release is made.
    `opendp.prelude` would also import its scikit-learn extras: a second per process."""
    from types import SimpleNamespace

    import polars as pl
    from opendp import combinators, domains, measurements, measures, metrics, mod
    from opendp.extras import polars as dp_polars

    mod.enable_features("contrib")
    dp = SimpleNamespace(
        c=combinators,
        m=measurements,
        polars=dp_polars,
        len=dp_polars.dp_len,
        String="String",
        atom_domain=domains.atom_domain,
        lazyframe_domain=domains.lazyframe_domain,
        series_domain=domains.series_domain,
        with_margin=domains.with_margin,
        symmetric_distance=metrics.symmetric_distance,
        zero_concentrated_divergence=measures.zero_concentrated_divergence,
    )
    return dp, pl


class BenchmarkError(Exception):
    """Said to the operator in Danish."""


@dataclass(frozen=True)
class Contribution:
    """One organisation's row: its means per item from its closed maps this quarter."""

    organisation_id: int
    sector: str
    leaders: int
    means: Mapping[int, tuple[float, float]]  # item -> (importance, success)


def _columns(items: Iterable[int]) -> list[str]:
    return [f"{axis}{item}" for item in items for axis in ("i", "s")]


def _domain(columns: list[str]):
    dp, _ = _libraries()
    domain = dp.lazyframe_domain(
        [dp.series_domain("sector", dp.atom_domain(T=dp.String))]
        + [dp.series_domain(name, dp.atom_domain(T=float, nan=False)) for name in columns]
    )
    domain = dp.with_margin(domain, dp.polars.Margin(max_length=MAX_ORGANISATIONS))
    return dp.with_margin(
        domain,
        dp.polars.Margin(
            by=["sector"], invariant="keys", max_length=MAX_ORGANISATIONS, max_groups=len(Sector)
        ),
    )


def queries(items: list[int], scale: float) -> list:
    """A release's two measurements: all organisations, and each sector."""
    dp, pl = _libraries()
    columns = _columns(items)
    domain = _domain(columns)
    # Unsigned: a count of organisations is never below zero.
    sums = [pl.col(name).fill_null(0.0).dp.sum((-1.0, 1.0)) for name in columns]
    aggregates = [dp.len(signed=False), *sums]
    plan = pl.LazyFrame(schema={"sector": pl.String, **dict.fromkeys(columns, pl.Float64)})
    return [
        dp.m.make_private_lazyframe(
            domain,
            dp.symmetric_distance(),
            dp.zero_concentrated_divergence(),
            query,
            global_scale=scale,
        )
        for query in (plan.select(*aggregates), plan.group_by("sector").agg(*aggregates))
    ]


def measurement(items: list[int], scale: float):
    """Both queries composed: OpenDP's own accounting of what a release costs."""
    dp, _ = _libraries()
    return dp.c.make_composition(queries(items, scale))


def scale_for(items: list[int], rho: float = RHO_PER_RELEASE) -> float:
    """Noise whose release costs at most `rho` by OpenDP's accounting. Each of the
    2 x (1 + 2 x items) aggregates changes by at most 1 when an organisation is added
    or removed, so the Gaussian's scale is about sqrt(aggregates / 2 rho); OpenDP's sums
    of floats allow for rounding, so the scale grows until OpenDP says it fits."""
    return _scale_for(tuple(items), rho)


@cache  # the same items and budget always give the same scale
def _scale_for(items: tuple[int, ...], rho: float) -> float:
    aggregates = 2 * (1 + 2 * len(items))
    scale = math.sqrt(aggregates / (2 * rho))
    while measurement(list(items), scale).map(1) > rho:
        scale *= 1.0001
    return scale


def epsilon_of(items: list[int], scale: float) -> tuple[float, float]:
    """The release's loss said as (epsilon, delta), converted by OpenDP."""
    dp, _ = _libraries()
    approx = dp.c.make_fix_delta(dp.c.make_zCDP_to_approxDP(measurement(items, scale)), DELTA)
    return approx.map(1)


def _frame(rows: list[Contribution], items: list[int]):
    _, pl = _libraries()
    data = []
    for row in rows:
        record: dict = {"sector": row.sector}
        for item in items:
            importance, success = row.means[item]
            record[f"i{item}"] = max(-1.0, min(1.0, float(importance)))
            record[f"s{item}"] = max(-1.0, min(1.0, float(success)))
        data.append(record)
    schema = {"sector": pl.String, **dict.fromkeys(_columns(items), pl.Float64)}
    return pl.LazyFrame(data, schema=schema)


def noisy_cells(rows: list[Contribution], items: list[int], scale: float) -> dict[str, dict]:
    """One run of the mechanism: per cell ("" for all), the noisy count and sums."""
    frame = _frame(rows, items)
    # Run one after the other, as the basic composition that is accounted for does.
    overall, by_sector = (query(frame).collect() for query in queries(items, scale))
    cells = {ALL_SECTORS: overall.row(0, named=True)}
    for record in by_sector.iter_rows(named=True):
        cells[record["sector"]] = record
    return cells


def compute(
    *,
    rows: list[Contribution],
    items: list[int],
    scale: float,
    imported: Iterable[tuple[float, Mapping[str, Mapping]]] = (),
) -> list[dict]:
    """The figures of the cells that pass the thresholds, from one run of the mechanism
    here and the noisy cells other installations ran it for (their noise's scale and
    cells, benchmark/exchange.py). Organisations whose maps miss an item do not take
    part in the release."""
    rows = [row for row in rows if all(item in row.means for item in items)]
    parts = [(scale, noisy_cells(rows, items, scale))]
    exact = exact_counts(rows)
    for other_scale, cells in imported:
        parts.append((other_scale, cells))
        for sector, cell in cells.items():
            organisations, leaders = exact.get(sector, (0, 0))
            exact[sector] = (organisations + cell["organisations"], leaders + cell["leaders"])
    figures = []
    for sector in [ALL_SECTORS, *Sector.values]:
        organisations, leaders = exact.get(sector, (0, 0))
        if organisations < MIN_ORGANISATIONS or leaders < MIN_LEADERS:
            continue
        present = [(part_scale, cells[sector]) for part_scale, cells in parts if sector in cells]
        if not present:
            continue
        noisy_count = sum(cell["len"] for _, cell in present)
        # The noisy count may fall below the threshold the cell is known to pass; the
        # threshold is the better floor (post-processing: no further privacy cost), and a
        # small cell's mean is not blown up by dividing by a count near zero.
        count = max(int(noisy_count), MIN_ORGANISATIONS)
        # Independent Gaussian noises add their variances; 95 % of the noise on a mean
        # lies within 1.96 standard deviations of it.
        margin = 1.96 * math.sqrt(sum(s * s for s, _ in present)) / count
        for item in items:
            importance = sum(cell[f"i{item}"] for _, cell in present)
            success = sum(cell[f"s{item}"] for _, cell in present)
            figures.append(
                {
                    "sector": sector,
                    "item": item,
                    "importance": max(-1.0, min(1.0, importance / count)),
                    "success": max(-1.0, min(1.0, success / count)),
                    "margin": margin,
                    "organisations": count,
                }
            )
    return figures


def exact_counts(rows: list[Contribution]) -> dict[str, tuple[int, int]]:
    """Organisations and leaders behind each cell, for the thresholds."""
    counts: dict[str, tuple[int, int]] = {}
    for row in rows:
        for sector in (ALL_SECTORS, row.sector):
            organisations, leaders = counts.get(sector, (0, 0))
            counts[sector] = (organisations + 1, leaders + row.leaders)
    return counts


def refuse_second_release(*, tool: int, quarter: str) -> None:
    """A quarter's budget is spent by its release here or its export to another
    installation, whichever came first."""
    if Release.objects.filter(tool=tool, quarter=quarter).exists():
        raise BenchmarkError(
            f"Kvartalet {quarter} er allerede frigivet for værktøj {tool}; "
            "budgettet for kvartalet er brugt."
        )


def accounted(items: list[int]) -> tuple[float, float, float, float]:
    """The noise's scale for a release, and its loss by OpenDP's accounting: (scale,
    rho, epsilon, delta). Refused if the accounting exceeds the budget."""
    scale = scale_for(items)
    rho = measurement(items, scale).map(1)
    if rho > RHO_PER_RELEASE or math.isnan(rho):
        raise BenchmarkError("OpenDP's regnskab overstiger budgettet for en frigivelse.")
    epsilon, delta = epsilon_of(items, scale)
    return scale, rho, epsilon, delta


def release(*, tool: int, quarter: str, rows: list[Contribution], items: list[int]) -> Release:
    """Releases a tool's quarter once, with what other installations contributed for it.
    A second release of the same quarter would spend the budget again with fresh noise
    (two noisy answers to one question average the noise away), so it is refused."""
    refuse_second_release(tool=tool, quarter=quarter)
    scale, rho, epsilon, delta = accounted(items)
    imported = [
        (contribution.scale, contribution.cells)
        for contribution in ImportedContribution.objects.filter(tool=tool, quarter=quarter)
    ]
    figures = compute(rows=rows, items=items, scale=scale, imported=imported)
    try:
        with transaction.atomic():
            made = Release.objects.create(
                tool=tool,
                quarter=quarter,
                rho=rho,
                epsilon=epsilon,
                delta=delta,
                min_organisations=MIN_ORGANISATIONS,
                min_leaders=MIN_LEADERS,
            )
            ReleasedFigure.objects.bulk_create(
                ReleasedFigure(release=made, **figure) for figure in figures
            )
    except IntegrityError as race:
        raise BenchmarkError(f"Kvartalet {quarter} er allerede frigivet.") from race
    return made
