"""The organisation administrator's export: the structure and the non-private data.

CSV: the people, in the import's own columns, so an export can be edited and imported
again. XLSX: the same sheet, plus units, management groups, rounds (dates and status
only) and plans (titles, steps, versions, how many groups have reported back). Nothing
any leader has written, and no ratings.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from groups.models import Round
from organisations.importer import COLUMNS
from organisations.models import GroupMembership, ManagementGroup, Person, RoleAssignment, Unit
from organisations.selectors import unit_paths
from plans.models import FeedbackRequest, Plan

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A cell a spreadsheet would run as a formula (=HYPERLINK(…) in someone's name) gets
    a leading apostrophe, so it is shown as text. The import removes it again."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def people_rows(organisation) -> list[list[str]]:
    """One row per person in the import's columns, read in five flat queries by
    organisation (no list of every person's id, which SQLite caps)."""
    paths = unit_paths(organisation_id=organisation.pk)
    emails = dict(Person.objects.filter(organisation=organisation).values_list("pk", "email"))
    roles: dict[int, list[str]] = {}
    for person_id, role in RoleAssignment.objects.filter(
        person__organisation=organisation
    ).values_list("person_id", "role"):
        roles.setdefault(person_id, []).append(role)
    groups: dict[int, list[str]] = {}
    for person_id, name in GroupMembership.objects.filter(
        group__organisation=organisation
    ).values_list("person_id", "group__name"):
        groups.setdefault(person_id, []).append(name)
    led: dict[int, list[str]] = {}
    for leader_id, name in ManagementGroup.objects.filter(
        organisation=organisation, leader__isnull=False
    ).values_list("leader_id", "name"):
        led.setdefault(leader_id, []).append(name)
    rows = [[str(column.label) for column in COLUMNS]]
    for pk, email, name, title, unit_id, manager_id in (
        Person.objects.filter(organisation=organisation)
        .order_by("name", "pk")
        .values_list("pk", "email", "name", "title", "unit_id", "manager_id")
    ):
        rows.append(
            [
                email,
                name,
                title,
                paths.get(unit_id, ""),
                emails.get(manager_id, ""),
                ", ".join(sorted(roles.get(pk, ()))),
                ", ".join(sorted(groups.get(pk, ()))),
                ", ".join(sorted(led.get(pk, ()))),
            ]
        )
    return [[neutralised(cell) for cell in row] for row in rows]


def as_csv(organisation) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(people_rows(organisation))
    return "\ufeff" + buffer.getvalue()  # Excel reads UTF-8 only with a byte order mark.


def as_xlsx(organisation) -> bytes:
    from openpyxl import Workbook

    # Written row by row, not held as cells: a large organisation has 20,000 people.
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Personer"))
    for row in people_rows(organisation):
        sheet.append(row)

    paths = unit_paths(organisation_id=organisation.pk)
    units = book.create_sheet(_("Enheder"))
    units.append([_("Enhed"), _("Antal personer")])
    counts = dict(
        Unit.objects.filter(organisation=organisation)
        .annotate(n=Count("people"))
        .values_list("pk", "n")
    )
    for pk, path in sorted(paths.items(), key=lambda item: item[1]):
        units.append([neutralised(path), counts.get(pk, 0)])

    groups = book.create_sheet(_("Ledelsesgrupper"))
    groups.append([_("Ledelsesgruppe"), _("Enhed"), _("Leder af gruppen"), _("Medlemmer")])
    for group in (
        ManagementGroup.objects.filter(organisation=organisation)
        .select_related("leader")
        .annotate(n=Count("members"))
        .order_by("name")
    ):
        groups.append(
            [
                neutralised(group.name),
                neutralised(paths.get(group.unit_id, "")),
                neutralised(group.leader.email if group.leader else ""),
                group.n,
            ]
        )

    rounds = book.create_sheet(_("Runder"))
    rounds.append([_("Ledelsesgruppe"), _("Mødedato"), _("Status"), _("Forberedt"), _("Medlemmer")])
    for round_ in (
        Round.objects.filter(organisation=organisation)
        .select_related("group")
        .only("group__name", "meeting_date", "status")
        .annotate(
            prepared=Count("participations", filter=Q(participations__prepared_at__isnull=False)),
            members=Count("participations"),
        )
        .order_by("group__name", "meeting_date")
    ):
        rounds.append(
            [
                neutralised(round_.group.name),
                round_.meeting_date,
                str(round_.get_status_display()),
                round_.prepared,
                round_.members,
            ]
        )

    plans = book.create_sheet(_("Planer"))
    plans.append(
        [
            _("Plan"),
            _("Område"),
            _("Trin"),
            _("Udgivet version"),
            _("Grupper bedt om tilbagemelding"),
            _("Har meldt tilbage"),
        ]
    )
    for plan in (
        Plan.objects.filter(organisation=organisation)
        .select_related("unit")
        .annotate(latest=Max("versions__number"))
        .order_by("title")
    ):
        asked = FeedbackRequest.objects.filter(version__plan=plan, version__number=plan.latest)
        plans.append(
            [
                neutralised(plan.title),
                neutralised(str(plan.scope_label)),
                str(plan.get_step_display()),
                plan.latest or "",
                asked.count(),
                asked.filter(answered_at__isnull=False).count(),
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
