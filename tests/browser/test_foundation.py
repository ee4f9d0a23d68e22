"""A demo user's first steps in the browser, in Danish and in English."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from organisations.models import ManagementGroup, Unit
from tests.browser.conftest import check_page, log_in, screenshot


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


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
    expect(page.get_by_role("link", name="Hjemmeplejen Nord")).to_be_visible()
    page.get_by_role("link", name="Opret enhed").click()
    check_page(page)
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Der er fejl i formularen")).to_be_visible()
    page.get_by_label("Navn").fill("Visitationen")
    page.get_by_label("Overordnet enhed").select_option(label="Social og Sundhed")
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Enheden Visitationen er oprettet.")).to_be_visible()
    assert Unit.objects.get(name="Visitationen").parent.name == "Social og Sundhed"

    page.get_by_role("link", name="Personer").first.click()
    check_page(page)
    expect(page.get_by_role("link", name="Anne Sørensen")).to_be_visible()
    expect(page.get_by_text("hr@finans.example")).to_have_count(0)
    screenshot(page, "people-hr")
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
