"""The benchmark across organisations in the browser: Demo Kommune takes part (its
administrator and MED/SU confirmed in the demo); the operator releases the quarter over
the demo's and six generated organisations; the plan team reads how others rate a
chosen theme and copies Demo Finans's action card into its plan; the published plan's
team shares a card de-identified, and Demo Finans finds it; MED withdraws and the
administrator and MED choose again. Every page passes axe-core."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from benchmark.models import Participation, Release, SharedCard, Tool
from benchmark.selectors import quarter_of
from organisations.demo import DEMO_PASSWORD
from organisations.models import Organisation
from plans.models import ActionCard, Plan
from tests.browser.conftest import check_page, load_demo, log_in, screenshot


@pytest.fixture
def demo(transactional_db):
    load_demo()


def participation():
    return Participation.objects.get(organisation=Organisation.objects.get(slug="demo-kommune"))


def test_reading_the_benchmark_withdrawing_and_choosing_again(demo, page):
    # The operator releases this quarter: a real release over the organisations that
    # take part replaces the demo's, which needed invented rows to pass the thresholds.
    quarter = quarter_of(timezone.localdate())
    Release.objects.filter(quarter=quarter).delete()
    call_command("generate_organisation", organisations=6, leaders=30, benchmark=True,
                 slug="andre", stdout=io.StringIO())  # fmt: skip
    call_command("release_benchmark", "--quarter", quarter, stdout=io.StringIO())
    assert Release.objects.get(tool=Tool.PLAN, quarter=quarter).figures.filter(sector="")
    plan = Plan.objects.get(team__email="direktion@demo.example", step="qualify")
    log_in(page, "direktion@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto(f"/planer/{plan.pk}/kvalificer/")
    check_page(page)
    expect(page.get_by_role("heading", name="Sådan vurderer andre organisationer temaet").first)
    expect(page.get_by_text("Alle deltagende organisationer").first).to_be_visible()
    screenshot(page, "benchmark-qualify")
    # "Sådan har andre grebet det an": Demo Finans's card for theme 5, copied in.
    theme = plan.themes.get(number=5)
    section = page.locator(f"#tema-{theme.pk}")
    section.get_by_role("link", name="Nye ledere er trygge i rollen").click()
    check_page(page)
    expect(page.get_by_text("Finans · Under 50 ledere")).to_be_visible()
    page.get_by_label("Kopier ind i").select_option(str(theme.pk))
    page.get_by_role("button", name="Kopier til vores plan").click()
    check_page(page)
    expect(
        page.get_by_text("Kortet er kopieret ind i jeres action card for tema 5.")
    ).to_be_visible()
    assert "Nye ledere er trygge i rollen" in ActionCard.objects.get(theme=theme).goal
    page.get_by_role("button", name="Log ud").first.click()

    # The plan team of the published plan sees its leaders' map beside the others'.
    published = Plan.objects.get(team__email="hr@demo.example", step="publish")
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto(f"/planer/{published.pk}/prioriter/")
    check_page(page)
    expect(page.get_by_role("heading", name="Jer og de andre organisationer")).to_be_visible()
    expect(page.get_by_role("img", name="Jer og de andre organisationer, punkt for punkt"))
    # It shares the card for theme 3: a name written back is refused, then previewed.
    page.goto(f"/planer/{published.pk}/")
    check_page(page)
    page.get_by_role("link", name="Del kortet for tema 3").click()
    check_page(page)
    expect(page.get_by_label("Hvem er ansvarlig")).to_have_value("Direktøren for [enhed].")
    page.get_by_label("Hvem er ansvarlig").fill("Direktøren for Social og Sundhed.")
    page.get_by_role("button", name="Del kortet").click()
    check_page(page)
    expect(page.get_by_text("»Social og Sundhed« er navnet på en enhed").first).to_be_visible()
    page.get_by_label("Hvem er ansvarlig").fill("Direktøren for forvaltningen.")
    page.get_by_role("button", name="Se kortet, som andre vil se det").click()
    check_page(page)
    expect(
        page.get_by_role("heading", name="Sådan ser andre organisationer kortet")
    ).to_be_visible()
    screenshot(page, "benchmark-share-preview")
    page.get_by_role("button", name="Del kortet").click()
    check_page(page)
    expect(page.get_by_text("Action cardet er delt.")).to_be_visible()
    page.get_by_role("button", name="Log ud").first.click()

    # Demo Finans finds it by its theme.
    log_in(page, "hr@finans.example", DEMO_PASSWORD)
    check_page(page)
    page.goto("/planer/inspiration/")
    check_page(page)
    page.get_by_label("Tema").select_option("3")
    page.get_by_role("button", name="Søg").click()
    check_page(page)
    page.get_by_role("link", name="3. Hvordan sikrer vi restitution?").click()
    check_page(page)
    expect(page.get_by_text("Direktøren for forvaltningen.")).to_be_visible()
    expect(page.get_by_text("Kommune · Under 50 ledere")).to_be_visible()
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
    # Leaving the benchmark stops the organisation's sharing too.
    assert not SharedCard.objects.filter(organisation__slug="demo-kommune").exists()
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
