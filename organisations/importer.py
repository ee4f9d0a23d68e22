"""Import of people, units, reporting lines, roles and groups from an HR system's export.

The rules, as HR sees them on the import page:
- The whole file is checked before anything is saved; every bad row is reported with
  its row number (the header is row 1) and the reason; then all of it is saved in one
  transaction, or none of it.
- A column that is not in the file is not touched. A column that is there describes
  the person completely: their roles, groups and manager become what the file says.
  Except for the two group columns: an empty cell there leaves the person's groups as
  they are (an HR system that does not know the groups exports empty cells), and
  "ingen" (or "-") takes the person out of every group.
- Importing the same file again changes nothing.
- People in the organisation who are not in the file are reported, never deleted.
- The administrator role can be given by a file but is never taken away by one, so an
  import cannot lock the organisation's administrators out.
"""

from __future__ import annotations

import csv
import difflib
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations import people
from organisations.models import (
    GroupMembership,
    ManagementGroup,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    Unit,
)
from organisations.validators import as_one_line

MAX_FILE_BYTES = 20 * 1024 * 1024  # as nginx allows (deploy/nginx)
MAX_ROWS = 100_000
MAX_COLUMNS = 60
BATCH = 1000  # rows to an insert or update (Django splits them as the database needs)
# Values in one IN (…): older SQLite builds allow 999 parameters to a query.
IN_LIST = 900
# An .xlsx is a zip file: a small upload can unpack to gigabytes and tie up a worker.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
PREVIEW_ROWS = 200
UNIT_SEPARATOR = "/"
LIST_SEPARATORS = (";", ",")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...]
    help: str


COLUMNS = [
    Column(
        "email",
        gettext_lazy("E-mail"),
        True,
        ("e-mail", "email", "e-mailadresse", "mail"),
        gettext_lazy("Personens arbejdsmail. Bruges til log ind og til at genkende personen."),
    ),
    Column(
        "name",
        gettext_lazy("Navn"),
        True,
        ("navn", "name", "fulde navn"),
        gettext_lazy("For- og efternavn."),
    ),
    Column(
        "title",
        gettext_lazy("Stilling"),
        False,
        ("stilling", "title", "titel"),
        gettext_lazy("Fx afdelingsleder."),
    ),
    Column(
        "unit",
        gettext_lazy("Enhed"),
        False,
        ("enhed", "unit", "afdeling"),
        gettext_lazy(
            "Hele vejen fra toppen med / imellem, fx „Social og Sundhed / "
            "Hjemmeplejen“. Nye enheder oprettes."
        ),
    ),
    Column(
        "manager",
        gettext_lazy("Nærmeste leder"),
        False,
        ("nærmeste leder", "naermeste leder", "manager", "leder e-mail", "nærmeste leder e-mail"),
        gettext_lazy("Nærmeste leders e-mail. Lederen skal stå i filen eller findes i forvejen."),
    ),
    Column(
        "roles",
        gettext_lazy("Roller"),
        False,
        ("roller", "roles", "rolle"),
        gettext_lazy(
            "Adskilt med komma: topledelse, hr, med, leder, uformel leder, administrator."
        ),
    ),
    Column(
        "groups",
        gettext_lazy("Ledelsesgrupper"),
        False,
        ("ledelsesgrupper", "ledelsesgruppe", "groups", "management groups"),
        gettext_lazy(
            "Navnene på de ledelsesgrupper, personen er medlem af, adskilt med komma. "
            "En tom celle ændrer ikke personens grupper; skriv „ingen“ for at tage "
            "personen ud af alle grupper."
        ),
    ),
    Column(
        "leads_groups",
        gettext_lazy("Leder af ledelsesgrupper"),
        False,
        ("leder af ledelsesgrupper", "leder af ledelsesgruppe", "leads groups"),
        gettext_lazy(
            "Navnene på de ledelsesgrupper, personen leder, adskilt med komma. En tom "
            "celle ændrer ikke, hvilke grupper personen leder; skriv „ingen“ for ingen."
        ),
    ),
]

