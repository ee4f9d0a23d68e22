"""Tool 1 end to end: a leader does the three steps from scratch and shares a
selection; their manager sees exactly that and adds an agreement; a colleague sees
nothing."""

import re

import pytest
from playwright.sync_api import expect

from dialogue.models import Dialogue, ManagerAgreement
from organisations.demo import DEMO_PASSWORD
from tests.browser.conftest import check_page, load_demo, log_in, screenshot

PRIVATE = "Privat: jeg overvejer at søge andet job"
GOAL = "Få ro på vagtplanen inden sommer"
ALIGN = "Hvilke projekter jeg kan sige nej til"


@pytest.fixture
def demo(transactional_db):
    load_demo()


def log_out(page):
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/log-ind/")


def test_a_leader_does_the_three_steps_and_the_manager_sees_only_the_shared(demo, page):
    log_in(page, "leder3@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Dialog med nærmeste leder", exact=True).click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Styrk din dialog med nærmeste leder")

    # Step 1: the interview guide saves as the leader writes.
    page.get_by_role("link", name="Interviewguide").first.click()
    check_page(page)
    note = page.get_by_label(re.compile("^Hvad er de vigtigste mål for din ledelsesopgave"))
    note.fill(PRIVATE)
    expect(page.locator("#note-11-status")).to_contain_text("Gemt kl.")
    page.reload()
    check_page(page)
    expect(note).to_have_value(PRIVATE)
    # "Hele vejen rundt" as the brochure draws it: a direction is chosen on the wheel,
    # written about, and the wheel shows it done.
    expect(page.locator("#wheel-caption")).to_contain_text("om 0 af 6 retninger")
    page.get_by_role("link", name="Ind mod én selv").click()
    direction = page.get_by_role("textbox", name="Ind mod én selv")
    expect(direction).to_be_visible()
    direction.fill("Jeg holder pauser")
    expect(page.locator("#note-dirself-status")).to_contain_text("Gemt kl.")
    page.reload()
    check_page(page)
    expect(page.locator("#wheel-caption")).to_contain_text("om 1 af 6 retninger")
    expect(page.get_by_role("link", name="Ind mod én selv, har noter")).to_be_visible()

    # Step 2: the agreement with yourself.
    page.get_by_role("link", name="Videre til trin 2: Lederkontrakt med dig selv").click()
    check_page(page)
    page.get_by_role("button", name="Start aftalen").click()
    check_page(page)
    page.get_by_label("Hvilke mål skal du lykkes med det kommende halve/ hele år som leder?").fill(
        GOAL
    )
    expect(page.locator("#agreement-goals-status")).to_contain_text("Gemt kl.")
    page.get_by_label("Aftale", exact=True).fill("Jeg holder fri i weekenden")
    page.get_by_label("Hvornår følger du op?").select_option("weekly")
    page.get_by_role("button", name="Tilføj aftale").click()
    check_page(page)
    expect(page.get_by_text("Aftalen er tilføjet.")).to_be_visible()
    page.get_by_role("button", name="Ja").click()
    check_page(page)
    expect(page.get_by_role("button", name="Ja")).to_have_attribute("aria-pressed", "true")
    screenshot(page, "tool1-agreement")

    # Step 3: prepare, choose what to share, see the preview, share.
    page.get_by_role("link", name="Videre til trin 3: Dialog med din nærmeste leder").click()
    check_page(page)
    page.get_by_label(re.compile("^Hvad er vigtigt for dig at afstemme")).fill(ALIGN)
    expect(page.locator("#dialogue-align-status")).to_contain_text("Gemt kl.")
    page.reload()
    check_page(page)
    page.locator("label", has_text=GOAL).click()
    page.locator("label", has_text=ALIGN).click()
    preview = page.locator("#share-preview")
    expect(preview).to_contain_text(GOAL)
    expect(preview).to_contain_text(ALIGN)
    expect(preview).not_to_contain_text(PRIVATE)
    check_page(page)
    screenshot(page, "tool1-share")
    page.get_by_role("button", name="Del med Lars Kjær").click()
    check_page(page)
    expect(page.get_by_text("Lars Kjær kan nu se de 2 punkter, du har valgt.")).to_be_visible()
    log_out(page)
    check_page(page)

    # The manager sees exactly the two shared items, and adds an agreement.
    log_in(page, "chef@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Dialog med nærmeste leder", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="Gå til dine ledere").click()
    check_page(page)
    page.get_by_role("link", name="Fatima Hassan").click()
    check_page(page)
    shared = page.locator(".shared-item")
    expect(shared).to_have_count(2)
    expect(shared.nth(0)).to_contain_text(ALIGN)
    expect(shared.nth(1)).to_contain_text(GOAL)
    expect(page.locator("main")).not_to_contain_text(PRIVATE)
    expect(page.locator("main")).not_to_contain_text("Jeg holder fri i weekenden")
    page.get_by_text("Tilføj en aftale").click()
    page.get_by_label("Aftale", exact=True).fill("Vi tager projektlisten op hver 14. dag")
    page.get_by_label("Hvornår følger du op?").select_option("every_n_weeks")
    page.get_by_role("button", name="Tilføj aftale").click()
    check_page(page)
    expect(page.get_by_text("Aftalen er gemt. I kan begge se den.")).to_be_visible()
    screenshot(page, "tool1-manager")
    dialogue = Dialogue.objects.get(leader__email="leder3@demo.example")
    assert ManagerAgreement.objects.filter(dialogue=dialogue).count() == 1
    log_out(page)
    check_page(page)

    # A colleague in the same group gets no access to any of it.
    log_in(page, "leder4@demo.example", DEMO_PASSWORD)
    check_page(page)
    response = page.goto(f"/dialog/samtaler/{dialogue.pk}/")
    assert response.status == 403
    check_page(page)
    expect(page.locator("main")).not_to_contain_text(GOAL)
    agreement = dialogue.leader.self_agreements.get()
    response = page.goto(f"/dialog/aftale/{agreement.pk}/")
    assert response.status == 403
    check_page(page)
    page.goto("/dialog/ledere/")
    check_page(page)
    expect(page.locator("main")).not_to_contain_text("Fatima")
