"""What the benchmark reads: who takes part, each organisation's row for a release
(from its closed maps only), and the released figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Q, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from benchmark.deidentify import GROUP, ORGANISATION, PERSON, UNIT, Name, NameIndex
from benchmark.models import Participation, Release, SharedCard, Tool
from benchmark.release import Contribution
from groups.models import Round
from organisations.models import ManagementGroup, Organisation, Person, Unit
from plans.models import Plan, PlanTheme, PlanVersion
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
        for release in Release.objects.filter(exported=False)
        .prefetch_related("figures")
        .order_by("quarter", "tool")
    ]


def latest_release(*, tool: int) -> Release | None:
    return Release.objects.filter(tool=tool, exported=False).order_by("-quarter").first()


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
    sector: str = ""


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
        return Benchmark(quarter="", by_item={}, sector=participation.sector)
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
    return Benchmark(
        quarter=quarter_label(release.quarter), by_item=by_item, sector=participation.sector
    )


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


# --- The inspiration library: action cards shared across organisations ---------------

LIBRARY_PAGE_SIZE = 20


def taking_part(*, organisation_id: int) -> bool:
    participation = Participation.objects.filter(organisation_id=organisation_id).first()
    return participation is not None and participation.taking_part


def identifying_names(*, organisation_id: int) -> NameIndex:
    """Every name a shared card must not carry: the organisation's people (all of them,
    those who have left too), units, management groups and its own name. Four queries."""
    sources = (
        (Person.objects.filter(organisation_id=organisation_id), PERSON),
        (Unit.objects.filter(organisation_id=organisation_id), UNIT),
        (ManagementGroup.objects.filter(organisation_id=organisation_id), GROUP),
        (Organisation.objects.filter(pk=organisation_id), ORGANISATION),
    )
    return NameIndex(
        Name(text, kind)
        for rows, kind in sources
        for text in rows.values_list("name", flat=True).iterator(chunk_size=5000)
    )


@dataclass
class Shareable:
    """A theme of the plan's newest published version, with what was published on its
    card and, if the team shared it, the shared card."""

    theme: PlanTheme
    published: dict
    shared: SharedCard | None


def shareable_themes(*, plan: Plan) -> list[Shareable]:
    """The chosen themes as the newest version published them. Three queries."""
    version = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    if version is None:
        return []
    themes = {t.label: t for t in PlanTheme.objects.filter(plan=plan, chosen=True)}
    shared = {c.theme_id: c for c in SharedCard.objects.filter(plan=plan)}
    result = []
    for entry in version.content["themes"]:
        theme = themes.get(entry["label"])
        if theme is not None:
            result.append(Shareable(theme=theme, published=entry, shared=shared.get(theme.pk)))
    return result


def share_proposal(*, published: dict, names: NameIndex) -> dict[str, str]:
    """The published card with every name replaced by a placeholder: what the team
    sees first, and may edit, before anything is shared."""
    proposal = {
        field: names.scrub(published["card"].get(field, "")) for field in SharedCard.TEXT_FIELDS
    }
    proposal["tasks"] = "\n".join(
        names.scrub(f"{task['who']}: {task['what']}") for task in published["tasks"]
    )
    if published["number"] is None:
        proposal["title"] = names.scrub(published["title"])
    return proposal


def share_preview(*, organisation_id: int, theme: PlanTheme, texts: dict) -> SharedCard:
    """The card as the other organisations would read it, unsaved: what the share page
    shows before anything is shared."""
    participation = participation_of(organisation_id=organisation_id)
    return SharedCard(
        theme_number=theme.number,
        sector=participation.sector,
        size_band=participation.size_band,
        **{field: texts.get(field, "") for field in SharedCard.EDITABLE_FIELDS},
    )


def shared_cards_of_organisation(*, organisation_id: int) -> list[SharedCard]:
    return list(SharedCard.objects.filter(organisation_id=organisation_id).select_related("plan"))


def library(
    *,
    reader_organisation_id: int,
    theme: str = "",
    sector: str = "",
    size_band: str = "",
    query: str = "",
    page: int | str = 1,
) -> Page:
    """Other organisations' shared cards, newest first. `theme`: a method theme's
    number, "own" for the organisations' own themes, or "" for all."""
    cards = SharedCard.objects.exclude(organisation_id=reader_organisation_id)
    if theme == "own":
        cards = cards.filter(theme_number__isnull=True)
    elif theme:
        cards = cards.filter(theme_number=int(theme))
    if sector:
        cards = cards.filter(sector=sector)
    if size_band:
        cards = cards.filter(size_band=size_band)
    for word in query.split()[:8]:
        matches = Q(title__icontains=word) | Q(tasks__icontains=word)
        for field in SharedCard.TEXT_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        cards = cards.filter(matches)
    return Paginator(cards.order_by("-shared_at", "-pk"), LIBRARY_PAGE_SIZE).get_page(page)


def others_cards_by_theme(
    *, reader_organisation_id: int, numbers: list[int], sector: str, per_theme: int = 3
) -> dict[int, tuple[list[SharedCard], int]]:
    """For each of the method's themes: a few of other organisations' cards (the reader's
    own sector first, then the newest) and how many there are in all. Two queries,
    however many cards there are."""
    others = SharedCard.objects.filter(theme_number__in=numbers).exclude(
        organisation_id=reader_organisation_id
    )
    counts = dict(
        others.order_by()
        .values("theme_number")
        .annotate(n=Count("pk"))
        .values_list("theme_number", "n")
    )
    rank = Window(
        RowNumber(),
        partition_by=[F("theme_number")],
        order_by=[
            Case(When(sector=sector, then=0), default=1).asc(),
            F("shared_at").desc(),
            F("pk").desc(),
        ],
    )
    found: dict[int, list[SharedCard]] = defaultdict(list)
    for card in (
        others.annotate(rank=rank).filter(rank__lte=per_theme).order_by("theme_number", "rank")
    ):
        found[card.theme_number].append(card)
    return {number: (cards, counts.get(number, 0)) for number, cards in found.items()}