ROLE_NAMES: dict[str, str] = {
    "topledelse": Role.TOP_MANAGEMENT,
    "topledelsen": Role.TOP_MANAGEMENT,
    "direktion": Role.TOP_MANAGEMENT,
    "top_management": Role.TOP_MANAGEMENT,
    "hr": Role.HR,
    "hr og interne konsulenter": Role.HR,
    "intern konsulent": Role.HR,
    "med": Role.COOPERATION,
    "su": Role.COOPERATION,
    "amo": Role.COOPERATION,
    "med eller su & amo": Role.COOPERATION,
    "medarbejderrepræsentant": Role.COOPERATION,
    "cooperation": Role.COOPERATION,
    "leder": Role.LEADER_OF_EMPLOYEES,
    "leder af medarbejdere": Role.LEADER_OF_EMPLOYEES,
    "ledere af medarbejdere": Role.LEADER_OF_EMPLOYEES,
    "leader_of_employees": Role.LEADER_OF_EMPLOYEES,
    # Leaders of leaders follow from the reporting lines; the file may still say so.
    "leder af ledere": Role.LEADER_OF_EMPLOYEES,
    "ledere af ledere": Role.LEADER_OF_EMPLOYEES,
    "leader_of_leaders": Role.LEADER_OF_EMPLOYEES,
    "uformel leder": Role.INFORMAL_LEADER,
    "teamkoordinator": Role.INFORMAL_LEADER,
    "nøglemedarbejder": Role.INFORMAL_LEADER,
    "informal_leader": Role.INFORMAL_LEADER,
    "administrator": Role.ORG_ADMIN,
    "organisationsadministrator": Role.ORG_ADMIN,
    "org_admin": Role.ORG_ADMIN,
}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


@dataclass
class Row:
    number: int
    values: dict[str, str]


@dataclass
class RowError:
    row: int
    message: str


@dataclass(frozen=True)
class FieldChange:
    """One field of a person as it is and as the file would make it, shown before HR
    confirms, so no value is replaced unseen (issue 23)."""

    label: str
    old: str
    new: str


@dataclass
class PersonChange:
    row: int
    email: str
    name: str
    action: str  # "create", "update" or "unchanged"
    changes: list[FieldChange] = field(default_factory=list)
    # Resolved values to apply; None for a column that is not in the file.
    title: str | None = None
    unit_path: tuple[str, ...] | None = None
    manager_email: str | None = None
    roles: set[str] | None = None
    groups: set[str] | None = None
    leads_groups: set[str] | None = None


@dataclass
class ImportPlan:
    columns: set[str]
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    people: list[PersonChange] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    new_groups: list[str] = field(default_factory=list)
    missing: list[Person] = field(default_factory=list)
    # New units whose name is (nearly) that of a unit that exists elsewhere: the usual
    # sign of a path that leaves out the top, which would make a duplicate.
    similar_units: list[tuple[str, str]] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for change in self.people if change.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def changed_people(self) -> list[PersonChange]:
        return [change for change in self.people if change.action != "unchanged"]

    # The preview lists the first rows of each kind and counts the rest: a large
    # organisation's first file creates 20,000 people.
    @property
    def errors_shown(self) -> list[RowError]:
        return self.errors[:PREVIEW_ROWS]

    @property
    def errors_not_shown(self) -> int:
        return max(0, len(self.errors) - PREVIEW_ROWS)

    @property
    def changes_shown(self) -> list[PersonChange]:
        return self.changed_people[:PREVIEW_ROWS]

    @property
    def changes_not_shown(self) -> int:
        return max(0, len(self.changed_people) - PREVIEW_ROWS)

    @property
    def missing_shown(self) -> list[Person]:
        return self.missing[:PREVIEW_ROWS]

    @property
    def missing_not_shown(self) -> int:
        return max(0, len(self.missing) - PREVIEW_ROWS)


