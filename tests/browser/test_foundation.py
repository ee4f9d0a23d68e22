"""A demo user's first steps in the browser, in Danish and in English."""

import pytest
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from organisations.models import ManagementGroup, Person, Unit
from tests.browser.conftest import check_page, load_demo, log_in, screenshot


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_a_leader_logs_in_and_sees_their_danish_home_page(demo, page):
    log_in(page, "leder1@demo.example", DEMO_PASSWORD)
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Anne")
    expect(page.get_by_text("Din rolle: Ledere af medarbejdere")).to_be_visible()
    expect(page.get_by_role("link", name="Organisation", exact=True)).to_have_count(0)
    screenshot(page, "home-leader")

    page.get_by_role("link", name="Dialog med nærmeste leder", exact=True).click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Styrk din dialog med nærmeste leder")
    expect(page.get_by_role("cell", name="Sæt struktur på din egen dialog")).to_be_visible()

    page.get_by_role("link", name="Metoden").click()
    check_page(page)
    expect(page.get_by_role("heading", name="Hvorfor de tre værktøjer?")).to_be_visible()

    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/metoden/")
    check_page(page)
    expect(page.get_by_role("heading", name="Why the three tools?")).to_be_visible()
    page.get_by_role("link", name="Home", exact=True).click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Anne")
    screenshot(page, "home-leader-english")


def test_hr_maintains_the_structure_and_never_sees_another_organisation(demo, page):
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Organisation", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="Enheder").first.click()
    check_page(page)
    # A level at a time (issue 24), down from the top and back by the path.
    page.get_by_role("link", name="Direktionen", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="Social og Sundhed", exact=True).click()
    check_page(page)
    expect(page.get_by_role("link", name="Ret Hjemmeplejen Nord")).to_be_visible()
    expect(page.locator(".unit-path")).to_contain_text("Direktionen")
    page.get_by_label("Søg efter en enhed").fill("nord")
    page.get_by_role("button", name="Søg").click()
    check_page(page)
    expect(page.get_by_text("under Social og Sundhed").first).to_be_visible()
    page.get_by_role("link", name="Opret enhed").click()
    check_page(page)
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Der er fejl i formularen")).to_be_visible()
    page.get_by_label("Navn").fill("Visitationen")
    # 20,000 units are too many for a list: the unit is typed, with suggestions by name.
    page.get_by_label("Overordnet enhed").press_sequentially("social")
    suggestion = page.locator("#id_parent_options option").first
    expect(suggestion).to_have_attribute("value", "Direktionen / Social og Sundhed")
    page.get_by_label("Overordnet enhed").fill("Direktionen / Social og Sundhed")
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Enheden Visitationen er oprettet.")).to_be_visible()
    assert Unit.objects.get(name="Visitationen").parent.name == "Social og Sundhed"

    page.get_by_role("link", name="Personer").first.click()
    check_page(page)
    expect(page.get_by_role("link", name="Anne Sørensen")).to_be_visible()
    expect(page.get_by_text("hr@finans.example")).to_have_count(0)
    screenshot(page, "people-hr")
    page.get_by_label("Enhed").fill("Hjemmeplejen Nord")
    page.get_by_role("button", name="Vis").click()
    check_page(page)
    expect(page.get_by_role("link", name="Anne Sørensen")).to_be_visible()
    expect(page.get_by_role("link", name="Mads Nielsen")).to_have_count(0)
    page.get_by_role("link", name="Anne Sørensen").click()
    check_page(page)
    expect(page.get_by_label("Nærmeste leder")).to_have_value("chef@demo.example")
    page.get_by_role("link", name="Annullér").click()
    check_page(page)
    page.get_by_role("link", name="Ledelsesgrupper").first.click()
    check_page(page)
    # A member is found by name among everyone in the organisation, never from a list
    # of them all.
    page.get_by_role("link", name="Ledergruppen i Børn og Unge").click()
    check_page(page)
    finder = page.get_by_label("Find en person at tilføje")
    finder.press_sequentially("Line M")
    expect(
        page.locator('#find-member-options option[value="koordinator@demo.example"]')
    ).to_be_attached()
    finder.fill("koordinator@demo.example")
    expect(page.get_by_label("Tilføj medlemmer")).to_have_value("koordinator@demo.example")
    expect(finder).to_have_value("")
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Ledelsesgruppen Ledergruppen i Børn og Unge er gemt.")).to_be_visible()
    group = ManagementGroup.objects.get(name="Ledergruppen i Børn og Unge")
    assert group.members.filter(email="koordinator@demo.example").exists()
    page.get_by_role("link", name="Import").first.click()
    check_page(page)
    screenshot(page, "import-hr")
    an_import_preview_shows_old_and_new_and_keeps_memberships_on_empty_cells(page)
    # The API's documentation is a page of the site that passes axe (issue 23).
    page.goto("/api/v1/docs")
    check_page(page)


