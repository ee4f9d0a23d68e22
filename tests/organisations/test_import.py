"""Import from an HR system's CSV or XLSX export."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import Workbook

from organisations import importer
from organisations.models import GroupMembership, ManagementGroup, Person, Role, Unit
from tests.client import SessionClient as Client
from tests.factories import PersonFactory

HEADER = "E-mail;Navn;Stilling;Enhed;Nærmeste leder;Roller;Ledelsesgrupper;Leder af ledelsesgrupper"
GOOD_CSV = "\n".join(
    [
        HEADER,
        "direktoer@imp.example;Dorte Direktør;Direktør;Kommunen;;topledelse;;",
        "chef@imp.example;Carl Chef;Områdechef;Kommunen / Omsorg;direktoer@imp.example;;"
        "Omsorgsledelsen;Omsorgsledelsen",
        "a@imp.example;Anna Leder;Leder;Kommunen / Omsorg / Nord;chef@imp.example;leder;"
        "Omsorgsledelsen;",
        "b@imp.example;Bo Leder;Leder;Kommunen / Omsorg / Syd;chef@imp.example;Leder;"
        "Omsorgsledelsen;",
        "hr@imp.example;Helle HR;HR-partner;Kommunen / HR;direktoer@imp.example;"
        "hr, administrator;;",
    ]
)


def run(organisation, content: str | bytes, name="personer.csv"):
    data = content.encode() if isinstance(content, str) else content
    return importer.plan(organisation, importer.parse(data, name))


def snapshot(organisation):
    return (
        sorted(
            Person.objects.filter(organisation=organisation).values_list(
                "email", "name", "title", "unit_id", "manager_id", "is_active"
            )
        ),
        sorted(Unit.objects.filter(organisation=organisation).values_list("name", "parent_id")),
        sorted(
            ManagementGroup.objects.filter(organisation=organisation).values_list(
                "name", "leader_id"
            )
        ),
        sorted(
            GroupMembership.objects.filter(group__organisation=organisation).values_list(
                "group_id", "person_id"
            )
        ),
        sorted(
            Person.objects.filter(organisation=organisation).values_list(
                "email", "role_assignments__role"
            )
        ),
    )


def test_a_good_file_creates_everything(world):
    plan = run(world.organisation, GOOD_CSV)
    assert plan.errors == []
    assert plan.created == 5
    result = importer.apply(world.organisation, plan)
    assert result == {"created": 5, "updated": 0, "unchanged": 0}
    anna = Person.objects.get(email="a@imp.example")
    assert anna.organisation == world.organisation
    assert anna.unit.path == "Kommunen / Omsorg / Nord"
    assert anna.manager.email == "chef@imp.example"
    assert anna.roles == {Role.LEADER_OF_EMPLOYEES}
    assert not anna.has_usable_password()
    chef = Person.objects.get(email="chef@imp.example")
    assert Role.LEADER_OF_LEADERS in chef.roles
    group = ManagementGroup.objects.get(organisation=world.organisation, name="Omsorgsledelsen")
    assert group.leader == chef
    assert set(group.members.values_list("email", flat=True)) == {
        "chef@imp.example",
        "a@imp.example",
        "b@imp.example",
    }
    assert Person.objects.get(email="hr@imp.example").roles == {Role.HR, Role.ORG_ADMIN}


def test_importing_the_same_file_again_changes_nothing(world):
    importer.apply(world.organisation, run(world.organisation, GOOD_CSV))
    before = snapshot(world.organisation)
    plan = run(world.organisation, GOOD_CSV)
    assert (plan.created, plan.updated, plan.unchanged) == (0, 0, 5)
    assert plan.new_units == [] and plan.new_groups == []
    importer.apply(world.organisation, plan)
    assert snapshot(world.organisation) == before


def test_every_bad_row_is_reported_and_nothing_is_saved(world):
    before = snapshot(world.organisation)
    content = "\n".join(
        [
            HEADER,
            "ok@imp.example;Okay Person;;Kommunen;;leder;;",
            ";Uden Mail;;;;;;",
            "ikke-en-mail;Forkert Mail;;;;;;",
            "ok@imp.example;Dobbelt;;;;;;",
            "x@imp.example;;;;;;;",
            "y@imp.example;Ukendt Rolle;;;;chefkok;;",
            "z@imp.example;Ukendt Leder;;;findes@ikke.example;;;",
            "w@imp.example;Tom Enhed;;Kommunen //Nord;;;;",
            "udefra@other.example;Fremmed;;;;;;",
        ]
    )
    plan = run(world.organisation, content)
    rows = {e.row: e.message for e in plan.errors}
    assert set(rows) == {3, 4, 5, 6, 7, 8, 9, 10}
    assert "E-mail mangler" in rows[3]
    assert "ikke en gyldig e-mailadresse" in rows[4]
    assert "række 2" in rows[5]
    assert "Navn mangler" in rows[6]
    assert "Ukendt rolle „chefkok“" in rows[7]
    assert "findes@ikke.example" in rows[8]
    assert "tomt led" in rows[9]
    assert "kan ikke bruges" in rows[10]
    with pytest.raises(ValueError):
        importer.apply(world.organisation, plan)
    assert snapshot(world.organisation) == before


def test_a_reporting_cycle_is_refused(world):
    content = "\n".join(
        [
            "E-mail;Navn;Nærmeste leder",
            "a@imp.example;A;b@imp.example",
            "b@imp.example;B;c@imp.example",
            "c@imp.example;C;a@imp.example",
            "d@imp.example;D;d@imp.example",
        ]
    )
    plan = run(world.organisation, content)
    messages = {e.row: e.message for e in plan.errors}
    assert set(messages) == {2, 3, 4, 5}
    assert "går i ring" in messages[2]
    assert "sin egen nærmeste leder" in messages[5]


def test_people_missing_from_the_file_are_reported_not_deleted(world):
    plan = run(world.organisation, GOOD_CSV)
    missing = {p.email for p in plan.missing}
    assert {"leder@test.example", "hr@test.example"} <= missing
    importer.apply(world.organisation, plan)
    assert Person.objects.get(email="leder@test.example").is_active


def test_a_column_not_in_the_file_is_left_alone(world):
    content = "E-mail;Navn\nleder@test.example;Leder Et Omdøbt\n"
    plan = run(world.organisation, content)
    assert plan.updated == 1
    importer.apply(world.organisation, plan)
    leader = Person.objects.get(email="leder@test.example")
    assert leader.name == "Leder Et Omdøbt"
    assert leader.manager == world.chef
    assert leader.unit == world.sub_unit
    assert leader.roles == {Role.LEADER_OF_EMPLOYEES}
    assert world.group.members.filter(pk=leader.pk).exists()


def test_an_import_never_removes_the_administrator_role(world):
    content = "E-mail;Navn;Roller\nadmin@test.example;Administrator;hr\n"
    importer.apply(world.organisation, run(world.organisation, content))
    admin = Person.objects.get(email="admin@test.example")
    assert admin.roles == {Role.HR, Role.ORG_ADMIN}


def test_xlsx_files_are_read_like_csv(world):
    workbook = Workbook()
    sheet = workbook.active
    for line in GOOD_CSV.splitlines():
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = run(world.organisation, buffer.getvalue(), "eksport.xlsx")
    assert plan.errors == []
    assert plan.created == 5


def test_comma_separated_cp1252_files_are_read(world):
    content = "E-mail,Navn,Enhed\nsoeren@imp.example,Søren Ørsted,Økonomi\n".encode("cp1252")
    plan = run(world.organisation, content)
    assert plan.errors == []
    assert plan.people[0].name == "Søren Ørsted"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "tom.csv", "Filen er tom"),
        (b"Navn;Enhed\nA;B\n", "uden-mail.csv", "mangler kolonnen"),
        (b"E-mail;Navn\n", "kun-overskrift.csv", "ingen personer"),
        (b"%PDF-1.4", "personer.pdf", "CSV-fil"),
        (b"ikke en excel-fil", "personer.xlsx", "Excel-fil"),
        (b"E-mail;Navn;Mail\na@b.dk;A;a@b.dk\n", "dobbelt.csv", "mere end én gang"),
    ],
)
def test_unreadable_files_get_a_clear_danish_message(content, name, message):
    with pytest.raises(importer.ImportFileError, match=message):
        importer.parse(content, name)


def test_the_import_pages_preview_then_save(world, login):
    client = login(world.hr)
    upload = io.BytesIO(GOOD_CSV.encode())
    upload.name = "personer.csv"
    response = client.post("/organisation/import/", {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kontrollér, før du importerer" in page
    assert not Person.objects.filter(email="a@imp.example").exists()
    response = client.post("/organisation/import/bekraeft/")
    assert response.status_code == 302
    assert Person.objects.filter(email="a@imp.example").exists()


def test_a_large_file_waits_in_the_database_not_the_session_and_only_its_uploader_saves_it(
    world, login
):
    from organisations.models import PendingImport
    from organisations.services import pending_imports_purge

    rows = [HEADER] + [
        f"n{n}@imp.example;Ny {n};;;;leder;;" for n in range(importer.PREVIEW_ROWS + 7)
    ]
    upload = io.BytesIO("\n".join(rows).encode())
    upload.name = "personer.csv"
    client = login(world.hr)
    page = client.post("/organisation/import/", {"file": upload}).content.decode()
    # The preview lists the first rows and counts the rest.
    assert "… og 7 personer mere." in page
    assert page.count("Oprettes") == importer.PREVIEW_ROWS
    pending = PendingImport.objects.get(uploaded_by=world.hr)
    assert bytes(pending.content).startswith(HEADER.encode())
    assert "n1@imp.example" not in str(dict(client.session))
    # Another administrator's session cannot confirm HR's file.
    other = Client()
    other.force_login(world.admin)
    session = other.session
    session["organisation_import"] = pending.pk
    session.save()
    assert other.post("/organisation/import/bekraeft/").status_code == 302
    assert not Person.objects.filter(email="n1@imp.example").exists()
    assert client.post("/organisation/import/bekraeft/").status_code == 302
    assert Person.objects.filter(email__endswith="@imp.example").count() == len(rows) - 1
    assert not PendingImport.objects.exists()
    # A file nobody confirms is gone after a day.
    PendingImport.objects.create(
        organisation=world.organisation, uploaded_by=world.hr, filename="x.csv", content=b"x"
    )
    assert pending_imports_purge() == 0
    assert pending_imports_purge(now=timezone.now() + timedelta(hours=25)) == 1


def test_the_import_page_lists_errors_with_row_numbers(world, login):
    client = login(world.hr)
    upload = io.BytesIO(f"{HEADER}\nforkert;Navn;;;;;;\n".encode())
    upload.name = "personer.csv"
    response = client.post("/organisation/import/", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Intet er gemt" in page
    assert "<td>2</td>" in page


def test_a_person_in_another_organisation_is_never_touched(world):
    PersonFactory(organisation=world.other_organisation, email="delt@imp.example")
    plan = run(world.organisation, "E-mail;Navn\ndelt@imp.example;Overtaget\n")
    assert plan.errors and "kan ikke bruges" in plan.errors[0].message


def test_an_import_that_changes_roles_and_groups_is_in_the_audit_log(world):
    from audit.models import AuditEvent, Kind

    importer.apply(world.organisation, run(world.organisation, GOOD_CSV), by=world.hr)
    moved = GOOD_CSV.replace(
        "a@imp.example;Anna Leder;Leder;Kommunen / Omsorg / Nord;chef@imp.example;leder;"
        "Omsorgsledelsen;",
        "a@imp.example;Anna Leder;Leder;Kommunen / Omsorg / Nord;chef@imp.example;leder, hr;"
        "Ny gruppe;",
    )
    importer.apply(world.organisation, run(world.organisation, moved), by=world.hr)
    anna = Person.objects.get(email="a@imp.example")
    kinds = set(
        AuditEvent.objects.filter(subject=anna, actor=world.hr).values_list("kind", flat=True)
    )
    assert {Kind.ROLES_CHANGED, Kind.GROUP_CHANGED} <= kinds


def test_a_group_changes_leader_and_members_as_the_file_says(world):
    importer.apply(world.organisation, run(world.organisation, GOOD_CSV))
    changed = (
        GOOD_CSV.replace(
            "chef@imp.example;Carl Chef;Områdechef;Kommunen / Omsorg;direktoer@imp.example;;"
            "Omsorgsledelsen;Omsorgsledelsen",
            "chef@imp.example;Carl Chef;Områdechef;Kommunen / Omsorg;direktoer@imp.example;;"
            "ingen;ingen",
        )
        .replace(
            "a@imp.example;Anna Leder;Leder;Kommunen / Omsorg / Nord;chef@imp.example;leder;"
            "Omsorgsledelsen;",
            "a@imp.example;Anna Leder;Leder;Kommunen / Omsorg / Nord;chef@imp.example;leder;"
            ";Omsorgsledelsen",
        )
        .replace(
            "b@imp.example;Bo Leder;Leder;Kommunen / Omsorg / Syd;chef@imp.example;Leder;"
            "Omsorgsledelsen;",
            "b@imp.example;Bo Leder;Leder;Kommunen / Omsorg / Syd;chef@imp.example;Leder;-;",
        )
    )
    plan = run(world.organisation, changed)
    assert plan.errors == []
    assert plan.updated == 3
    importer.apply(world.organisation, plan)
    group = ManagementGroup.objects.get(organisation=world.organisation, name="Omsorgsledelsen")
    # Anna now leads it and so is a member; Carl and Bo left it.
    assert group.leader.email == "a@imp.example"
    assert set(group.members.values_list("email", flat=True)) == {"a@imp.example"}
    assert run(world.organisation, changed).unchanged == 5


def test_a_file_larger_than_sqlites_parameter_limit_imports_and_reimports(world):
    """A large organisation's file: no query may list every person, as SQLite caps a
    query's parameters (lowered here so a small file proves it; PostgreSQL has no cap)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        connection.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    rows = [HEADER, "top@stor.example;Top;Direktør;Stor;;topledelse;;Topgruppen"]
    for n in range(1500):
        rows.append(
            f"l{n}@stor.example;Leder {n};Leder;Stor / Afdeling {n % 30};top@stor.example;"
            f"leder;Gruppe {n % 150};"
        )
    content = "\n".join(rows)
    plan = run(world.organisation, content)
    assert plan.errors == []
    assert importer.apply(world.organisation, plan)["created"] == 1501
    assert (
        Person.objects.filter(
            email__endswith="@stor.example", manager__email="top@stor.example"
        ).count()
        == 1500
    )
    assert GroupMembership.objects.filter(group__name="Gruppe 7").count() == 10
    again = run(world.organisation, content.replace("Leder 7;", "Leder Syv;"))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1500)
    importer.apply(world.organisation, again)
    assert Person.objects.get(email="l7@stor.example").name == "Leder Syv"