def template_csv() -> str:
    """A semicolon-separated file (as Danish Excel writes it) with two example rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(column.label) for column in COLUMNS])
    writer.writerow(
        [
            "chef@eksempel.dk",
            "Lars Kjær",
            "Direktør",
            "Social og Sundhed",
            "",
            "",
            "Ledergruppen i Social og Sundhed",
            "Ledergruppen i Social og Sundhed",
        ]
    )
    writer.writerow(
        [
            "leder@eksempel.dk",
            "Anne Sørensen",
            "Leder",
            "Social og Sundhed / Hjemmeplejen",
            "chef@eksempel.dk",
            "leder",
            "Ledergruppen i Social og Sundhed",
            "",
        ]
    )
    return buffer.getvalue()


# --- Reading ---------------------------------------------------------------


def read_upload(upload) -> bytes:
    if upload.size > MAX_FILE_BYTES:
        raise ImportFileError(_("Filen er for stor. Den må højst fylde 20 MB."))
    return upload.read()


def _header_key(header: str) -> str | None:
    cleaned = " ".join(str(header or "").strip().lower().replace("_", " ").split())
    for column in COLUMNS:
        if cleaned in column.aliases or cleaned == column.key:
            return column.key
    return None


def _read_csv(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise ImportFileError(_("Filen kunne ikke læses som tekst. Gem den som CSV (UTF-8)."))
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as error:
        raise ImportFileError(
            _("Filen er ikke gyldig CSV: %(error)s") % {"error": error}
        ) from error


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    not_xlsx = _("Filen kunne ikke åbnes som Excel-fil (.xlsx). Er den gemt i det format?")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFileError(not_xlsx) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "Filen fylder over %(mb)s MB, når den pakkes ud. Gem kun arket med "
                "personerne, eller brug CSV."
            )
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(not_xlsx) from error
    try:
        rows = []
        # Streamed row by row, and stopped as soon as the file is too long.
        for row in workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append(["" if cell is None else str(cell).strip() for cell in row])
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError(_("Filen har over %(max)s rækker.") % {"max": MAX_ROWS})
    finally:
        workbook.close()
    return rows


def parse(content: bytes, filename: str) -> tuple[list[Row], list[str], set[str]]:
    """Rows with their numbers, the ignored headers and the columns present."""
    lower = filename.lower()
    if lower.endswith(".csv") or lower.endswith(".txt"):
        table = _read_csv(content)
    elif lower.endswith(".xlsx"):
        table = _read_xlsx(content)
    else:
        raise ImportFileError(_("Vælg en CSV-fil (.csv) eller en Excel-fil (.xlsx)."))
    if not table or not any(cell.strip() for cell in table[0]):
        raise ImportFileError(_("Filen er tom. Første række skal være kolonnenavne."))
    headers = table[0]
    keys = [_header_key(header) for header in headers]
    present = {key for key in keys if key}
    missing = [str(c.label) for c in COLUMNS if c.required and c.key not in present]
    if missing:
        raise ImportFileError(
            _("Filen mangler kolonnen/kolonnerne: %(columns)s. Se listen over kolonner herunder.")
            % {"columns": ", ".join(missing)}
        )
    duplicated = {key for key in present if keys.count(key) > 1}
    if duplicated:
        names = ", ".join(str(c.label) for c in COLUMNS if c.key in duplicated)
        raise ImportFileError(_("Kolonnen %(columns)s står mere end én gang.") % {"columns": names})
    ignored = [h for h, k in zip(headers, keys, strict=True) if not k and str(h).strip()]
    rows: list[Row] = []
    for index, cells in enumerate(table[1:], start=2):
        if not any(str(cell).strip() for cell in cells):
            continue
        # One line per value: a line break in a name would reach mail headers and calendars.
        values = {
            key: as_one_line(str(cells[position])) if position < len(cells) else ""
            for position, key in enumerate(keys)
            if key
        }
        rows.append(Row(index, values))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("Filen har over %(max)s rækker.") % {"max": MAX_ROWS})
    if not rows:
        raise ImportFileError(_("Filen har ingen personer – kun kolonnenavne."))
    return rows, ignored, present


# --- Checking --------------------------------------------------------------


# What a group cell says to take the person out of every group (an empty cell says
# nothing).
NO_GROUPS = frozenset({"ingen", "-", "none"})


def _split_list(value: str) -> list[str]:
    for separator in LIST_SEPARATORS:
        if separator in value:
            return [item.strip() for item in value.split(separator) if item.strip()]
    return [value.strip()] if value.strip() else []


def _unit_tree(organisation: Organisation) -> dict[int, tuple[str, ...]]:
    """Each unit's path of names from the top, as the organisation spells them."""
    units = {u.pk: u for u in Unit.objects.filter(organisation=organisation)}

    def path(unit: Unit) -> tuple[str, ...]:
        names, node, seen = [], unit, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = units.get(node.parent_id) if node.parent_id else None
        return tuple(reversed(names))

    return {pk: path(unit) for pk, unit in units.items()}