def an_import_preview_shows_old_and_new_and_keeps_memberships_on_empty_cells(page):
    """Issue 23: HR sees each change as old → new before anything is saved, is warned
    when a path would duplicate a unit, and an empty group cell leaves memberships alone."""
    # The help's example path starts at the organisation's real top unit.
    expect(page.get_by_text("fx „Direktionen / Børn og Unge“")).to_be_visible()
    csv = "\n".join(
        [
            "E-mail;Navn;Stilling;Enhed;Ledelsesgrupper",
            "leder1@demo.example;Anne Sørensen;Leder af hjemmeplejen;"
            "Social og Sundhed / Hjemmeplejen Nord;",
        ]
    )
    page.get_by_label("Fil fra HR-systemet (CSV eller Excel)").set_input_files(
        files=[{"name": "personer.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Kontrollér filen").click()
    check_page(page)
    change = page.locator(".field-changes")
    # On screen "old → new"; a screen reader hears "old bliver til new".
    expect(change.locator("li").first).to_have_text(
        "Stilling: Leder af Hjemmeplejen Nord → bliver til Leder af hjemmeplejen"
    )
    expect(change.locator("li").nth(1)).to_have_text(
        "Enhed: Direktionen / Social og Sundhed / Hjemmeplejen Nord → bliver til "
        "Social og Sundhed / Hjemmeplejen Nord"
    )
    expect(change).not_to_contain_text("Ledelsesgrupper")
    warning = page.locator(".alert-warning")
    expect(warning).to_contain_text("ligner enheder, der findes i forvejen")
    expect(warning).to_contain_text("findes: „Direktionen / Social og Sundhed“")
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Gennemfør import").click()
    check_page(page)
    anne = Person.objects.get(email="leder1@demo.example")
    assert anne.title == "Leder af hjemmeplejen"
    assert anne.management_groups.filter(name="Ledergruppen i Social og Sundhed").exists()


def test_med_vouches_for_a_leader_hr_typed_in(demo, page):
    """Issue 22, path 7: the way from MED's home page to confirming someone HR typed in."""
    from organisations import people
    from organisations.models import Person

    hr = Person.objects.get(email="hr@demo.example")
    people.person_create(
        organisation=hr.organisation,
        email="ny.leder@demo.example",
        name="Mille Nørgaard",
        title="Afdelingsleder",
        source=people.Source.hr(hr),
    )
    log_in(page, "med@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="1 person oprettet i hånden venter på, at MED/SU").click()
    check_page(page)
    expect(page.get_by_role("cell", name="af HR i Ledertrivsel")).to_be_visible()
    screenshot(page, "vouch-med")
    page.get_by_role("button", name="Bekræft Mille Nørgaard").click()
    check_page(page)
    expect(page.get_by_text("Mille Nørgaard er bekræftet")).to_be_visible()
    assert Person.objects.get(email="ny.leder@demo.example").is_vouched
