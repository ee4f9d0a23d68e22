"""Reads of the organisation structure."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from audit.models import AuditEvent, Kind
from organisations.models import (
    LEADER_ROLES,
    ManagementGroup,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    Unit,
)


def descendant_ids(*, unit: Unit) -> set[int]:
    """The unit and every unit below it (one query for the whole organisation)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Unit.objects.filter(organisation_id=unit.organisation_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [unit.pk]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def reporting_chain_ids(*, person: Person) -> set[int]:
    """The person and everyone above them in the reporting line."""
    managers = dict(
        Person.objects.filter(organisation_id=person.organisation_id).values_list(
            "pk", "manager_id"
        )
    )
    chain, current = set(), person.pk
    while current is not None and current not in chain:
        chain.add(current)
        current = managers.get(current)
    return chain


PEOPLE_PER_PAGE = 50
GROUPS_PER_PAGE = 50
UNITS_PER_PAGE = 50


def units_level(*, organisation_id: int, parent: Unit | None, search: str = "", page=1):
    """One level of the unit tree (the units under `parent`, or the top), or the units
    whose name holds `search`, a page at a time, with how many people, groups and units
    each has: four queries whatever the size (issue 24: an organisation with a unit per
    leader has 20,000 units, too many for one page)."""
    found = Unit.objects.filter(organisation_id=organisation_id)
    found = found.filter(name__icontains=search) if search else found.filter(parent=parent)
    found = (
        found.select_related("parent")
        .annotate(child_count=Count("children", distinct=True))
        .order_by("name", "pk")
    )
    listed = Paginator(found, UNITS_PER_PAGE).get_page(page)
    ids = [unit.pk for unit in listed]
    people = dict(
        Person.objects.filter(unit_id__in=ids)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    groups = dict(
        ManagementGroup.objects.filter(unit_id__in=ids)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    for unit in listed:
        unit.people_count = people.get(unit.pk, 0)
        unit.group_count = groups.get(unit.pk, 0)
    return listed


def unit_ancestors(*, unit: Unit) -> list[Unit]:
    """The units above this one, from the top: a query a level (trees are shallow)."""
    found, node, seen = [], unit, {unit.pk}
    while node.parent_id and node.parent_id not in seen:
        node = Unit.objects.only("pk", "name", "parent_id").get(pk=node.parent_id)
        seen.add(node.pk)
        found.append(node)
    return list(reversed(found))


def people_for_listing(
    *, organisation_id: int, unit_id: int | None = None, search: str = "", page=1
):
    """One page of people with unit, manager and roles, in a fixed number of queries
    whatever the size of the organisation."""

    people = (
        Person.objects.filter(organisation_id=organisation_id)
        .select_related("unit", "manager")
        .prefetch_related("role_assignments")
        .order_by("name", "pk")
    )
    if unit_id:
        people = people.filter(unit_id=unit_id)
    if search:
        people = people.filter(Q(name__icontains=search) | Q(email__icontains=search))
    shown = Paginator(people, PEOPLE_PER_PAGE).get_page(page)
    # Who on this page is a leader of leaders: someone a leader reports to.
    managers_of_leaders = set(
        Person.objects.filter(manager_id__in=[p.pk for p in shown], is_active=True)
        .filter(Q(role_assignments__role__in=LEADER_ROLES) | Q(reports__isnull=False))
        .values_list("manager_id", flat=True)
    )
    for person in shown:
        roles = {a.role for a in person.role_assignments.all()}
        if person.pk in managers_of_leaders:
            roles.add(Role.LEADER_OF_LEADERS)
        person.__dict__["roles"] = frozenset(roles)
    return shown


def leader_manager_ids(*, organisation_id: int) -> set[int]:
    """Everyone to whom at least one leader reports (so a leader of leaders)."""

    return set(
        Person.objects.filter(
            organisation_id=organisation_id, is_active=True, manager__isnull=False
        )
        .filter(Q(role_assignments__role__in=LEADER_ROLES) | Q(reports__isnull=False))
        .values_list("manager_id", flat=True)
        .distinct()
    )


def leaders(*, organisation_id: int):
    """Active leaders: a leadership role (informal leaders too), or people with reports.

    EXISTS, not joins: a join on reports multiplies rows and made counting 1,000 leaders
    take close to a minute on PostgreSQL.
    """

    has_role = RoleAssignment.objects.filter(
        person=OuterRef("pk"), role__in=[*LEADER_ROLES, Role.INFORMAL_LEADER]
    )
    has_reports = Person.objects.filter(manager=OuterRef("pk"), is_active=True)
    return Person.objects.filter(organisation_id=organisation_id, is_active=True).filter(
        Q(Exists(has_role)) | Q(Exists(has_reports))
    )


def units_by_name(*, organisation_id: int):

    return Unit.objects.filter(organisation_id=organisation_id).order_by("name")


def groups_for_listing(*, organisation_id: int, search: str = "", page=1):
    """One page of the organisation's management groups with their leader, unit and
    member count; a large organisation has thousands of groups."""
    groups = (
        ManagementGroup.objects.filter(organisation_id=organisation_id)
        .select_related("leader", "unit")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("name", "pk")
    )
    if search:
        groups = groups.filter(
            Q(name__icontains=search)
            | Q(leader__name__icontains=search)
            | Q(unit__name__icontains=search)
        )
    return Paginator(groups, GROUPS_PER_PAGE).get_page(page)


def structure_counts(*, organisation: Organisation) -> dict[str, int]:
    """Units, active people (and how many never logged in) and management groups."""
    return {
        "units": organisation.units.count(),
        "people": organisation.people.filter(is_active=True).count(),
        "groups": organisation.management_groups.count(),
        "never_logged_in": organisation.people.filter(
            is_active=True, last_login__isnull=True
        ).count(),
    }


def unit_paths(*, organisation_id: int) -> dict[int, str]:
    """Every unit's whole path from the top, as the file import and the export write it
    ("Social og Sundhed / Hjemmeplejen"), in one query."""
    units = {u.pk: u for u in Unit.objects.filter(organisation_id=organisation_id)}

    def path(unit: Unit) -> str:
        names, node, seen = [], unit, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = units.get(node.parent_id)
        return " / ".join(reversed(names))

    return {pk: path(unit) for pk, unit in units.items()}


SUGGESTIONS = 20
UNIT_PATH_SEPARATOR = " / "


def unit_paths_of(*, units: list[Unit]) -> dict[int, str]:
    """These units' paths from the top ("Social og Sundhed / Hjemmeplejen"), as the file
    import writes them: a query a level above them, whatever the organisation's size."""
    names = {unit.pk: (unit.name, unit.parent_id) for unit in units}
    wanted = {parent for _name, parent in names.values() if parent} - names.keys()
    while wanted:
        found = Unit.objects.filter(pk__in=wanted).values_list("pk", "name", "parent_id")
        names.update((pk, (name, parent)) for pk, name, parent in found)
        wanted = {parent for _name, parent in names.values() if parent} - names.keys()

    def path(pk: int) -> str:
        parts, seen = [], set()
        while pk and pk in names and pk not in seen:
            seen.add(pk)
            name, pk = names[pk]
            parts.append(name)
        return UNIT_PATH_SEPARATOR.join(reversed(parts))

    return {unit.pk: path(unit.pk) for unit in units}


def unit_path_of(*, pk: int) -> str:
    unit = Unit.objects.filter(pk=pk).first()
    return unit_paths_of(units=[unit])[pk] if unit else ""


def units_matching(*, units: QuerySet[Unit], text: str) -> list[tuple[str, Unit]]:
    """Up to 20 of these units whose name holds the text, each with its path: the
    suggestions of a unit field (ui.forms.UnitByPathField)."""
    text = " ".join(text.split())[:100]
    if len(text) < 2:
        return []
    found = list(units.filter(name__icontains=text).order_by("name", "pk")[:SUGGESTIONS])
    paths = unit_paths_of(units=found)
    return [(paths[unit.pk], unit) for unit in found]


def units_by_path(*, units: QuerySet[Unit], text: str) -> list[Unit]:
    """The units of `units` that `text` names: its path ("Social og Sundhed /
    Hjemmeplejen", as the file import writes it, from the top or only its last levels),
    its name alone, or its id. More than one when that is not enough to tell units
    apart; none when nothing matches. A fixed number of queries a level of the tree."""
    text = " ".join(text.split())
    if not text:
        return []
    parts = [part.strip() for part in text.split("/")]
    if len(parts) > 1 and all(parts):
        # Only units of that name under a unit of the name before it: a few, however
        # many units share the last name.
        candidates = list(units.filter(name=parts[-1], parent__name=parts[-2]))
        paths = unit_paths_of(units=candidates)
        whole = UNIT_PATH_SEPARATOR.join(parts)
        by_path = [
            unit
            for unit in candidates
            if paths[unit.pk] == whole or paths[unit.pk].endswith(UNIT_PATH_SEPARATOR + whole)
        ]
        if by_path:
            return by_path
    # Its name alone (a name may hold a "/"); two are enough to say it is not unique.
    named = list(units.filter(name=text)[:2])
    if not named and text.isdigit():
        # A unit's id, as a form posted by a program (or an older page) sends it.
        return list(units.filter(pk=int(text)))
    return named


def people_matching(*, people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Up to 20 of these people whose name or e-mail address holds the text, by name:
    the suggestions of a person field (core.forms.PersonPicker)."""
    text = " ".join(text.split())[:100]
    if len(text) < 2:
        return people.none()
    return (
        people.filter(Q(name__icontains=text) | Q(email__icontains=text))
        .order_by("name", "pk")
        .only("name", "email", "title")[:SUGGESTIONS]
    )


def operator_requests_listed(*, requests) -> tuple[list, list]:
    """What waits for a decision, and the last decided (for the record)."""
    rows = requests.select_related("person", "requested_by")
    return list(rows.filter(decided_at=None)), list(rows.exclude(decided_at=None)[:50])


def people_to_vouch_listed(*, people) -> list[Person]:
    """The people typed in by hand whom nobody has vouched for yet, each with how they
    came in (`created_via`) and by whom (`created_by_id`), from the audit log. Two
    queries."""
    listed = list(people.select_related("unit").order_by("date_joined", "pk"))
    created = {
        subject_id: (actor_id, detail.get("source", ""))
        for subject_id, actor_id, detail in AuditEvent.objects.filter(
            kind=Kind.PERSON_CREATED, subject_id__in=[p.pk for p in listed]
        ).values_list("subject_id", "actor_id", "detail")
    }
    for person in listed:
        person.created_by_id, person.created_via = created.get(person.pk, (None, ""))
    return listed


def people_to_vouch_count(*, people) -> int:
    return people.count()


def unit_path_example(*, organisation_id: int) -> str | None:
    """A real path from the organisation's top, for the import help ("Demo Kommune /
    Social og Sundhed"), so following the example never makes a duplicate top unit."""
    child = (
        Unit.objects.filter(organisation_id=organisation_id, parent__parent__isnull=True)
        .exclude(parent__isnull=True)
        .select_related("parent")
        .order_by("parent__name", "name")
        .first()
    )
    if child is not None:
        return f"{child.parent.name} / {child.name}"
    top = Unit.objects.filter(organisation_id=organisation_id).order_by("name").first()
    return top.name if top else None


def people_from_hr_system_exist(*, organisation_id: int) -> bool:
    """Whether the HR system (the file or SCIM) has listed anyone yet: HR's first step."""
    from organisations.people import VOUCHING_CHANNELS

    return Person.objects.filter(
        organisation_id=organisation_id, vouched_via__in=list(VOUCHING_CHANNELS)
    ).exists()