def _unit_paths(organisation: Organisation, tree=None) -> dict[tuple[str, ...], int]:
    tree = _unit_tree(organisation) if tree is None else tree
    return {tuple(name.lower() for name in path): pk for pk, path in tree.items()}


@dataclass
class Current:
    """The organisation's people as they are, with their roles, groups and groups led.

    Read in a few flat queries by organisation, never with a list of every person's id:
    SQLite caps the parameters of one query, and a large organisation has more people.
    """

    people: dict[str, Person]  # by e-mail, lower case
    emails: dict[int, str]  # by id
    roles: dict[int, dict[str, int]]  # person id -> role -> assignment id
    memberships: dict[int, dict[int, int]]  # person id -> group id -> membership id
    led: dict[int, set[int]]  # person id -> ids of the groups they lead
    group_names: dict[int, str]
    unit_labels: dict[int, str] = field(default_factory=dict)  # id -> "Top / Unit"

    @classmethod
    def of(cls, organisation: Organisation) -> Current:
        people = {p.email.lower(): p for p in Person.objects.filter(organisation=organisation)}
        roles: dict[int, dict[str, int]] = {}
        for pk, person_id, role in RoleAssignment.objects.filter(
            person__organisation=organisation
        ).values_list("pk", "person_id", "role"):
            roles.setdefault(person_id, {})[role] = pk
        memberships: dict[int, dict[int, int]] = {}
        for pk, person_id, group_id in GroupMembership.objects.filter(
            group__organisation=organisation
        ).values_list("pk", "person_id", "group_id"):
            memberships.setdefault(person_id, {})[group_id] = pk
        led: dict[int, set[int]] = {}
        group_names = {}
        for pk, name, leader_id in ManagementGroup.objects.filter(
            organisation=organisation
        ).values_list("pk", "name", "leader_id"):
            group_names[pk] = name
            if leader_id:
                led.setdefault(leader_id, set()).add(pk)
        return cls(
            people=people,
            emails={p.pk: email for email, p in people.items()},
            roles=roles,
            memberships=memberships,
            led=led,
            group_names=group_names,
        )

    def group_names_of(self, person: Person) -> set[str]:
        return {self.group_names[g].lower() for g in self.memberships.get(person.pk, {})}

    def led_names_of(self, person: Person) -> set[str]:
        return {self.group_names[g].lower() for g in self.led.get(person.pk, ())}


