"""The person's Sikkerhed page and HR's side of it in the browser: an address change that
waits for the person, the organisation's log, and an erasure that asks for confirmation.
Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from organisations.models import Person
from tests.browser.conftest import check_page, load_demo, log_in, screenshot


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_security_events_and_erasure(demo, page):
    anne = Person.objects.get(email="leder1@demo.example")

    # HR asks to move Anne's login: it waits for Anne.
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto(f"/organisation/personer/{anne.pk}/")
    check_page(page)
    page.get_by_label("E-mailadresse").fill("anne.ny@demo.example")
    page.get_by_role("button", name="Gem", exact=True).click()
    check_page(page)
    expect(page.get_by_text("logger fortsat ind med leder1@demo.example")).to_be_visible()
    page.get_by_role("link", name="Hændelser").click()
    check_page(page)
    expect(page.get_by_text("Ny e-mailadresse venter på bekræftelse")).to_be_visible()
    screenshot(page, "security-events")
    page.get_by_role("button", name="Log ud").click()
    check_page(page)

    # Anne sees it on her Sikkerhed page and asks for erasure.
    log_in(page, "leder1@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Sikkerhed").click()
    check_page(page)
    expect(page.get_by_text("anne.ny@demo.example")).to_be_visible()
    page.get_by_role("button", name="Bed om at få mine data slettet").click()
    check_page(page)
    expect(page.get_by_text("Du har bedt om at få dine data slettet.")).to_be_visible()
    screenshot(page, "security-page")
    page.get_by_role("button", name="Log ud").click()
    check_page(page)

    # HR erases after typing her name.
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto(f"/organisation/personer/{anne.pk}/")
    expect(page.get_by_text("Personen har bedt om at få sine data slettet")).to_be_visible()
    page.get_by_role("link", name="Slet personens data").click()
    check_page(page)
    page.get_by_label("Skriv personens navn for at bekræfte").fill("Anne Sørensen")
    page.get_by_role("button", name="Slet personens data").click()
    check_page(page)
    expect(page.get_by_text("Personens data er slettet.")).to_be_visible()
    anne.refresh_from_db()
    assert anne.erased_at is not None and anne.name == "Slettet person"
