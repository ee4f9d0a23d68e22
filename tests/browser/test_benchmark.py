"""The benchmark across organisations in the browser: Demo Kommune takes part (its
administrator and MED/SU confirmed in the demo); the plan team reads how others rate a
chosen theme; MED withdraws and the administrator and MED choose again. Every page
passes axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from benchmark.models import Participation
from organisations.demo import DEMO_PASSWORD
from organisations.models import Organisation
from plans.models import Plan
from tests.browser.conftest import check_page, log_in, screenshot


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def participation():
    return Participation.objects.get(organisation=Organisation.objects.get(slug="demo-kommune"))


def test_reading_the_benchmark_withdrawing_and_choosing_again(demo, page):
    plan = Plan.objects.get(team__email="direktion@demo.example", step="qualify")
    log_in(page, "direktion@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto(f"/planer/{plan.pk}/kvalificer/")
    check_page(page)
    expect(page.get_by_role("heading", name="Sådan vurderer andre organisationer temaet").first)
    expect(page.get_by_text("Alle deltagende organisationer").first).to_be_visible()
    expect(page.get_by_text("Sektoren Kommune").first).to_be_visible()
    screenshot(page, "benchmark-qualify")
    page.get_by_role("button", name="Log ud").first.click()

    # The plan team of the published plan sees its leaders' map beside the others'.
    published = Plan.objects.get(team__email="hr@demo.example", step="publish")
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto(f"/planer/{published.pk}/prioriter/")
    check_page(page)
    expect(page.get_by_role("heading", name="Jer og de andre organisationer")).to_be_visible()
    expect(page.get_by_role("img", name="Jer og de andre organisationer, punkt for punkt"))
    page.get_by_role("button", name="Log ud").first.click()

    log_in(page, "med@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Se og vælg, om organisationen deltager").click()
    check_page(page)
    expect(page.get_by_text("Organisationen deltager. Både administratoren")).to_be_visible()
    page.get_by_role("button", name="Træk organisationen ud").click()
    check_page(page)
    expect(page.get_by_text("Organisationen deltager ikke længere.")).to_be_visible()
    assert not participation().taking_part
    page.get_by_role("button", name="Log ud").first.click()

    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto("/organisation/sammenligning/")
    page.get_by_label("Kommune").check()
    page.get_by_label("Under 50 ledere").check()
    page.get_by_role("button", name="Bekræft som administrator").click()
    check_page(page)
    expect(page.get_by_text("Administratoren har bekræftet.")).to_be_visible()
    page.get_by_role("button", name="Log ud").first.click()

    log_in(page, "med@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto("/organisation/sammenligning/")
    page.get_by_role("button", name="Bekræft som MED/SU-repræsentant").click()
    check_page(page)
    screenshot(page, "benchmark-participation")
    assert participation().taking_part
