"""Tool 3 end to end: HR makes a plan for Børn og Unge with the plan team, rates and
chooses themes, qualifies them, writes action cards and publishes; a leader in scope
reads the plan; the intranet link works without login until it is revoked; the group
leader reports back and the team sees it."""

import pytest
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from plans.models import Plan, PublicLink
from tests.browser.conftest import check_page, load_demo, log_in, screenshot

RATINGS = {1: ("high", "high"), 2: ("high", "low"), 5: ("high", "low"), 9: ("high", "middle")}


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_a_plan_from_the_first_rating_to_the_groups_feedback(demo, page, new_page):
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Organisationens plan", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="Lav en ny plan").click()
    check_page(page)
    page.get_by_label("Titel").fill("Plan for ledertrivsel i Børn og Unge")
    page.locator("#id_unit").fill("Børn og Unge")
    page.get_by_role("button", name="Opret planen").click()
    check_page(page)
    expect(page.get_by_text("Planen er oprettet.")).to_be_visible()
    plan = Plan.objects.get(title="Plan for ledertrivsel i Børn og Unge")

    # Step 1: the team rates the themes together; the map follows as they click.
    page.get_by_role("link", name="Prioriter").first.click()
    check_page(page)
    themes = {t.number: t.pk for t in plan.themes.exclude(number=None)}
    for number, (importance, success) in RATINGS.items():
        page.locator(f"label[for=i{themes[number]}-{importance}]").click()
        page.locator(f"label[for=s{themes[number]}-{success}]").click()
    expect(page.locator("#plan-map svg")).to_be_visible()
    page.get_by_role("button", name="Gem vurderingerne").click()
    check_page(page)
    expect(page.get_by_text("Vurderingerne er gemt.")).to_be_visible()
    page.get_by_label("Jeres eget tema").fill("Hvordan får vi tid til ledelse?")
    page.get_by_label("Kilde").fill("lederAPV 2026")
    page.get_by_role("button", name="Tilføj temaet").click()
    check_page(page)
    screenshot(page, "tool3-prioritise")

    # Choosing two themes is refused with a clear message; three go on.
    page.locator(f"label[for=chosen-{themes[2]}]").click()
    page.locator(f"label[for=chosen-{themes[5]}]").click()
    page.get_by_role("button", name="Vælg temaerne og gå videre").click()
    check_page(page)
    expect(page.get_by_text("Vælg mellem 3 og 5 temaer. Du har valgt 2.")).to_be_visible()
    page.locator(f"label[for=chosen-{themes[9]}]").click()
    page.get_by_role("button", name="Vælg temaerne og gå videre").click()
    check_page(page)

    # Step 2: qualify, with an existing offer reused.
    expect(page.get_by_role("heading", name="5. Hvordan modtager vi nye ledere?")).to_be_visible()
    page.locator(f"#id_t{themes[5]}-q_success").fill("Nye ledere får en tilfældig start.")
    page.get_by_label("Mentorordning for nye ledere").nth(1).check()
    # Saved as it is written: a quiet status, no button to remember (issue 23).
    expect(page.locator(f"#tema-{themes[5]} .autosave-status")).to_contain_text("Alt er gemt kl.")
    check_page(page)

    # Step 3: an action card for each chosen theme, with a task.
    page.get_by_role("link", name="Videre: lav action cards").click()
    check_page(page)
    for number in (2, 5, 9):
        page.get_by_role("link", name=f"Skriv action cardet for tema {number}").click()
        check_page(page)
        page.get_by_label("Hvad er målet").fill(f"Mål for tema {number}")
        page.get_by_label("Hvem er ansvarlig").fill("Nærmeste leder")
        page.locator("#id_tasks-0-who").fill("HR")
        page.locator("#id_tasks-0-text").fill(f"Første skridt på tema {number}")
        page.locator("#id_tasks-0-due_date").fill("2027-03-01")
        if number == 5:
            screenshot(page, "tool3-action-card")
        page.get_by_role("button", name="Gem action cardet").click()
        check_page(page)
        expect(page.get_by_text("Action cardet er gemt.")).to_be_visible()
    page.get_by_role("button", name="Videre: udgiv planen").click()
    check_page(page)
    page.get_by_role("button", name="Udgiv planen").click()
    check_page(page)
    expect(page.get_by_text("Version 1 er udgivet.")).to_be_visible()
    page.get_by_role("button", name="Lav et nyt link").click()
    check_page(page)
    link = PublicLink.objects.get(plan=plan)
    intranet = f"/intranet/plan/{link.token}/"

    # A leader in scope reads the plan.
    leader = new_page()
    log_in(leader, "leder7@demo.example", DEMO_PASSWORD)
    check_page(leader)
    leader.get_by_role("link", name="Organisationens plan", exact=True).click()
    check_page(leader)
    leader.get_by_role("link", name="Læs version 1", exact=False).first.click()
    check_page(leader)
    expect(leader.get_by_role("heading", name="Hvordan modtager vi nye ledere?")).to_be_visible()
    expect(leader.get_by_text("Første skridt på tema 5")).to_be_visible()
    screenshot(leader, "tool3-published")

    # The intranet reads it without login, until the team revokes the link.
    intranet_page = new_page()
    intranet_page.goto(intranet)
    check_page(intranet_page)
    expect(intranet_page.get_by_text("Mål for tema 9")).to_be_visible()
    expect(intranet_page.get_by_text("Mette Lund")).to_have_count(0)
    page.get_by_role("button", name="Spær linket").click()
    check_page(page)
    gone = intranet_page.goto(intranet)
    assert gone.status == 404
    check_page(intranet_page)

    # The group leader reports back; the team sees it.
    group_leader = new_page()
    log_in(group_leader, "boernechef@demo.example", DEMO_PASSWORD)
    check_page(group_leader)
    group_leader.get_by_role("link", name="Organisationens plan", exact=True).click()
    check_page(group_leader)
    group_leader.get_by_role("link", name="Ledergruppen i Børn og Unge: Hvordan bruger I").click()
    check_page(group_leader)
    group_leader.get_by_label("Sådan bruger vi planen").fill("Vi tager et tema op hver måned.")
    group_leader.get_by_role("button", name="Send tilbagemeldingen").click()
    check_page(group_leader)
    page.reload()
    check_page(page)
    expect(page.get_by_text("1 af 1 ledelsesgrupper har meldt tilbage")).to_be_visible()
    expect(page.get_by_text("Vi tager et tema op hver måned.")).to_be_visible()
