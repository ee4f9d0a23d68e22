"""HR manages units, people and groups in the product."""

import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import ManagementGroup, Person, Role, Unit
from tests.factories import PersonFactory


def test_hr_creates_a_unit_under_another(world, login):
    client = login(world.hr)
    response = client.post(
        "/organisation/enheder/ny/", {"name": "Sygeplejen", "parent": world.unit.pk}
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="Sygeplejen")
    assert unit.organisation == world.organisation
    assert unit.parent == world.unit


def test_a_unit_cannot_be_moved_below_itself(world, login):
    client = login(world.hr)
    response = client.post(
        f"/organisation/enheder/{world.unit.pk}/",
        {"name": world.unit.name, "parent": world.sub_unit.pk},
    )
    assert response.status_code == 400
    assert "kan ikke ligge under sig selv" in response.content.decode()


def test_a_unit_in_use_is_not_deleted_and_hr_is_told_why(world, login):
    client = login(world.hr)
    response = client.post(f"/organisation/enheder/{world.sub_unit.pk}/slet/", follow=True)
    assert Unit.objects.filter(pk=world.sub_unit.pk).exists()
    assert "kan ikke slettes" in response.content.decode()


def test_a_parent_from_another_organisation_is_refused(world, login):
    client = login(world.hr)
    response = client.post(
        "/organisation/enheder/ny/", {"name": "Snyd", "parent": world.other_unit.pk}
    )
    assert response.status_code == 400
    assert not Unit.objects.filter(name="Snyd").exists()


