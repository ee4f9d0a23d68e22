"""On a phone and an upright tablet the menu is a drawer (DKFDS' mobile header): every
tool is reachable from it, with axe-core on each page (issue 12)."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from tests.browser.conftest import check_page, log_in, screenshot

MENU = ["Mit overblik", "Metoden", "Værktøj 1", "Værktøj 2", "Værktøj 3", "Forside"]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


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
        if label == "Værktøj 2":
            page.wait_for_timeout(400)  # the drawer slides in for 0.3 s
            screenshot(page, f"mobile-menu-{width}", full_page=False)
        before = page.url
        drawer.get_by_role("link", name=label, exact=True).click()
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