def _chunked(items: list, size: int = IN_LIST):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def plan(organisation: Organisation, parsed: tuple[list[Row], list[str], set[str]]) -> ImportPlan:
    rows, ignored, present = parsed
    result = ImportPlan(columns=present, ignored_columns=ignored)
    current = Current.of(organisation)
    existing = current.people
    file_emails: dict[str, int] = {}
    foreign_emails = {
        email
        for chunk in _chunked([r.values.get("email", "").lower() for r in rows])
        for email in Person.objects.exclude(organisation=organisation)
        .filter(email__in=chunk)
        .values_list("email", flat=True)
    }
    tree = _unit_tree(organisation)
    unit_paths = _unit_paths(organisation, tree)
    current.unit_labels = {pk: " / ".join(path) for pk, path in tree.items()}
    group_names = {
        name.lower(): name
        for name in ManagementGroup.objects.filter(organisation=organisation).values_list(
            "name", flat=True
        )
    }
    group_leaders: dict[str, int] = {}
    new_units: dict[tuple[str, ...], str] = {}
    new_groups: dict[str, str] = {}

    def error(row: Row, message: str) -> None:
        result.errors.append(RowError(row.number, message))

    for row in rows:
        values, errors_before = row.values, len(result.errors)
        email = values.get("email", "").lower()
        if not email:
            error(row, _("E-mail mangler."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                error(row, _("„%(email)s“ er ikke en gyldig e-mailadresse.") % {"email": email})
            if email in file_emails:
                error(
                    row,
                    _("%(email)s står også i række %(row)s.")
                    % {"email": email, "row": file_emails[email]},
                )
            elif email in foreign_emails:
                error(row, _("%(email)s kan ikke bruges i denne organisation.") % {"email": email})
            file_emails.setdefault(email, row.number)
        name = values.get("name", "")
        if not name:
            error(row, _("Navn mangler."))
        elif len(name) > 200:
            error(row, _("Navnet er længere end 200 tegn."))
        title = values.get("title", "") if "title" in present else None
        if title and len(title) > 200:
            error(row, _("Stillingen er længere end 200 tegn."))

        unit_path = None
        if "unit" in present and values.get("unit"):
            parts = [part.strip() for part in values["unit"].split(UNIT_SEPARATOR)]
            if any(not part for part in parts):
                error(
                    row,
                    _("Enheden „%(unit)s“ har et tomt led mellem to /.") % {"unit": values["unit"]},
                )
            elif any(len(part) > 200 for part in parts):
                error(row, _("Et enhedsnavn er længere end 200 tegn."))
            else:
                unit_path = tuple(parts)
                for depth in range(1, len(parts) + 1):
                    key = tuple(p.lower() for p in parts[:depth])
                    if key not in unit_paths and key not in new_units:
                        new_units[key] = " / ".join(parts[:depth])
        elif "unit" in present:
            unit_path = ()

        manager_email = None
        if "manager" in present:
            manager_email = values.get("manager", "").lower()
            if manager_email:
                if manager_email == email:
                    error(row, _("En person kan ikke være sin egen nærmeste leder."))
                else:
                    try:
                        validate_email(manager_email)
                    except ValidationError:
                        error(
                            row,
                            _("Nærmeste leder „%(email)s“ er ikke en gyldig e-mailadresse.")
                            % {"email": manager_email},
                        )

        roles = None
        if "roles" in present:
            roles = set()
            for item in _split_list(values.get("roles", "")):
                role = ROLE_NAMES.get(" ".join(item.lower().split()))
                if role is None:
                    error(
                        row,
                        _(
                            "Ukendt rolle „%(role)s“. Brug: topledelse, hr, med, leder, "
                            "uformel leder eller administrator."
                        )
                        % {"role": item},
                    )
                else:
                    roles.add(role)

        def group_set(row: Row, column: str) -> set[str] | None:
            if column not in present:
                return None
            cell = row.values.get(column, "").strip()
            # An empty cell is no news about the groups; only "ingen" empties them.
            if not cell:
                return None
            if cell.lower() in NO_GROUPS:
                return set()
            names = set()
            for item in _split_list(row.values.get(column, "")):
                if len(item) > 200:
                    error(row, _("Et gruppenavn er længere end 200 tegn."))
                    continue
                key = item.lower()
                if key not in group_names and key not in new_groups:
                    new_groups[key] = item
                names.add(group_names.get(key) or new_groups[key])
            return names

        groups = group_set(row, "groups")
        leads = group_set(row, "leads_groups")
        for group in leads or ():
            other = group_leaders.setdefault(group.lower(), row.number)
            if other != row.number:
                error(
                    row,
                    _("Ledelsesgruppen „%(group)s“ har allerede en leder i række %(row)s.")
                    % {"group": group, "row": other},
                )
        if leads and groups is not None:
            groups |= leads

        if len(result.errors) > errors_before:
            continue
        result.people.append(
            PersonChange(
                row=row.number,
                email=email,
                name=name,
                action="create",
                title=title,
                unit_path=unit_path,
                manager_email=manager_email,
                roles=roles,
                groups=groups,
                leads_groups=leads,
            )
        )

    # Managers must exist, and reporting lines must not go round in a circle.
    managers = {email: current.emails.get(p.manager_id, "") for email, p in existing.items()}
    for change in result.people:
        if change.manager_email is not None:
            managers[change.email] = change.manager_email
    known = set(existing) | set(file_emails)
    for change in result.people:
        if change.manager_email and change.manager_email not in known:
            result.errors.append(
                RowError(
                    change.row,
                    _("Nærmeste leder %(email)s står hverken i filen eller i organisationen.")
                    % {"email": change.manager_email},
                )
            )
    for change in result.people:
        circle = people.reporting_cycle(change.email, lambda email: managers.get(email, ""))
        if circle:
            chain = " → ".join(circle)
            result.errors.append(
                RowError(
                    change.row, _("Rapporteringslinjen går i ring: %(chain)s.") % {"chain": chain}
                )
            )

    result.errors.sort(key=lambda e: e.row)
    if result.errors:
        return result

    for change in result.people:
        person = existing.get(change.email)
        if person is None:
            continue
        change.changes = _differences(person, change, unit_paths, current)
        change.action = "update" if change.changes else "unchanged"
    result.new_units = sorted(new_units.values())
    result.similar_units = similar_units(sorted(new_units.values()), tree)
    result.new_groups = sorted(new_groups.values())
    result.missing = sorted(
        (p for email, p in existing.items() if email not in file_emails and p.is_active),
        key=lambda p: p.name,
    )
    return result


def _differences(
    person: Person, change: PersonChange, unit_paths, current: Current
) -> list[FieldChange]:
    found = []
    nothing = "–"

    def names(values) -> str:
        return ", ".join(sorted(values, key=str.lower)) or _("ingen")

    if person.name != change.name:
        found.append(FieldChange(_("navn"), person.name, change.name))
    if change.title is not None and person.title != change.title:
        found.append(FieldChange(_("stilling"), person.title or nothing, change.title or nothing))
    if change.unit_path is not None:
        key = tuple(p.lower() for p in change.unit_path)
        if (unit_paths.get(key) if key else None) != person.unit_id:
            old = current.unit_labels.get(person.unit_id, nothing)
            found.append(FieldChange(_("enhed"), old, " / ".join(change.unit_path) or nothing))
    if (
        change.manager_email is not None
        and current.emails.get(person.manager_id, "") != change.manager_email
    ):
        old = current.emails.get(person.manager_id, "") or nothing
        found.append(FieldChange(_("nærmeste leder"), old, change.manager_email or nothing))
    if change.roles is not None:
        roles = set(current.roles.get(person.pk, {}))
        after = _roles_after(roles, change.roles)
        if after != roles:
            old, new = names(map(_role_label, roles)), names(map(_role_label, after))
            found.append(FieldChange(_("roller"), old, new))
    if change.groups is not None and current.group_names_of(person) != {
        g.lower() for g in change.groups
    }:
        old = [current.group_names[g] for g in current.memberships.get(person.pk, {})]
        found.append(FieldChange(_("ledelsesgrupper"), names(old), names(change.groups)))
    if change.leads_groups is not None and current.led_names_of(person) != {
        g.lower() for g in change.leads_groups
    }:
        old = [current.group_names[g] for g in current.led.get(person.pk, ())]
        found.append(
            FieldChange(_("leder af ledelsesgrupper"), names(old), names(change.leads_groups))
        )
    if not person.is_active:
        found.append(FieldChange(_("aktiv"), _("nej"), _("ja")))
    return found


def _normalised(name: str) -> str:
    return " ".join(name.lower().split())


def similar_units(new: list[str], tree: dict[int, tuple[str, ...]]) -> list[tuple[str, str]]:
    """Each new unit path with the existing unit its last name matches or nearly matches
    (a typo, another case, extra spaces), so HR sees the duplicate before it is made."""
    existing = {}
    for path in tree.values():
        existing.setdefault(_normalised(path[-1]), " / ".join(path))
    # Near matches compare every pair: at the size of a first import of a whole
    # municipality only exact names are compared, which keeps the check in a second.
    fuzzy = len(new) * len(existing) <= 2_000_000
    found = []
    for path in new:
        name = _normalised(path.split(" / ")[-1])
        match = existing.get(name)
        if match is None and fuzzy:
            close = difflib.get_close_matches(name, list(existing), n=1, cutoff=0.85)
            match = existing[close[0]] if close else None
        if match and _normalised(match) != _normalised(path):
            found.append((path, match))
    return found


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def _roles_after(current: set[str], from_file: set[str]) -> set[str]:
    return people.roles_after(current=current, requested=from_file, channel=people.Channel.IMPORT)


# --- Saving ----------------------------------------------------------------


@transaction.atomic
def apply(
    organisation: Organisation, import_plan: ImportPlan, by: Person | None = None
) -> dict[str, int]:
    """Saves a plan without errors: all of it or, on any failure, none of it.

    The file only says what it describes; the people and their groups are changed by
    `organisations.people`, by the rules of every other channel, in bulk so that a
    large organisation's file saves in seconds.
    """
    if import_plan.errors:
        raise ValueError("A plan with errors cannot be applied.")
    source = people.Source.file_import(by)
    unit_ids = _unit_paths(organisation)

    def unit_for(path: tuple[str, ...]) -> int | None:
        if not path:
            return None
        key = tuple(p.lower() for p in path)
        if key not in unit_ids:
            parent_id = unit_for(path[:-1])
            unit_ids[key] = Unit.objects.create(
                organisation=organisation, name=path[-1], parent_id=parent_id
            ).pk
        return unit_ids[key]

    groups = {g.name.lower(): g for g in ManagementGroup.objects.filter(organisation=organisation)}

    def group_for(name: str) -> ManagementGroup:
        if name.lower() not in groups:
            groups[name.lower()] = ManagementGroup.objects.create(
                organisation=organisation, name=name
            )
        return groups[name.lower()]

    current = Current.of(organisation)
    changed = import_plan.changed_people
    everyone = people.people_bulk_save(
        organisation=organisation,
        rows=[
            people.PersonRow(
                email=change.email,
                name=change.name,
                title=change.title,
                unit_id=(
                    people.UNCHANGED if change.unit_path is None else unit_for(change.unit_path)
                ),
                manager_email=change.manager_email,
                roles=change.roles,
            )
            for change in changed
        ],
        people=current.people,
        roles=current.roles,
        source=source,
    )
    people.memberships_bulk_set(
        organisation=organisation,
        wanted={
            everyone[change.email]: {group_for(name).pk for name in change.groups}
            for change in changed
            if change.groups is not None
        },
        current=current.memberships,
        leaders={
            everyone[change.email]: {group_for(name).pk for name in change.leads_groups}
            for change in changed
            if change.leads_groups is not None
        },
        groups={group.pk: group for group in groups.values()},
        source=source,
    )
    return {
        "created": import_plan.created,
        "updated": import_plan.updated,
        "unchanged": import_plan.unchanged,
    }
