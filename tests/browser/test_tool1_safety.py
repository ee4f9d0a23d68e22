"""Writing in tool 1 is never lost: two tabs conflict openly, and an expired session
keeps the text in the browser until the person logs in again. Plus axe-core on the
tool's remaining pages."""

import re

import pytest
from playwright.sync_api import expect

from dialogue.models import Dialogue, SelfAgreement
from dialogue.selectors import interview_notes_by_key
from organisations.demo import DEMO_PASSWORD
from organisations.models import Person
from tests.browser.conftest import PageChecks, check_page, load_demo, log_in, screenshot

QUESTION = re.compile("^Hvor kan du hente støtte og hjælp til at lykkes med dine mål")


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_a_second_tab_never_silently_overwrites_newer_text(demo, page):
    log_in(page, "leder2@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto("/dialog/interviewguide/")
    check_page(page)
    other = page.context.new_page()
    other.checks = PageChecks(other)
    other.goto("/dialog/interviewguide/")
    check_page(other)

    other.get_by_label(QUESTION).fill("Skrevet i den anden fane")
    expect(other.locator("#note-15-status")).to_contain_text("Gemt kl.")

    page.get_by_label(QUESTION).fill("Skrevet i den første fane")
    conflict = page.locator("#note-15-status")
    expect(conflict).to_contain_text("Teksten er ændret et andet sted")
    check_page(page)
    screenshot(page, "tool1-conflict")
    note = interview_notes_by_key(owner=Person.objects.get(email="leder2@demo.example"))["1.5"]
    assert note.text == "Skrevet i den anden fane"

    page.get_by_role("button", name="Behold min tekst").click()
    expect(page.locator("#note-15-status")).to_contain_text("Gemt kl.")
    note.refresh_from_db()
    assert note.text == "Skrevet i den første fane"
    other.close()


def test_an_expired_session_keeps_the_text_until_the_next_login(demo, page):
    log_in(page, "leder2@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto("/dialog/interviewguide/")
    check_page(page)
    page.context.clear_cookies()
    page.get_by_label(QUESTION).fill("Skrevet efter sessionen udløb")
    expect(page.locator("#note-15-status")).to_contain_text("Du er logget ud")
    notes = interview_notes_by_key(owner=Person.objects.get(email="leder2@demo.example"))
    assert "1.5" not in notes or notes["1.5"].text != "Skrevet efter sessionen udløb"

    log_in(page, "leder2@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto("/dialog/interviewguide/")
    expect(page.get_by_label(QUESTION)).to_have_value("Skrevet efter sessionen udløb")
    expect(page.locator("#note-15-status")).to_contain_text("Gemt kl.")
    check_page(page)
    note = interview_notes_by_key(owner=Person.objects.get(email="leder2@demo.example"))["1.5"]
    assert note.text == "Skrevet efter sessionen udløb"


def test_the_remaining_pages_of_the_tool_pass_axe(demo, page):
    log_in(page, "leder1@demo.example", DEMO_PASSWORD)
    check_page(page)
    agreement = SelfAgreement.objects.get(owner__email="leder1@demo.example")
    page.goto(f"/dialog/aftale/{agreement.pk}/udskriv/")
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Aftale med dig selv og med nærmeste leder"
    )
    screenshot(page, "tool1-print")
    page.goto(f"/dialog/aftale/{agreement.pk}/")
    check_page(page)
    page.get_by_role("link", name=re.compile("^Ret")).first.click()
    check_page(page)
    page.get_by_label("Aftale", exact=True).fill("")
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Der er fejl i formularen")).to_be_visible()
    dialogue = Dialogue.objects.get(leader__email="leder1@demo.example")
    page.goto(f"/dialog/samtaler/{dialogue.pk}/udskriv/")
    check_page(page)
    page.goto("/dialog/")
    check_page(page)
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/dialog/")
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Strengthen your dialogue with your nearest manager"
    )
    page.goto("/dialog/samtale/")
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Step 3: Dialogue with your nearest manager"
    )
    screenshot(page, "tool1-conversation-english")

    page.get_by_role("button", name="Log out").click()
    log_in(page, "direktion@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto("/dialog/ledere/")
    check_page(page)
    page.goto("/dialog/samtale/")
    check_page(page)
    expect(page.get_by_text("Du har ingen nærmeste leder registreret")).to_be_visible()