def test_an_empty_group_cell_leaves_the_persons_groups_alone(world):
    """Issue 23: an HR system that does not know the groups exports empty cells; that
    must not quietly take everyone out of their groups. Only "ingen" does."""
    importer.apply(world.organisation, run(world.organisation, GOOD_CSV))
    blank_groups = "\n".join(
        ";".join([*line.split(";")[:6], "", ""]) for line in GOOD_CSV.splitlines()[1:]
    )
    plan = run(world.organisation, HEADER + "\n" + blank_groups)
    assert plan.errors == [] and plan.updated == 0
    importer.apply(world.organisation, plan)
    group = ManagementGroup.objects.get(organisation=world.organisation, name="Omsorgsledelsen")
    assert group.leader.email == "chef@imp.example"
    assert set(group.members.values_list("email", flat=True)) == {
        "chef@imp.example",
        "a@imp.example",
        "b@imp.example",
    }


def test_the_preview_shows_each_change_as_old_and_new(world):
    importer.apply(world.organisation, run(world.organisation, GOOD_CSV))
    changed = GOOD_CSV.replace(
        "a@imp.example;Anna Leder;Leder;Kommunen / Omsorg / Nord;chef@imp.example;leder;"
        "Omsorgsledelsen;",
        "a@imp.example;Anna Leder;Afdelingsleder;Kommunen / Omsorg / Syd;"
        "direktoer@imp.example;leder;ingen;",
    )
    plan = run(world.organisation, changed)
    (anna,) = plan.changed_people
    shown = {(c.label, c.old, c.new) for c in anna.changes}
    assert shown == {
        ("stilling", "Leder", "Afdelingsleder"),
        ("enhed", "Kommunen / Omsorg / Nord", "Kommunen / Omsorg / Syd"),
        ("nærmeste leder", "chef@imp.example", "direktoer@imp.example"),
        ("ledelsesgrupper", "Omsorgsledelsen", "ingen"),
    }


def test_a_new_unit_that_looks_like_an_existing_one_is_warned_about(world):
    importer.apply(world.organisation, run(world.organisation, GOOD_CSV))
    # The path leaves out the top ("Kommunen"), and one name has a typo.
    plan = run(
        world.organisation,
        "\n".join([HEADER, "c@imp.example;Cai;Leder;Omsorg / Nordd;;leder;;"]),
    )
    assert plan.errors == []
    assert plan.similar_units == [
        ("Omsorg", "Kommunen / Omsorg"),
        ("Omsorg / Nordd", "Kommunen / Omsorg / Nord"),
    ]
    # A genuinely new unit is not flagged.
    plan = run(world.organisation, "\n".join([HEADER, "c@imp.example;Cai;;Kommunen / Kultur;;;;"]))
    assert plan.new_units == ["Kommunen / Kultur"] and plan.similar_units == []
