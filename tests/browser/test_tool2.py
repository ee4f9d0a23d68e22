"""Tool 2 end to end: the group leader starts a round, four members prepare in their own
browser sessions, the leader runs the meeting through the four points with the shared
screen following, records agreements and an escalation; and no member can see another
member's ratings anywhere."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from groups.models import Escalation, FocusTheme, GroupAgreement, Participation, Round
from organisations.demo import DEMO_PASSWORD
from tests.browser.conftest import check_page, load_demo, log_in, screenshot

MEMBERS = [
    "leder7@demo.example",
    "leder8@demo.example",
    "leder9@demo.example",
    "leder10@demo.example",
]


@pytest.fixture
def demo(transactional_db):
    load_demo()


def prepare(page, email: str, round_pk: int, index: int) -> None:
    log_in(page, email, DEMO_PASSWORD)
    check_page(page)
    page.goto(f"/runder/{round_pk}/")
    check_page(page)
    page.get_by_role("button", name="Jeg er enig: det er et fortroligt rum").click()
    page.wait_for_url(f"**/runder/{round_pk}/forberedelse/")
    check_page(page)
    for number in range(1, 21):
        success = ["low", "middle", "high"][(number + index) % 3]
        importance = "high" if number in (2, 9, 12, 18) else ["low", "middle"][number % 2]
        page.locator(f"label[for=s{number}-{success}]").click()
        page.locator(f"label[for=i{number}-{importance}]").click()
    for number in [2, 9] if index % 2 else [12, 18, 2]:
        page.locator(f"label[for=pick-{number}]").click()
    page.get_by_label("Dine noter (kun til dig)").fill(f"Privat note fra {email}")
    expect(page.locator("#own-map svg")).to_be_visible()
    check_page(page)
    if index == 0:
        # On a wide screen the own map is beside the statements and stays in view.
        page.set_viewport_size({"width": 1440, "height": 900})
        page.locator("#udsagn-15").scroll_into_view_if_needed()
        statements = page.locator(".preparation-form").bounding_box()
        own_map = page.locator("#own-map svg").bounding_box()
        assert own_map["x"] >= statements["x"] + statements["width"], (statements, own_map)
        assert 0 <= own_map["y"] < 900, own_map
        screenshot(page, "tool2-preparation", full_page=False)
    page.get_by_role("button", name="Jeg er færdig med at forberede mig").click()
    page.wait_for_url(f"**/runder/{round_pk}/")
    check_page(page)
    expect(page.get_by_text("Du har forberedt dig")).to_be_visible()


def assert_fits(screen) -> None:
    """The projector's page fits 1920×1080: nothing to scroll in a meeting room. It is
    measured once htmx has swapped the new point in and the page has settled (for a
    moment mid-swap the old content and the new are both there), within 5 s."""
    # A function, not an expression: the page's CSP forbids evaluating strings.
    fits = (
        "() => !document.querySelector('.htmx-swapping, .htmx-settling, .htmx-request')"
        " && document.documentElement.scrollWidth <= 1920"
        " && document.documentElement.scrollHeight <= 1080"
    )
    try:
        screen.wait_for_function(fits, timeout=5000)
    except PlaywrightTimeoutError:
        screenshot(screen, "failed-projector", full_page=True)
    size = screen.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size[0] <= 1920 and size[1] <= 1080, size


def prepare_directly(email: str, round_pk: int, index: int) -> None:
    from groups import services
    from prioritymap.model import Rated

    participation = Participation.objects.get(round_id=round_pk, person__email=email)
    services.confidentiality_accept(participation=participation)
    levels = {"low": -1, "middle": 0, "high": 1}
    ratings = {}
    for number in range(1, 21):
        success = ["low", "middle", "high"][(number + index) % 3]
        importance = "high" if number in (2, 9, 12, 18) else ["low", "middle"][number % 2]
        ratings[number] = Rated(importance=levels[importance], success=levels[success])
    services.preparation_save(
        participation=participation,
        ratings=ratings,
        picks=[2, 9] if index % 2 else [12, 18, 2],
        notes=f"Privat note fra {email}",
    )
    services.preparation_complete(participation=participation)


def test_a_round_from_start_to_agreements(demo, page, new_page):
    # The group leader starts the round.
    log_in(page, "boernechef@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Ledelsesgruppen", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="Ledergruppen i Børn og Unge").click()
    check_page(page)
    page.get_by_role("link", name="Start en ny runde").click()
    check_page(page)
    page.get_by_label("Mødedato").fill("2026-12-15")
    page.get_by_label("Klokkeslæt").fill("09:00")
    page.get_by_label("Sted").fill("Mødelokale 3")
    page.get_by_role("button", name="Start runden").click()
    check_page(page)
    expect(page.get_by_text("Runden er startet.")).to_be_visible()
    round_pk = Round.objects.get(group__name="Ledergruppen i Børn og Unge").pk

    # While members prepare there is no map, only an explanation.
    page.goto(f"/runder/{round_pk}/kort/")
    check_page(page)
    expect(page.get_by_text("Gruppens kort bliver lavet én gang")).to_be_visible()

    # Four members prepare: one in their own browser session, three through the same
    # services the page calls (a phone's preparation is walked in test_mobile.py; the
    # suite's time is better spent elsewhere).
    prepare(new_page(), MEMBERS[0], round_pk, 0)
    for index, email in enumerate(MEMBERS[1:], start=1):
        prepare_directly(email, round_pk, index)
    assert Participation.objects.filter(round_id=round_pk, prepared_at__isnull=False).count() == 4

    # The leader sees who prepared (names, no content) and runs the meeting.
    page.goto(f"/runder/{round_pk}/")
    check_page(page)
    expect(page.get_by_text("Camilla Berg – forberedt")).to_be_visible()
    # Closing the preparation is the page's one primary action, and says what it does.
    expect(page.get_by_text("ud fra de 4, der har forberedt sig helt")).to_be_visible()
    screenshot(page, "tool2-round-next-step")
    page.get_by_role("button", name="Luk forberedelsen og lav kortet").click()
    check_page(page)
    expect(page.locator(".round-stepper [aria-current=step]")).to_have_text("Møde")
    page.get_by_role("link", name="Led mødet (mødetilstand)").click()
    check_page(page)
    screen = page.context.new_page()
    screen.set_viewport_size({"width": 1920, "height": 1080})  # a meeting-room projector
    screen.checks = page.checks
    screen.goto(f"/runder/{round_pk}/skaerm/")
    check_page(screen)
    # Before the start the projector shows the agenda and how many prepared, as a count.
    prepared = re.compile(r"4 af \d+ har forberedt sig")
    expect(screen.locator("#screen-content")).to_contain_text(prepared)
    expect(screen.locator("#screen-content .phase")).to_have_count(4)
    assert_fits(screen)
    screenshot(screen, "tool2-projector-before", full_page=False)

    # One primary action runs the meeting; restarting hides behind a secondary control.
    expect(page.get_by_role("button", name="Start punkt 1 forfra")).to_have_count(0)
    points = [
        (1, "Sæt rammen for mødet"),
        (2, "Lyt til hinanden"),
        (3, "Skab fokus"),
        (4, "Indgå aftaler fra mødet"),
    ]
    for number, title in points:
        if number == 1:
            page.get_by_role("button", name=f"Start mødet: 1. {title}").click()
        else:
            page.get_by_role("button", name=f"Næste punkt: {number}. {title}").click()
        check_page(page)
        expect(page.locator(".phase-bar [aria-current=step]")).to_contain_text(title)
        expect(page.locator(".current-point .point-title")).to_contain_text(f"{number}. {title}")
        expect(page.locator(".current-point .timer-word")).to_have_text("tilbage")
        expect(page.locator(".meeting-clock")).to_contain_text("af 2 t")
        expect(screen.locator("#screen-content .point-title")).to_contain_text(
            f"{number}. {title}", timeout=6000
        )
        assert_fits(screen)
        if number == 2:
            expect(screen.locator("#screen-content svg")).to_be_visible()
            # The most-picked statements by title, not only bubble numbers.
            expect(screen.locator(".most-picked li").first).to_contain_text("valg")
            check_page(screen)
            screenshot(screen, "tool2-screen", full_page=False)
            # A presentation: no site chrome, a large timer, a map the room can read.
            expect(screen.get_by_role("button", name="Log ud")).to_have_count(0)
            expect(screen.locator(".navigation-menu")).to_have_count(0)
            timer_px = screen.locator(".timer:not(.meeting-clock)").evaluate(
                "element => parseFloat(getComputedStyle(element).fontSize)"
            )
            assert timer_px >= 44, timer_px
            box = screen.locator("#screen-content .priority-map-svg").bounding_box()
            assert box["height"] >= 700, box
        if number == 3:
            page.get_by_label("Vælg et udsagn").select_option(label="9. MØDEFORBEREDELSE")
            page.get_by_role("button", name="Tilføj tema").click()
            check_page(page)
            page.get_by_label("Hvad forstår I ved temaet, I har fokus på?").fill(
                "At vi kommer forberedte til møderne"
            )
            # Saved as it is written, with a quiet status instead of a button to remember.
            theme = FocusTheme.objects.get(round_id=round_pk)
            status = page.locator(f"#tema-{theme.pk} .autosave-status")
            expect(status).to_contain_text("Alt er gemt kl.")
            check_page(page)
            page.get_by_role("button", name="Pause").click()
            check_page(page)
            page.get_by_role("button", name="+5 minutter").click()
            check_page(page)
            expect(page.locator(".current-point .timer:not(.meeting-clock)")).to_contain_text("+ 5")
            # Restarting a running point is possible, but only behind "Flere muligheder".
            page.get_by_text("Flere muligheder").click()
            page.once("dialog", lambda dialog: dialog.accept())
            page.get_by_role("button", name="Start punkt 3 forfra").click()
            check_page(page)
            expect(page.locator(".phase-bar [aria-current=step]")).to_contain_text(title)
        if number == 4:
            page.get_by_text("Tilføj en aftale").click()
            page.locator("#id_agreement-theme").select_option(label="MØDEFORBEREDELSE")
            page.get_by_label("Hvad vil I arbejde hen imod?").fill("Materialet ud to dage før")
            page.get_by_label("Hvordan fordeler I opgaverne?").fill("Sender dagsorden")
            page.locator("#agreement-form").get_by_label("Camilla Berg").check()
            # The date and the number of weeks show only for the rhythms that need them.
            expect(page.get_by_label("Dato (ved „På en bestemt dato“)")).to_be_hidden()
            page.get_by_label("Hvornår følger I op?").select_option("on_date")
            expect(page.get_by_label("Dato (ved „På en bestemt dato“)")).to_be_visible()
            page.get_by_label("Hvornår følger I op?").select_option("monthly")
            page.get_by_role("button", name="Tilføj aftale").click()
            check_page(page)
            page.get_by_text("Eskalér et tema").click()
            page.get_by_label("Tema, der skal eskaleres").fill("For mange sager uden formål")
            page.get_by_role("button", name="Send til planteamet").click()
            check_page(page)
            # The confirmation is beside the escalations, where the page lands.
            confirmation = page.locator("#eskaleringer ~ .alert, section:has(#eskaleringer) .alert")
            expect(confirmation.first).to_contain_text("sendt til planteamet")
            expect(confirmation.first).to_be_in_viewport()
    page.get_by_role("button", name="Afslut mødet").click()
    check_page(page)
    expect(page.locator(".phase-done")).to_have_count(4)
    expect(page.get_by_role("link", name="Se opsummeringen").first).to_be_visible()
    # After the end the projector shows what the meeting decided.
    expect(screen.locator("#screen-content")).to_contain_text("Tak for i dag", timeout=6000)
    expect(screen.locator("#screen-content")).to_contain_text("Materialet ud to dage før")
    assert_fits(screen)
    check_page(screen)
    screenshot(screen, "tool2-projector-after", full_page=False)
    # Stop the shared screen's polling before the test's database goes away.
    screen.close()
    screenshot(page, "tool2-meeting")
    assert GroupAgreement.objects.filter(round_id=round_pk).count() == 1
    escalation = Escalation.objects.get(round_id=round_pk)
    assert escalation.responsible.email == "boernechef@demo.example"

    # A member can find no other member's ratings or notes anywhere.
    member = new_page()
    log_in(member, MEMBERS[0], DEMO_PASSWORD)
    check_page(member)
    for path in ["", "kort/", "moede/", "skaerm/", "opsummering/", "forberedelse/"]:
        member.goto(f"/runder/{round_pk}/{path}")
        check_page(member)
        for other in MEMBERS[1:]:
            expect(member.locator("main")).not_to_contain_text(f"Privat note fra {other}")
    # The preparation page (visited last) shows the member's own answers only.
    expect(member.get_by_label("Dine noter (kun til dig)")).to_have_value(
        f"Privat note fra {MEMBERS[0]}"
    )
    expect(member.locator("input[type=radio][checked]")).to_have_count(40)
    member.goto(f"/runder/{round_pk}/")
    check_page(member)
    expect(member.get_by_text("Camilla Berg – forberedt")).to_have_count(0)
    assert re.search(r"runder/\d+/$", member.url)


def test_the_movement_since_the_last_round_is_readable_and_sortable(demo, page):
    """The demo group's second round closes with most statements where they were and
    a few moved: only those get an arrow, and the change table sorts by any column."""
    from groups import services
    from prioritymap.model import Rated

    group = "Ledergruppen i Social og Sundhed"
    first = Round.objects.get(group__name=group, status="closed")
    second = Round.objects.get(group__name=group, status="preparation")
    # Everyone who prepared the first round answers as then, except on 2 and 9.
    for earlier in first.participations.filter(prepared_at__isnull=False):
        participation = second.participations.get(person=earlier.person)
        ratings = earlier.given()
        ratings.update({2: Rated(importance=1, success=1), 9: Rated(importance=1, success=1)})
        services.confidentiality_accept(participation=participation)
        services.preparation_save(
            participation=participation, ratings=ratings, picks=[2, 9], notes=""
        )
        services.preparation_complete(participation=participation)
    services.preparation_close(round_=second)

    log_in(page, "chef@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.goto(f"/grupper/{second.group_id}/")
    check_page(page)
    table = page.locator("table.movement-table")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    clear_moves = 0
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td")
        distance = float(cells.nth(3).get_attribute("data-sort-value"))
        before, after = cells.nth(4).text_content().split("→")
        clear_moves += distance >= 0.25 or before.strip() != after.strip()
    assert clear_moves == 2  # statements 2 and 9
    assert page.locator("svg[aria-labelledby^=over-time] line[marker-end]").count() == clear_moves
    expect(page.locator("#over-time-caption")).to_contain_text(
        f"{20 - clear_moves} udsagn har flyttet sig mindre og står uden pil"
    )
    table.get_by_role("button", name="Nr.").click()
    expect(table.locator("thead th").first).to_have_attribute("aria-sort", "ascending")
    expect(table.locator("tbody tr").first.locator("td").first).to_have_text("1")
    table.get_by_role("button", name="Nr.").click()
    expect(table.locator("tbody tr").first.locator("td").first).to_have_text("20")
    screenshot(page, "tool2-movement")