def test_hr_creates_a_person_with_roles_and_manager(world, login):
    client = login(world.hr)
    response = client.post(
        "/organisation/personer/ny/",
        {
            "name": "Ny Leder",
            "email": "Ny.Leder@Test.example",
            "title": "Leder",
            "unit": world.sub_unit.pk,
            "manager": world.chef.email.upper(),
            "roles": [Role.LEADER_OF_EMPLOYEES],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="ny.leder@test.example")
    assert person.organisation == world.organisation
    assert person.manager == world.chef
    assert person.roles == {Role.LEADER_OF_EMPLOYEES}
    assert not person.has_usable_password()


def test_an_e_mail_in_use_gets_a_danish_message(world, login):
    client = login(world.hr)
    response = client.post(
        "/organisation/personer/ny/",
        {"name": "Kopi", "email": world.outsider.email, "is_active": "on"},
    )
    assert response.status_code == 400
    assert "bruges allerede" in response.content.decode()


def test_a_reporting_cycle_is_refused_in_the_form(world, login):
    client = login(world.hr)
    response = client.post(
        f"/organisation/personer/{world.chef.pk}/",
        {
            "name": world.chef.name,
            "email": world.chef.email,
            "manager": world.leader.email,
            "is_active": "on",
        },
    )
    assert response.status_code == 400
    assert "refererer allerede" in response.content.decode()
    world.chef.refresh_from_db()
    assert world.chef.manager == world.top


def _never_signed_in(world, **fields) -> Person:
    person = PersonFactory(organisation=world.organisation, email="ny@test.example", **fields)
    person.set_unusable_password()
    person.save()
    return person


def test_the_invitation_sends_a_set_password_link_in_the_persons_language(world, login):
    newcomer = _never_signed_in(world, language="en")
    client = login(world.hr)
    client.post(f"/organisation/personer/{newcomer.pk}/inviter/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny@test.example"]
    assert "invited" in message.subject
    link = next(line for line in message.body.splitlines() if "/invitation/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    response = client.get(f"/{path}", follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "Trivsel-og-resultater-7", "new_password2": "Trivsel-og-resultater-7"},
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password("Trivsel-og-resultater-7")


def test_hr_creates_a_group_and_the_leader_becomes_a_member(world, login):
    client = login(world.hr)
    response = client.post(
        "/organisation/ledelsesgrupper/ny/",
        {"name": "Ny gruppe", "leader": world.chef.email, "add_members": world.leader.email},
    )
    assert response.status_code == 302
    group = ManagementGroup.objects.get(name="Ny gruppe")
    assert set(group.members.all()) == {world.chef, world.leader}


def test_members_from_another_organisation_cannot_be_added(world, login):
    client = login(world.hr)
    response = client.post(
        "/organisation/ledelsesgrupper/ny/",
        {"name": "Blandet", "add_members": f"{world.leader.email}, {world.outsider.email}"},
    )
    assert response.status_code == 400
    assert world.outsider.email in response.content.decode()
    assert not ManagementGroup.objects.filter(name="Blandet").exists()
    response = client.post(
        "/organisation/ledelsesgrupper/ny/", {"name": "Blandet", "leader": world.outsider.email}
    )
    assert response.status_code == 400
    assert "Der er ingen at vælge med e-mailadressen" in response.content.decode()


def test_a_group_lists_its_members_to_keep_or_take_off_and_adds_by_e_mail(world, login):
    client = login(world.hr)
    url = f"/organisation/ledelsesgrupper/{world.group.pk}/"
    page = client.get(url).content.decode()
    members = list(world.group.members.all())
    # Only the members are listed, not everyone in the organisation, and not the leader,
    # who is always a member.
    assert page.count('name="members"') == len(members) - 1
    assert f'value="{world.group.leader.pk}"' not in page.split('name="members"', 1)[1][:40]
    newcomer = PersonFactory(organisation=world.organisation, email="ny.kollega@test.example")
    kept = [m for m in members if m not in (world.leader, world.group.leader)]
    response = client.post(
        url,
        {
            "name": world.group.name,
            "leader": world.group.leader.email,
            "members": [m.pk for m in kept],
            "add_members": "Ny.Kollega@test.example\n",
        },
    )
    assert response.status_code == 302
    assert set(world.group.members.all()) == {*kept, newcomer, world.group.leader}


def test_a_leader_who_hands_the_group_over_stays_a_member(world, login):
    client = login(world.hr)
    url = f"/organisation/ledelsesgrupper/{world.group.pk}/"
    others = [m for m in world.group.members.all() if m != world.group.leader]
    response = client.post(
        url,
        {
            "name": world.group.name,
            "leader": world.leader.email,
            "members": [m.pk for m in others],
        },
    )
    assert response.status_code == 302
    world.group.refresh_from_db()
    assert world.group.leader == world.leader
    assert world.chef in world.group.members.all()


def test_person_suggestions_come_from_the_own_organisation_only(world, login):
    client = login(world.hr)
    url = reverse("organisations:person_search")
    found = client.get(url, {"field": "manager", "manager": world.chef.name[:4]})
    assert found.status_code == 200
    assert f'value="{world.chef.email}"' in found.content.decode()
    other = client.get(url, {"field": "leader", "leader": world.outsider.name})
    assert world.outsider.email not in other.content.decode()
    assert client.get(url, {"field": "q", "q": "a"}).content.decode().strip() == ""


def test_the_people_list_does_not_grow_in_queries_with_the_organisation(world, login):
    client = login(world.hr)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/organisation/personer/").status_code == 200
        return len(context.captured_queries)

    small = queries()
    for n in range(20):
        PersonFactory(
            organisation=world.organisation,
            unit=world.sub_unit,
            manager=world.chef,
            roles=[Role.LEADER_OF_EMPLOYEES],
            email=f"ekstra{n}@test.example",
        )
    assert queries() == small


def test_the_people_list_is_paged_and_the_pages_keep_the_search(world, login):
    from organisations.selectors import PEOPLE_PER_PAGE

    for n in range(PEOPLE_PER_PAGE + 5):
        PersonFactory(
            organisation=world.organisation,
            unit=world.sub_unit,
            name=f"Sidetest {n:03d}",
            email=f"side{n}@test.example",
        )
    client = login(world.hr)
    first = client.get("/organisation/personer/", {"q": "Sidetest"}).content.decode()
    assert f"Viser 1–{PEOPLE_PER_PAGE} af {PEOPLE_PER_PAGE + 5} personer." in first
    assert "Sidetest 000" in first and f"Sidetest {PEOPLE_PER_PAGE:03d}" not in first
    assert "?q=Sidetest&amp;side=2" in first
    second = client.get("/organisation/personer/", {"q": "Sidetest", "side": 2}).content.decode()
    assert f"Sidetest {PEOPLE_PER_PAGE:03d}" in second and "Sidetest 000" not in second
    # A page past the end shows the last one, not an error.
    assert client.get("/organisation/personer/", {"side": 999}).status_code == 200
    assert client.get("/organisation/personer/", {"side": "x"}).status_code == 200


def test_the_group_list_is_paged_and_searchable(world, login):
    from organisations.selectors import GROUPS_PER_PAGE

    for n in range(GROUPS_PER_PAGE + 3):
        ManagementGroup.objects.create(organisation=world.organisation, name=f"Gruppe {n:03d}")
    client = login(world.hr)
    first = client.get("/organisation/ledelsesgrupper/", {"q": "Gruppe 0"}).content.decode()
    assert f"Viser 1–{GROUPS_PER_PAGE} af {GROUPS_PER_PAGE + 3} ledelsesgrupper." in first
    assert "?q=Gruppe+0&amp;side=2" in first
    second = client.get("/organisation/ledelsesgrupper/", {"q": "Gruppe 0", "side": 2})
    assert f"Gruppe {GROUPS_PER_PAGE:03d}" in second.content.decode()
    by_leader = client.get("/organisation/ledelsesgrupper/", {"q": world.group.leader.name})
    assert world.group.name in by_leader.content.decode()
    assert (
        "Ingen ledelsesgrupper fundet."
        in client.get("/organisation/ledelsesgrupper/", {"q": "findes ikke"}).content.decode()
    )


def test_the_units_page_shows_a_level_at_a_time_in_the_same_queries_however_deep(world, login):
    """Issue 24: with a unit per leader an organisation has 20,000 units, so the page
    opens one level at a time (or searches), a page at a time, in a fixed number of
    queries; the way back up is a path of links."""
    client = login(world.hr)
    top = world.sub_unit.parent

    def queries(**params) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as context:
            page = client.get("/organisation/enheder/", params).content.decode()
        return len(context.captured_queries), page

    few, page = queries()
    assert top.name in page and world.sub_unit.name not in page
    parent = world.sub_unit
    for n in range(60):
        Unit.objects.create(
            organisation=world.organisation, name=f"Afdeling {n:02d}", parent=parent
        )
    PersonFactory(
        organisation=world.organisation,
        unit=Unit.objects.get(name="Afdeling 00"),
        email="afdeling@test.example",
    )
    assert queries()[0] == few
    count, page = queries(enhed=parent.pk)
    assert count <= few + 2  # the unit shown, and one query a level above it
    assert "Afdeling 00" in page and "Afdeling 49" in page and "Afdeling 50" not in page
    assert "1 person," in page and f'href="/organisation/enheder/?enhed={top.pk}"' in page
    assert "Side 1 af 2" in page
    found = client.get("/organisation/enheder/", {"q": "afdeling 5"}).content.decode()
    assert "Afdeling 55" in found and "Afdeling 05" not in found
    assert f"under {parent.name}" in found
    other = client.get("/organisation/enheder/", {"enhed": world.other_unit.pk})
    assert other.status_code == 404


def test_the_structure_pages_never_list_another_organisations_people(world, login):
    client = login(world.hr)
    page = client.get("/organisation/personer/").content.decode()
    assert world.leader.email in page
    assert world.outsider.email not in page
    page = client.get("/organisation/ledelsesgrupper/").content.decode()
    assert world.other_group.name not in page


def test_the_anonymity_threshold_cannot_go_below_three(world, login):
    client = login(world.admin)
    response = client.post(
        "/organisation/indstillinger/",
        {"name": "Testkommune", "sector": "public", "anonymity_k": 2},
    )
    assert response.status_code == 400
    world.organisation.refresh_from_db()
    assert world.organisation.anonymity_k == 3
    response = client.post(
        "/organisation/indstillinger/",
        {"name": "Testkommune", "sector": "public", "anonymity_k": 5},
    )
    assert response.status_code == 302
    world.organisation.refresh_from_db()
    assert world.organisation.anonymity_k == 5


def test_unit_fields_take_a_path_or_a_name_and_say_what_is_wrong_in_danish(world, login):
    """An organisation with a unit per leader has 20,000 units: a unit is typed, with
    suggestions, by its path (as in the import file, or only its last levels) or its
    name."""
    client = login(world.hr)
    path = f"{world.unit.name} / {world.sub_unit.name}"
    response = client.post("/organisation/enheder/ny/", {"name": "Sygeplejen", "parent": path})
    assert response.status_code == 302
    assert Unit.objects.get(name="Sygeplejen").parent == world.sub_unit
    # Two units of one name: the name alone is not enough, the path is.
    elsewhere = Unit.objects.create(organisation=world.organisation, name="Børn og Unge")
    Unit.objects.create(organisation=world.organisation, name=world.sub_unit.name, parent=elsewhere)
    twice = client.post("/organisation/enheder/ny/", {"name": "Ny", "parent": world.sub_unit.name})
    assert twice.status_code == 400
    assert f"Flere enheder hedder „{world.sub_unit.name}“" in twice.content.decode()
    # The last levels of a path are enough when they tell the units apart.
    north = Unit.objects.create(organisation=world.organisation, name="Nord", parent=world.sub_unit)
    Unit.objects.create(organisation=world.organisation, name="Nord", parent=elsewhere)
    short = client.post(
        "/organisation/enheder/ny/",
        {"name": "Natholdet", "parent": f"{world.sub_unit.name} / Nord"},
    )
    assert short.status_code == 302
    assert Unit.objects.get(name="Natholdet").parent == north
    unknown = client.post("/organisation/enheder/ny/", {"name": "Ny", "parent": "Findes ikke"})
    assert "Der er ingen enhed at vælge, der hedder „Findes ikke“" in unknown.content.decode()
    # Another organisation's unit is not found by its name either.
    outside = client.post(
        "/organisation/enheder/ny/", {"name": "Ny", "parent": world.other_unit.name}
    )
    assert outside.status_code == 400
    assert not Unit.objects.filter(name="Ny").exists()
    # A person's form shows their unit as its path.
    page = client.get(f"/organisation/personer/{world.leader.pk}/").content.decode()
    assert f'value="{path}"' in page and 'list="id_unit_options"' in page
    # Styled as every other field, though the form puts it in place itself.
    assert re.search(r'<input type="text" name="unit"[^>]*class="form-input"', page)


def test_unit_suggestions_come_from_the_own_organisation_with_their_paths(world, login):
    client = login(world.hr)
    url = reverse("organisations:unit_search")
    found = client.get(url, {"field": "unit", "unit": world.sub_unit.name[:5].lower()})
    assert found.status_code == 200
    path = f"{world.unit.name} / {world.sub_unit.name}"
    assert f'<option value="{path}">{world.sub_unit.name}</option>' in found.content.decode()
    other = client.get(url, {"field": "unit", "unit": world.other_unit.name})
    assert world.other_unit.name not in other.content.decode()
    assert client.get(url, {"field": "q", "q": "S"}).content.decode().strip() == ""


def test_the_people_list_filters_by_a_typed_unit(world, login):
    client = login(world.hr)
    path = f"{world.unit.name} / {world.sub_unit.name}"
    page = client.get("/organisation/personer/", {"enhed": path}).content.decode()
    in_unit = Person.objects.filter(unit=world.sub_unit).count()
    assert world.leader.name in page and f"Viser 1–{in_unit} af {in_unit} personer." in page
    # No select lists every unit: the field is typed, with suggestions.
    assert "<select" not in page
    wrong = client.get("/organisation/personer/", {"enhed": "Findes ikke"})
    assert wrong.status_code == 200
    assert "Der er ingen enhed at vælge" in wrong.content.decode()


def test_a_leader_of_leaders_is_offered_only_their_own_part_for_a_plan(world, login):
    Unit.objects.create(organisation=world.organisation, name="Børn og Unge")
    url = reverse("plans:unit_search")
    chef = login(world.chef).get(url, {"field": "unit", "unit": "bø"}).content.decode()
    assert "Børn og Unge" not in chef
    assert (
        world.sub_unit.name
        in login(world.chef)
        .get(url, {"field": "unit", "unit": world.sub_unit.name[:4]})
        .content.decode()
    )
    top = login(world.top).get(url, {"field": "unit", "unit": "bø"}).content.decode()
    assert "Børn og Unge" in top
    # The plan form starts at the leader of leaders' own unit.
    form = login(world.chef).get(reverse("plans:create")).content.decode()
    assert f'value="{world.unit.name}"' in form
