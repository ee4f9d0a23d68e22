"""Mit overblik in the browser: leder1 sees what is overdue across the tools, changes a
status, and sets up reminders and the calendar."""

import re

import pytest
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from tests.browser.conftest import check_page, load_demo, log_in, screenshot


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_my_overview(demo, page):
    log_in(page, "leder1@demo.example", DEMO_PASSWORD)
    check_page(page)
    # The menu's link names the overdue count too ("Mit overblik 1 forfalden aftale").
    page.get_by_role("link", name=re.compile(r"^Mit overblik")).first.click()
    check_page(page)
    expect(page.get_by_role("heading", name="Forfaldne aftaler")).to_be_visible()
    item = page.locator(".due-item", has_text="Booke en samtale med HR om min arbejdstid")
    expect(item).to_be_visible()
    screenshot(page, "followup-overview")
    item.get_by_label("Status").select_option(label="Gennemført")
    item.get_by_role("button", name="Gem status").click()
    check_page(page)
    expect(page.get_by_text("Status er gemt.")).to_be_visible()
    expect(
        page.locator(".due-item", has_text="Booke en samtale med HR om min arbejdstid")
    ).to_have_count(0)

    page.get_by_role("link", name="Påmindelser på e-mail og din kalender").click()
    check_page(page)
    page.get_by_text("Hver dag").click()
    page.get_by_role("button", name="Gem", exact=True).click()
    check_page(page)
    expect(page.get_by_text("Dine påmindelser er gemt.")).to_be_visible()
    page.get_by_role("button", name="Lav din kalenderadresse").click()
    check_page(page)
    expect(page.get_by_text("Din kalenderadresse er klar.")).to_be_visible()
    old_address = page.get_by_label("Kalenderadresse").input_value()
    page.get_by_role("button", name="Lav en ny kalenderadresse").click()
    check_page(page)
    assert page.get_by_label("Kalenderadresse").input_value() != old_address


def test_the_organisations_status(demo, page):
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Status for ledertrivsel", exact=True).click()
    check_page(page)
    table = page.get_by_role("table").first
    expect(table.get_by_role("rowheader", name="Hele organisationen")).to_be_visible()
    expect(table.get_by_text("skjult").first).to_be_visible()
    expect(page.get_by_text("Anne Sørensen")).to_have_count(0)
    screenshot(page, "followup-status")
