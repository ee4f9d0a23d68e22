"""On a phone and an upright tablet the menu is a drawer (DKFDS' mobile header): every
tool is reachable from it, with axe-core on each page (issue 12)."""

import re

import pytest
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from tests.browser.conftest import check_page, load_demo, log_in, screenshot

MENU = [
    "Mit overblik",
    "Metoden",
    "Dialog med nærmeste leder",
    "Ledelsesgruppen",
    "Organisationens plan",
    "Forside",
]


@pytest.fixture
def demo(transactional_db):
    load_demo()


@pytest.mark.parametrize(("width", "height"), [(375, 812), (768, 1024)])
def test_every_tool_is_reached_from_the_menu_on_small_screens(demo, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, "leder1@demo.example", DEMO_PASSWORD)
    check_page(page)
    expect(page.locator(".navigation-menu")).to_be_hidden()
    for label in MENU:
        page.get_by_role("button", name="Menu").click()
        drawer = page.get_by_role("dialog", name="Menu")
        expect(drawer).to_be_visible()
        if label == "Ledelsesgruppen":
            page.wait_for_timeout(400)  # the drawer slides in for 0.3 s
            screenshot(page, f"mobile-menu-{width}", full_page=False)
        before = page.url
        # "Mit overblik" also names its count of overdue agreements.
        name = re.compile(rf"^{label}( \d+ forfald\w+ aftaler?)?$")
        drawer.get_by_role("link", name=name).click()
        page.wait_for_load_state()
        check_page(page)
        expect(drawer).to_be_hidden()
        assert page.url != before or label == "Forside", label
        expect(page.locator("h1").first).to_be_visible()
    # The header's links are in the drawer too.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("dialog", name="Menu").get_by_role("link", name="Sikkerhed").click()
    check_page(page)
    expect(page.get_by_role("heading", name="Sikkerhed", level=1)).to_be_visible()


