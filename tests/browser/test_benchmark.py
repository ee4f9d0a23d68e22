"""Taking part in the benchmark across organisations, in the browser: the administrator
chooses and confirms, MED/SU confirms, and either can withdraw. Every page passes
axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from benchmark.models import Participation
from organisations.demo import DEMO_PASSWORD
from tests.browser.conftest import check_page, log_in, screenshot


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_the_administrator_and_med_choose_together(demo, page):
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Se og vælg, om organisationen deltager").click()
    check_page(page)
    expect(page.get_by_text("Organisationen deltager ikke.")).to_be_visible()
    page.get_by_label("Kommune").check()
    page.get_by_label("200–999 ledere").check()
    page.get_by_role("button", name="Bekræft som administrator").click()
    check_page(page)
    expect(page.get_by_text("Administratoren har bekræftet.")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()

    log_in(page, "med@demo.example", DEMO_PASSWORD)
    page.get_by_role("link", name="Se og vælg, om organisationen deltager").click()
    check_page(page)
    page.get_by_role("button", name="Bekræft som MED/SU-repræsentant").click()
    check_page(page)
    expect(page.get_by_text("Organisationen deltager. Både administratoren")).to_be_visible()
    screenshot(page, "benchmark-participation")
    assert Participation.objects.get().taking_part

    page.get_by_role("button", name="Træk organisationen ud").click()
    check_page(page)
    expect(page.get_by_text("Organisationen deltager ikke længere.")).to_be_visible()
    assert not Participation.objects.get().taking_part
