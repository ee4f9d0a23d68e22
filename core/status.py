"""The organisation's status of leader well-being, for top management and HR.

Counts and shares only, never names or content, and no figure drawn from fewer than 5
people (core/suppression.py). The rows are the units at the first level of the
tree that has more than one unit, each with the units below it, plus the people
directly in the unit above them (or without a unit), so that the rows add up to the
whole organisation and one suppression covers the whole table.

A fixed number of queries, whatever the size of the organisation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import StatusSnapshot
from core.suppression import Cell, suppress
from dialogue.models import Meeting, SelfAgreement
from groups.models import Escalation, EscalationStatus, Round
from organisations import selectors
from organisations.models import (
    GroupMembership,
    ManagementGroup,
    Organisation,
    Unit,
)
from plans.models import FeedbackRequest, Plan

STATUS_K = 5
DIALOGUE_DAYS = 91
ROUND_DAYS = 365


@dataclass
class Figure:
    value: int
    population: int
    shown: bool
    # Why a hidden figure is hidden: drawn from fewer than k people (True), or hidden
    # so that another hidden figure cannot be worked out (False). Snapshots from before
    # it was kept read False.
    few: bool = False

    @property
    def share(self) -> int:
        return round(100 * self.value / self.population) if self.population else 0


@dataclass
class Row:
    label: str
    leaders: int
    groups: int
    agreement: Figure | None = None
    dialogue: Figure | None = None
    rounds: Figure | None = None
    # The row of people directly under the top unit (`above`) or without a unit: its
    # label is worded when shown, in the reader's language, not when the snapshot was
    # stored.
    direct: bool = False
    above: str = ""

    @property
    def display_label(self) -> str:
        if not self.direct:
            return self.label
        if self.above:
            return _("Direkte under %(unit)s eller uden enhed") % {"unit": self.above}
        return _("Uden enhed")


@dataclass
class Status:
    rows: list[Row]
    total: Row
    k: int
    open_escalations: int
    oldest_escalation: date | None = None
    plans: list = field(default_factory=list)
    today: date | None = None


def _partition(organisation_id: int):
    """Row labels, and each unit's row (0: the people directly in the unit above the
    rows, or without a unit; its label is the name of that unit, or empty)."""
    units = list(
        Unit.objects.filter(organisation_id=organisation_id).values_list("pk", "parent_id", "name")
    )
    children: dict[int | None, list[tuple[int, str]]] = {}
    for pk, parent_id, name in units:
        children.setdefault(parent_id, []).append((pk, name))
    parent_of = {pk: parent_id for pk, parent_id, _name in units}
    top, above = None, ""
    while len(children.get(top, [])) == 1:
        top, above = children[top][0]
    level = sorted(children.get(top, []), key=lambda unit: unit[1])
    labels = [above] + [name for _pk, name in level]
    row_of_level = {pk: index + 1 for index, (pk, _name) in enumerate(level)}

    def row_of(unit_id: int | None) -> int:
        node = unit_id
        while node is not None and node not in row_of_level:
            if node == top:
                return 0
            node = parent_of.get(node)
        return row_of_level.get(node, 0) if node is not None else 0

    return labels, {pk: row_of(pk) for pk, _parent, _name in units}


def _moved_enough(before: int, now: int, k: int) -> bool:
    return before == now or abs(now - before) >= k


def _held(
    label: str, attribute: str, value: int, population: int, before: dict, k: int
) -> tuple[int, int]:
    """The figure to publish for one cell: today's, unless its count or its population
    moved by 1 to k-1 since the last published one; then the last published, so that no
    one person's change (a new agreement, a deactivation, a move between units) shows
    between two days (issue 22, path 5)."""
    earlier = before.get(label, {}).get(attribute)
    if not earlier:
        return value, population
    if _moved_enough(earlier["value"], value, k) and _moved_enough(
        earlier["population"], population, k
    ):
        return value, population
    return earlier["value"], earlier["population"]


def organisation_status(
    organisation, today: date | None = None, published_before: dict | None = None
) -> Status:
    """The status as of `today`. With `published_before` (the last snapshot's figures)
    each cell keeps its last published figures until its count and its population have
    each moved by 0 or by at least k; the totals are then the sums of the published
    rows, so that they cannot give away a held row by subtraction."""
    today = today or timezone.localdate()
    labels, row_of_unit = _partition(organisation.pk)
    count = len(labels)
    # Only people someone stands behind (issue 22, path 7): leaders typed in by hand
    # and not yet confirmed cannot tip a cell over k.
    leaders = dict(
        selectors.leaders(organisation_id=organisation.pk)
        .filter(vouched_at__isnull=False)
        .values_list("pk", "unit_id")
    )
    row_of_leader = {pk: row_of_unit.get(unit_id, 0) for pk, unit_id in leaders.items()}

    # The periods are encrypted (issue 22, path 4): every leader's are read and
    # decrypted here, once a day by the worker, and only counted.
    with_agreement = {
        agreement.owner_id
        for agreement in SelfAgreement.objects.filter(owner_id__in=list(leaders)).only(
            "owner_id", "starts_on", "length"
        )
        if agreement.is_current(today)
    }
    with_dialogue = {
        leader_id
        for leader_id, manager_id, current_manager_id in Meeting.objects.filter(
            dialogue__organisation=organisation,
            date__gt=today - timedelta(days=DIALOGUE_DAYS),
            date__lte=today,
        ).values_list("dialogue__leader_id", "dialogue__manager_id", "dialogue__leader__manager_id")
        if manager_id == current_manager_id and leader_id in leaders
    }
    groups = dict(
        ManagementGroup.objects.filter(organisation=organisation).values_list("pk", "unit_id")
    )
    row_of_group = {pk: row_of_unit.get(unit_id, 0) for pk, unit_id in groups.items()}
    held = set(
        Round.objects.filter(
            group_id__in=list(groups),
            meeting_date__gt=today - timedelta(days=ROUND_DAYS),
            meeting_date__lte=today,
        ).values_list("group_id", flat=True)
    )
    group_people: list[set[int]] = [set() for _ in range(count)]
    for group_id, person_id in GroupMembership.objects.filter(
        group_id__in=list(groups), person__vouched_at__isnull=False
    ).values_list("group_id", "person_id"):
        group_people[row_of_group[group_id]].add(person_id)

    rows = [Row(label=label, leaders=0, groups=0) for label in labels]
    rows[0].direct, rows[0].above = True, labels[0]
    agreement_values, dialogue_values, round_values = [0] * count, [0] * count, [0] * count
    for pk, row in row_of_leader.items():
        rows[row].leaders += 1
        agreement_values[row] += pk in with_agreement
        dialogue_values[row] += pk in with_dialogue
    for pk, row in row_of_group.items():
        rows[row].groups += 1
        round_values[row] += pk in held

    figures_of_total: dict[str, Figure] = {}
    before = {row["label"]: row for row in (published_before or {}).get("rows", [])}
    for attribute, values, population_of, people_of in (
        ("agreement", agreement_values, lambda r: r.leaders, None),
        ("dialogue", dialogue_values, lambda r: r.leaders, None),
        ("rounds", round_values, lambda r: r.groups, lambda i: len(group_people[i])),
    ):
        cells = []
        for i, row in enumerate(rows):
            value, population = _held(
                row.label, attribute, values[i], population_of(row), before, STATUS_K
            )
            cells.append(Cell(population, value, people_of(i) if people_of else None))
        total_cell = Cell(
            sum(cell.population for cell in cells),
            sum(cell.value for cell in cells),
            len(set().union(*group_people)) if people_of else None,
        )
        result = suppress(cells, total_cell, STATUS_K)
        for row, cell, shown in zip(rows, cells, result.rows, strict=True):
            shown = shown and bool(cell.population)
            figure = Figure(
                cell.value, cell.population, shown, few=not shown and cell.drawn_from < STATUS_K
            )
            setattr(row, attribute, figure)
        figures_of_total[attribute] = Figure(
            total_cell.value,
            total_cell.population,
            result.total,
            few=not result.total and total_cell.drawn_from < STATUS_K,
        )
    # The counts of leaders and groups on each row are the published populations.
    for row in rows:
        row.leaders, row.groups = row.agreement.population, row.rounds.population
    total = Row(
        label=_("Hele organisationen"),
        leaders=figures_of_total["agreement"].population,
        groups=figures_of_total["rounds"].population,
        **figures_of_total,
    )

    return Status(
        rows=[row for row in rows if row.leaders or row.groups],
        total=total,
        k=STATUS_K,
        **_open_escalations(organisation),
        plans=_plans(organisation),
        today=today,
    )


def _open_escalations(organisation) -> dict:
    """How many escalations wait for a decision, and since when (one query)."""
    found = Escalation.objects.filter(
        organisation=organisation, status=EscalationStatus.OPEN
    ).aggregate(count=Count("pk"), oldest=Min("created_at"))
    oldest = found["oldest"]
    return {
        "open_escalations": found["count"],
        "oldest_escalation": timezone.localdate(oldest) if oldest else None,
    }


def _plans(organisation) -> list[dict]:
    plans = list(
        Plan.objects.filter(organisation=organisation)
        .select_related("unit")
        .annotate(latest=Max("versions__number"))
        .order_by("-created_at")
    )
    feedback = {
        (row["version__plan_id"], row["version__number"]): row
        for row in FeedbackRequest.objects.filter(version__plan__in=plans)
        .values("version__plan_id", "version__number")
        .annotate(asked=Count("pk"), answered=Count("answered_at"))
    }
    result = []
    for plan in plans:
        counts = feedback.get((plan.pk, plan.latest), {"asked": 0, "answered": 0})
        result.append({"plan": plan, "latest": plan.latest, **counts})
    return result


# --- The daily snapshot that the page shows ---------------------------------------


def _row_from_json(data: dict) -> Row:
    figures = {
        key: Figure(**data[key]) if data.get(key) else None
        for key in ("agreement", "dialogue", "rounds")
    }
    return Row(
        label=data["label"],
        leaders=data["leaders"],
        groups=data["groups"],
        direct=data.get("direct", False),
        above=data.get("above", ""),
        **figures,
    )


def snapshot_take(*, organisation: Organisation, today: date | None = None) -> bool:
    """Computes and stores today's figures once. Returns whether it stored a new one."""
    today = today or timezone.localdate()
    if StatusSnapshot.objects.filter(organisation=organisation, day=today).exists():
        return False
    previous = (
        StatusSnapshot.objects.filter(organisation=organisation, day__lt=today)
        .values_list("figures", flat=True)
        .first()
    )
    status = organisation_status(organisation, today, published_before=previous)
    figures = {
        "rows": [asdict(row) for row in status.rows],
        "total": asdict(status.total),
        "k": status.k,
    }
    _, created = StatusSnapshot.objects.get_or_create(
        organisation=organisation, day=today, defaults={"figures": figures}
    )
    return created


def snapshots_take_missing(*, today: date | None = None) -> int:
    """Today's snapshot for every organisation that has none yet (the worker's job)."""
    return sum(
        snapshot_take(organisation=organisation, today=today)
        for organisation in Organisation.objects.all()
    )


@dataclass
class Quarter:
    year: int
    number: int
    day: date  # the snapshot's day: the quarter's last day with figures
    total: Row

    @property
    def label(self) -> str:
        return _("%(number)s. kvartal %(year)s") % {"number": self.number, "year": self.year}

    @property
    def short_label(self) -> str:
        return _("%(number)s. kv. %(year)s") % {"number": self.number, "year": self.year}


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def status_trend(*, organisation: Organisation, quarters: int = 8) -> list[Quarter]:
    """The whole organisation's figures at the end of each of the last quarters (the
    quarter's last snapshot; the current quarter's latest), oldest first. Each figure
    was suppressed when its snapshot was taken. Two queries: the days, then the chosen
    snapshots."""
    newest = (
        StatusSnapshot.objects.filter(organisation=organisation)
        .values_list("day", flat=True)
        .first()
    )
    if newest is None:
        return []
    year, number = _quarter_of(newest)
    first_month = 3 * (number - 1) + 1
    # The first day of the quarter `quarters - 1` before the newest one.
    months_back = 3 * (quarters - 1)
    start_year, start_month = divmod(year * 12 + first_month - 1 - months_back, 12)
    start = date(start_year, start_month + 1, 1)
    last_day_of: dict[tuple[int, int], date] = {}
    for day in StatusSnapshot.objects.filter(organisation=organisation, day__gte=start).values_list(
        "day", flat=True
    ):
        key = _quarter_of(day)
        last_day_of[key] = max(day, last_day_of.get(key, day))
    figures = dict(
        StatusSnapshot.objects.filter(
            organisation=organisation, day__in=list(last_day_of.values())
        ).values_list("day", "figures")
    )
    return [
        Quarter(year=key[0], number=key[1], day=day, total=_row_from_json(figures[day]["total"]))
        for key, day in sorted(last_day_of.items())
    ]


def organisation_status_stored(organisation: Organisation) -> Status | None:
    """The latest daily figures, with today's escalations and plans (which are about
    groups and plans, not about single leaders). None before the first snapshot."""
    snapshot = StatusSnapshot.objects.filter(organisation=organisation).first()
    if snapshot is None:
        return None
    figures = snapshot.figures
    return Status(
        rows=[_row_from_json(row) for row in figures["rows"]],
        total=_row_from_json(figures["total"]),
        k=figures["k"],
        **_open_escalations(organisation),
        plans=_plans(organisation),
        today=snapshot.day,
    )


KEY_FIGURES = ("agreement", "dialogue", "rounds")


def key_figure_names() -> dict[str, str]:
    return {
        "agreement": _("Har en gældende aftale med sig selv"),
        "dialogue": _("Dialog med nærmeste leder de seneste 3 måneder"),
        "rounds": _("Ledelsesgrupper med en runde de seneste 12 måneder"),
    }


def key_figures(*, status: Status, trend: list[Quarter]) -> list[dict]:
    """The whole organisation's three figures, each with its change since the end of
    the previous quarter when both are shown (a hidden figure is never compared)."""
    names = key_figure_names()
    previous = trend[-2] if len(trend) > 1 else None
    result = []
    for key in KEY_FIGURES:
        figure = getattr(status.total, key)
        before = getattr(previous.total, key) if previous else None
        change = None
        if figure and figure.shown and before and before.shown:
            change = figure.share - before.share
        result.append(
            {
                "key": key,
                "name": names[key],
                "figure": figure,
                "change": change,
                "change_size": abs(change) if change is not None else None,
                "since": previous.short_label if previous else "",
            }
        )
    return result


def trend_series(trend: list[Quarter]) -> tuple[list[str], list[tuple[str, list[int | None]]]]:
    """Each key figure's share per quarter for the picture, None where it was hidden."""
    names = key_figure_names()
    series = []
    for key in KEY_FIGURES:
        values = []
        for quarter in trend:
            figure = getattr(quarter.total, key)
            values.append(figure.share if figure and figure.shown else None)
        series.append((names[key], values))
    return [q.short_label for q in trend], series