def test_the_desktop_keeps_its_menu_bar(demo, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, "leder1@demo.example", DEMO_PASSWORD)
    check_page(page)
    expect(page.locator(".navigation-menu")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()


PHONE = {"width": 375, "height": 812}


def fits_the_screen(page) -> None:
    """Nothing on the page is wider than the phone: no sideways scrolling to read or
    reach a button. Wide tables scroll inside their own box."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def go_by_menu(page, label: str) -> None:
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("dialog", name="Menu").get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()


def test_a_new_leader_does_tool_1_and_prepares_a_round_on_a_phone(demo, page):
    from datetime import timedelta

    from django.utils import timezone

    from groups import services as group_services
    from organisations.models import ManagementGroup, Person, Role, RoleAssignment

    chief = Person.objects.get(email="boernechef@demo.example")
    newcomer = Person.objects.create_user(
        "ny.leder@demo.example",
        password=DEMO_PASSWORD,
        name="Mille Nørgaard",
        organisation=chief.organisation,
        unit=chief.unit,
        manager=chief,
    )
    RoleAssignment.objects.create(person=newcomer, role=Role.LEADER_OF_EMPLOYEES)
    group = ManagementGroup.objects.get(name="Ledergruppen i Børn og Unge")
    group.members.add(newcomer)
    round_ = group_services.round_start(
        group=group, by=chief, meeting_date=timezone.localdate() + timedelta(days=14)
    )

    page.set_viewport_size(PHONE)
    log_in(page, "ny.leder@demo.example", DEMO_PASSWORD)
    check_page(page)
    fits_the_screen(page)

    # Tool 1, step 1: the interview guide saves as she types.
    go_by_menu(page, "Dialog med nærmeste leder")
    check_page(page)
    fits_the_screen(page)
    page.get_by_role("link", name="Interviewguide").first.click()
    check_page(page)
    fits_the_screen(page)
    page.get_by_label(re.compile("^Hvad er de vigtigste mål for din ledelsesopgave")).fill(
        "At lære institutionerne at kende"
    )
    expect(page.locator("#note-11-status")).to_contain_text("Gemt kl.")

    # Step 2: an agreement with herself.
    page.get_by_role("link", name="Videre til trin 2: Lederkontrakt med dig selv").click()
    check_page(page)
    page.get_by_role("button", name="Start aftalen").click()
    check_page(page)
    fits_the_screen(page)
    goal = page.get_by_label("Hvilke mål skal du lykkes med det kommende halve/ hele år som leder?")
    goal.fill("Et godt første år")
    expect(page.locator("#agreement-goals-status")).to_contain_text("Gemt kl.")
    page.get_by_label("Aftale", exact=True).fill("Jeg går hjem kl. 16 om fredagen")
    page.get_by_label("Hvornår følger du op?").select_option("weekly")
    page.get_by_role("button", name="Tilføj aftale").click()
    check_page(page)
    expect(page.get_by_text("Aftalen er tilføjet.")).to_be_visible()
    fits_the_screen(page)

    # Step 3: prepare the dialogue and share one thing with her manager.
    page.get_by_role("link", name="Videre til trin 3: Dialog med din nærmeste leder").click()
    check_page(page)
    fits_the_screen(page)
    page.get_by_label(re.compile("^Hvad er vigtigt for dig at afstemme")).fill("Min introduktion")
    expect(page.locator("#dialogue-align-status")).to_contain_text("Gemt kl.")
    page.reload()
    check_page(page)
    page.locator("label", has_text="Et godt første år").click()
    expect(page.locator("#share-preview")).to_contain_text("Et godt første år")
    page.get_by_role("button", name="Del med Henrik Dahl").click()
    check_page(page)
    expect(page.get_by_text("Henrik Dahl kan nu se det punkt, du har valgt.")).to_be_visible()
    fits_the_screen(page)
    screenshot(page, "phone-tool1-shared")

    # Tool 2: the round's confidential room, then the 20 statements, rated twice.
    go_by_menu(page, "Ledelsesgruppen")
    check_page(page)
    fits_the_screen(page)
    page.goto(f"/runder/{round_.pk}/")
    check_page(page)
    fits_the_screen(page)
    page.get_by_role("button", name="Jeg er enig: det er et fortroligt rum").click()
    page.wait_for_url(f"**/runder/{round_.pk}/forberedelse/")
    check_page(page)
    fits_the_screen(page)
    for number in range(1, 21):
        page.locator(f"label[for=s{number}-{['low', 'middle', 'high'][number % 3]}]").click()
        page.locator(f"label[for=i{number}-{['low', 'high'][number % 2]}]").click()
    for number in (3, 7):
        page.locator(f"label[for=pick-{number}]").click()
    expect(page.locator("#own-map svg")).to_be_visible()
    screenshot(page, "phone-tool2-preparation", full_page=False)
    page.get_by_role("button", name="Jeg er færdig med at forberede mig").click()
    page.wait_for_url(f"**/runder/{round_.pk}/")
    check_page(page)
    expect(page.get_by_text("Du har forberedt dig")).to_be_visible()
    fits_the_screen(page)
    participation = round_.participations.get(person=newcomer)
    assert participation.prepared_at is not None
    given = participation.given().values()
    assert sum(r.success is not None and r.importance is not None for r in given) == 20


PHONE_PAGES = {
    # Each role's pages that the leader's walk above does not reach, on a phone; and the
    # API's documentation, which Swagger UI made fail axe (issue 23).
    "hr@demo.example": [
        "/",
        "/overblik/",
        "/organisation/",
        "/organisation/personer/",
        "/organisation/enheder/",
        "/organisation/ledelsesgrupper/",
        "/organisation/import/",
        "/organisation/status/",
        "/planer/",
        "/api/v1/docs",
    ],
    "chef@demo.example": ["/", "/grupper/", "/dialog/ledere/", "/metoden/"],
}


def test_the_other_roles_pages_fit_a_phone_and_pass_axe_there(demo, page, new_page):
    """Issue 23: no page is wider than a 375 px phone, and each passes axe at that size;
    a table that is wider says so and scrolls in its own box."""
    for email, paths in PHONE_PAGES.items():
        browser = page if email == "hr@demo.example" else new_page()
        browser.set_viewport_size(PHONE)
        log_in(browser, email, DEMO_PASSWORD)
        for path in paths:
            browser.goto(path)
            check_page(browser)
            fits_the_screen(browser)
            for box in browser.locator(".table--responsive-scroll.is-scrollable").all():
                expect(box).to_have_attribute("tabindex", "0")
                hint = box.locator("xpath=preceding-sibling::p[1]")
                expect(hint).to_have_class("scroll-hint")
    # The API's documentation reads as a page of the site.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ledertrivsel API")
    expect(page.get_by_role("link", name="openapi.json")).to_be_visible()
    expect(page.locator(".api-operation").first).to_contain_text("GET")
