"""What the benchmark reads: who takes part, each organisation's row for a release
(from its closed maps only), and the released figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from benchmark.models import Participation, Release, Tool
from benchmark.release import Contribution
from groups.models import Round
from plans.models import Plan, PlanTheme
from prioritymap.model import GroupMap

ITEMS = {Tool.GROUP: list(range(1, 21)), Tool.PLAN: list(range(1, 13))}


def participation_of(*, organisation_id: int) -> Participation | None:
    return (
        Participation.objects.filter(organisation_id=organisation_id)
        .select_related("admin_confirmed_by", "representative_confirmed_by")
        .first()
    )


def quarter_bounds(quarter: str) -> tuple[datetime, datetime]:
    """ "2026-Q4" -> its first moment and the next quarter's, in the local time zone."""
    year, number = quarter.split("-Q")
    first = date(int(year), 3 * (int(number) - 1) + 1, 1)
    after = date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(after, time.min, tzinfo=zone),
    )


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _add(sums: dict, group: GroupMap, number_of) -> int:
    for item, position in group.positions.items():
        number = number_of(item)
        if number is None:
            continue
        entry = sums[number]
        entry[0] += position.importance * position.answers
        entry[1] += position.success * position.answers
        entry[2] += position.answers
    return group.respondents


def contributions(*, tool: int, quarter: str) -> list[Contribution]:
    """A row per organisation that takes part: its mean importance and success per item,
    weighted by answers, over the maps it closed in the quarter. Maps below their k
    were never made, and so count for nothing here either."""
    start, end = quarter_bounds(quarter)
    taking_part = {
        p.organisation_id: p
        for p in Participation.objects.filter(
            admin_confirmed_at__isnull=False,
            representative_confirmed_at__isnull=False,
            withdrawn_at__isnull=True,
        )
    }
    sums: dict[int, dict] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0, 0]))
    leaders: dict[int, int] = defaultdict(int)
    if tool == Tool.GROUP:
        for round_ in Round.objects.filter(
            organisation_id__in=taking_part,
            preparation_closed_at__gte=start,
            preparation_closed_at__lt=end,
        ).only("organisation_id", "map_snapshot"):
            stored = (round_.map_snapshot or {}).get("map")
            if stored:
                group = GroupMap.from_json(stored)
                leaders[round_.organisation_id] += _add(
                    sums[round_.organisation_id], group, lambda item: item
                )
    else:
        plans = list(
            Plan.objects.filter(
                organisation_id__in=taking_part,
                rating_closed_at__gte=start,
                rating_closed_at__lt=end,
            ).only("organisation_id", "map_snapshot")
        )
        numbers = dict(
            PlanTheme.objects.filter(plan__in=plans, number__isnull=False).values_list(
                "pk", "number"
            )
        )
        for plan in plans:
            stored = (plan.map_snapshot or {}).get("map")
            if stored:
                group = GroupMap.from_json(stored)
                leaders[plan.organisation_id] += _add(
                    sums[plan.organisation_id], group, numbers.get
                )
    return [
        Contribution(
            organisation_id=organisation_id,
            sector=taking_part[organisation_id].sector,
            leaders=leaders[organisation_id],
            means={
                item: (importance / answers, success / answers)
                for item, (importance, success, answers) in items.items()
                if answers
            },
        )
        for organisation_id, items in sums.items()
    ]


RELEASE_FIELDS = ("tool", "quarter", "rho", "epsilon", "delta", "min_organisations", "min_leaders")
FIGURE_FIELDS = ("sector", "item", "importance", "success", "margin", "organisations")


def releases_with_figures() -> list[dict]:
    """Every release with its figures, as plain data (two queries): what the API gives
    BFA and researchers."""
    return [
        {
            **{name: getattr(release, name) for name in RELEASE_FIELDS},
            "figures": [
                {name: getattr(figure, name) for name in FIGURE_FIELDS}
                for figure in release.figures.all()
            ],
        }
        for release in Release.objects.prefetch_related("figures").order_by("quarter", "tool")
    ]


def latest_release(*, tool: int) -> Release | None:
    return Release.objects.filter(tool=tool).order_by("-quarter").first()


@dataclass(frozen=True)
class Comparison:
    """One released cell as a reader sees it."""

    label: str
    importance: float
    success: float
    margin: float
    organisations: int


@dataclass(frozen=True)
class Benchmark:
    """What an organisation that takes part sees of the others: the latest release's
    cells for its own sector and for all, by item (statement or theme number)."""

    quarter: str
    by_item: dict[int, list[Comparison]]


def quarter_label(quarter: str) -> str:
    year, number = quarter.split("-Q")
    return _("%(number)s. kvartal %(year)s") % {"number": number, "year": year}


def benchmark_for(*, organisation_id: int, tool: int) -> Benchmark | None:
    """None unless the organisation takes part: the benchmark is for those who give to
    it. Two queries."""
    participation = participation_of(organisation_id=organisation_id)
    if participation is None or not participation.taking_part:
        return None
    release = latest_release(tool=tool)
    if release is None:
        return Benchmark(quarter="", by_item={})
    sector = _("Sektoren %(sector)s") % {"sector": participation.get_sector_display()}
    labels = {"": _("Alle deltagende organisationer"), participation.sector: sector}
    by_item: dict[int, list[Comparison]] = {}
    for figure in release.figures.filter(sector__in=labels).order_by("item", "sector"):
        by_item.setdefault(figure.item, []).append(
            Comparison(
                label=labels[figure.sector],
                importance=figure.importance,
                success=figure.success,
                margin=figure.margin,
                organisations=figure.organisations,
            )
        )
    return Benchmark(quarter=quarter_label(release.quarter), by_item=by_item)


def comparison_rows(*, benchmark: Benchmark | None, entries) -> list[dict]:
    """The organisation's own map beside the others' mean, for the picture
    (benchmark/templatetags/benchmark_chart.py). `entries`: (label, title, item number or
    None, the own map's position or None) per statement or theme, in the page's order."""
    if benchmark is None:
        return []
    rows = []
    for label, title, number, own in entries:
        others = benchmark.by_item.get(number) if number else None
        if not others:
            continue
        rows.append(
            {
                "label": label,
                "title": title,
                "own_importance": own.importance if own else None,
                "own_success": own.success if own else None,
                "others_importance": others[0].importance,
                "others_success": others[0].success,
                "margin": others[0].margin,
            }
        )
    return rows
