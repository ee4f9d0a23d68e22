"""Follow-up across the tools: one history, "Mit overblik", the calendar feed and the
e-mail reminders through the queue."""

from __future__ import annotations

import email
import email.policy
import io
import re
import socket
import threading
from datetime import date, timedelta

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core import digests
from core import overview as due
from dialogue import services as dialogue_services
from followup import outbox
from followup.models import CalendarFeed, FollowUpEvent, OutgoingMail, Status
from groups import services as group_services
from tests.conftest import PRIVATE_GOAL


def overdue_item(world, text="Ringe til HR om min arbejdstid", days=3):
    return dialogue_services.item_add(
        agreement=world.agreement,
        text=text,
        cadence="on_date",
        due_date=timezone.localdate() - timedelta(days=days),
    )


def test_my_overview_shows_overdue_in_red_and_marks_done_in_one_click(world, login):
    """Issue 23: an overdue agreement stands out, and is marked done with one button."""
    item = overdue_item(world)
    client = login(world.leader)
    page = client.get(reverse("overview")).content.decode()
    assert '<span class="overdue">forfaldt' in page
    assert "Markér som gennemført" in page
    response = client.post(
        reverse("followup:status", args=["self", item.pk]),
        {"status": "done", "next": reverse("overview") + f"#self-{item.pk}"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.DONE


def test_a_daily_agreement_is_ticked_in_my_overview_and_the_menu_counts_what_is_overdue(
    world, login
):
    """Issue 23: "kept it today?" without leaving Mit overblik; the overdue count shows on
    the menu's "Mit overblik" where the overview is computed (home and the overview)."""
    from dialogue.models import SelfAgreementItem

    overdue_item(world)
    daily = SelfAgreementItem.objects.create(
        agreement=world.item.agreement, text="Frokost væk fra skærmen", cadence="daily"
    )
    client = login(world.leader)
    page = client.get(reverse("overview")).content.decode()
    assert "Har du holdt den i dag?" in page
    assert '<strong class="menu-badge">1<em class="sr-only"> forfalden aftale</em>' in page
    response = client.post(
        reverse("dialogue:item_tick", args=[daily.pk]),
        {"kept": "1", "next": reverse("overview") + f"#self-{daily.pk}"},
    )
    assert response["Location"] == reverse("overview") + f"#self-{daily.pk}"
    page = client.get(reverse("overview")).content.decode()
    assert 'class="button button-small button-primary" aria-pressed="true">Ja' in page
    # Going back only ever leads to this site.
    response = client.post(
        reverse("dialogue:item_tick", args=[daily.pk]), {"kept": "0", "next": "//evil.example/"}
    )
    detail = reverse("dialogue:agreement_detail", args=[daily.agreement_id])
    assert response["Location"].startswith(detail)
    assert "menu-badge" in client.get(reverse("home")).content.decode()


def test_every_agreement_has_an_owner(world):
    assert world.item.owner == world.leader
    assert world.manager_agreement.owner is None or world.manager_agreement.owner == world.leader
    assert world.group_agreement.owner == world.chef
    made = dialogue_services.manager_agreement_add(
        dialogue=world.dialogue, by=world.chef, text="Mødes"
    )
    assert made.owner == world.leader


def test_status_changes_and_new_dates_are_kept_as_history(world, login):
    item = overdue_item(world)
    client = login(world.leader)
    client.post(reverse("followup:status", args=["self", item.pk]), {"status": "in_progress"})
    item.refresh_from_db()
    item.due_date = timezone.localdate() + timedelta(days=10)
    item.save()
    kinds = list(
        FollowUpEvent.objects.filter(object_id=item.pk, content_type__model="selfagreementitem")
        .order_by("pk")
        .values_list("kind", "new", "actor__email")
    )
    assert kinds[0] == ("created", "open", None)
    assert kinds[1] == ("status", "in_progress", world.leader.email)
    assert kinds[2][0] == "date"
    page = client.get(reverse("overview")).content.decode()
    assert "Historik" in page and "I gang" in page


def test_my_overview_shows_what_is_overdue_and_soon_across_the_tools(world, login):
    overdue_item(world)
    group_services.group_agreement_add(
        round_=world.round,
        text="Chef sender referatet",
        cadence="on_date",
        due_date=timezone.localdate() + timedelta(days=5),
        owners=[world.chef],
    )
    group_services.group_agreement_add(
        round_=world.round,
        text="Leder Et booker lokalet",
        cadence="on_date",
        due_date=timezone.localdate() + timedelta(days=5),
        owners=[world.leader],
    )
    leader = due.overview(world.leader)
    assert [a.text for a in leader.overdue] == ["Ringe til HR om min arbejdstid"]
    # A group agreement is your own only if you are one of its owners.
    assert "Leder Et booker lokalet" in [a.text for a in leader.soon]
    assert "Chef sender referatet" not in [a.text for a in leader.soon]
    assert "Chef sender referatet" in [a.text for a in due.overview(world.chef).soon]
    page = login(world.leader).get(reverse("overview")).content.decode()
    assert "Forfaldne aftaler" in page and "Ringe til HR om min arbejdstid" in page
    # The plan team follows up on the action cards' tasks.
    from plans.models import ActionCard, ActionTask

    card = ActionCard.objects.filter(theme__plan=world.plan).first()
    ActionTask.objects.create(
        card=card, who="HR", text="Tjekliste", due_date=date.today() + timedelta(days=3)
    )
    assert "Tjekliste" in [a.text for a in due.overview(world.hr).soon]


def test_nobody_else_sees_a_leaders_agreements_with_themselves(world, login):
    overdue_item(world, text="Privat: sige fra over for direktøren")
    for person in (world.chef, world.hr, world.top, world.colleague):
        page = login(person).get(reverse("overview")).content.decode()
        assert "Privat: sige fra over for direktøren" not in page
        assert PRIVATE_GOAL not in page
    # The dialogue's shared agreements are both the leader's and the manager's.
    assert "Vi mødes hver 14. dag" in login(world.chef).get(reverse("overview")).content.decode()


def test_only_the_group_leader_changes_a_group_agreements_status(world, login):
    url = reverse("followup:status", args=["group", world.group_agreement.pk])
    assert login(world.leader).post(url, {"status": "done"}).status_code == 403
    assert login(world.chef).post(url, {"status": "done"}).status_code == 302
    world.group_agreement.refresh_from_db()
    assert world.group_agreement.status == Status.DONE
    assert login(world.chef).post(reverse("followup:status", args=["nope", 1])).status_code == 404


def test_the_overview_keeps_its_query_count_as_agreements_and_groups_grow(world, login):
    client = login(world.chef)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("overview")).status_code == 200
        return len(context.captured_queries)

    queries()  # Django caches content types per process: the first request may fill it.
    few = queries()
    for n in range(15):
        group_services.group_agreement_add(round_=world.round, text=f"Aftale {n}", cadence="weekly")
        dialogue_services.manager_agreement_add(
            dialogue=world.dialogue, by=world.chef, text=f"Dialog {n}"
        )
    assert queries() == few


def parse(content: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_is_valid_and_updates_instead_of_duplicating(world, client):
    item = overdue_item(world, text="Privat tekst, der ikke må i kalenderen")
    url = reverse("calendar_feed", args=[world.calendar_feed.token])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert b"Privat tekst" not in response.content
    events = parse(response.content)
    uid = next(u for u in events if u.startswith(f"self-{item.pk}@"))
    assert int(events[uid]["SEQUENCE"]) == 0
    assert events[uid].decoded("DTSTART") == item.due_date
    assert any(u.startswith(f"round-{world.round.pk}@") for u in events)
    weekly = next(u for u in events if u.startswith(f"manager-{world.manager_agreement.pk}@"))
    assert events[weekly]["RRULE"]["FREQ"] == ["WEEKLY"]
    item.due_date = item.due_date + timedelta(days=7)
    item.save()
    again = parse(client.get(url).content)
    assert set(again) == set(events)
    assert int(again[uid]["SEQUENCE"]) == 1
    assert again[uid].decoded("DTSTART") == item.due_date


def test_renewing_the_calendar_address_stops_the_old_one(world, login, client):
    old = world.calendar_feed.token
    page = login(world.leader).get(reverse("followup_settings")).content.decode()
    assert f"webcal://testserver/kalender/{old}.ics" in page
    login(world.leader).post(reverse("calendar_renew"))
    new = CalendarFeed.objects.get(person=world.leader).token
    assert new != old
    client.logout()
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


def test_a_person_chooses_how_often_reminders_come(world, login):
    client = login(world.leader)
    response = client.post(reverse("followup_settings"), {"reminder_frequency": "daily"})
    assert response.status_code == 302
    world.leader.refresh_from_db()
    assert world.leader.reminder_frequency == "daily"
    bad = client.post(reverse("followup_settings"), {"reminder_frequency": "hourly"})
    assert bad.status_code == 400


# --- E-mail through a real SMTP server on loopback ----------------------------------


class Collect:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    handler = Collect()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


def recipients(handler) -> list[str]:
    return sorted(address for m in handler.messages for address in m.rcpt_tos)


def test_digests_arrive_once_in_each_persons_language(world, smtp):
    overdue_item(world)
    world.leader.language = "en"
    world.leader.save()
    assert digests.enqueue_digests() >= 1
    assert outbox.deliver() >= 1
    assert digests.enqueue_digests() == 0
    assert outbox.deliver() == 0
    leader_mails = [m for m in smtp.messages if m.rcpt_tos == [world.leader.email]]
    assert len(leader_mails) == 1
    body = leader_mails[0].content.decode()
    assert "1 agreement is overdue" in body and "My overview" in body
    # What the agreement says stays in the product (issue 11, path 9), and the queue
    # keeps no body once the mail is sent.
    assert "Ringe til HR" not in body
    assert not OutgoingMail.objects.filter(state="sent").exclude(body="").exists()
    assert recipients(smtp).count(world.leader.email) == 1


def test_a_worker_told_to_stop_leaves_the_rest_of_the_digests_for_its_next_start(world):
    overdue_item(world)
    asked = []

    def stop_after_the_first():
        asked.append(1)
        return len(asked) > 1

    first = digests.enqueue_digests(should_stop=stop_after_the_first)
    assert first <= 1 and len(asked) == 2
    # The next start queues the rest, and nobody twice.
    rest = digests.enqueue_digests()
    assert digests.enqueue_digests() == 0
    queued = OutgoingMail.objects.filter(key__startswith="digest:").count()
    assert queued >= 1 and first + rest == queued


def test_nobody_who_chose_no_reminders_gets_one(world, smtp):
    overdue_item(world)
    world.leader.reminder_frequency = "off"
    world.leader.save()
    digests.enqueue_digests()
    outbox.deliver()
    assert world.leader.email not in recipients(smtp)


def test_a_failed_send_is_tried_again_and_nothing_is_lost(world, settings, smtp):
    overdue_item(world)
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # Nobody listens there: the send fails.
    digests.enqueue_digests()
    assert outbox.deliver() == 0
    mail = OutgoingMail.objects.get(person=world.leader, key__startswith="digest:")
    assert (mail.state, mail.attempts) == ("pending", 1) and mail.last_error
    settings.EMAIL_PORT = port
    assert outbox.deliver() == 0  # Not before its next attempt time.
    later = timezone.now() + timedelta(minutes=6)
    assert outbox.deliver(now=later) >= 1
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == ("sent", 2)
    assert recipients(smtp).count(world.leader.email) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_time_send_each_mail_once(world, smtp):
    overdue_item(world)
    from organisations.models import Person

    for n in range(12):
        person = Person.objects.create_user(
            f"travl{n}@test.example", name=f"Travl {n}", organisation=world.organisation
        )
        OutgoingMail.objects.create(
            person=person,
            key=f"test:{n}",
            to=person.email,
            subject="Påmindelse",
            body="Det venter på dig",
            next_attempt_at=timezone.now(),
        )
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(outbox.deliver())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    outbox.deliver()  # Whatever a worker left behind is sent by the next run.
    assert len(smtp.messages) == 12
    assert len(set(recipients(smtp))) == 12
    assert OutgoingMail.objects.filter(key__startswith="test:", state="sent").count() == 12


# --- The organisation's status ---------------------------------------------------------


def add_leaders_with_agreements(world, count: int, unit=None) -> None:
    from organisations.models import Person, Role, RoleAssignment

    for n in range(count):
        person = Person.objects.create_user(
            f"status{n}-{unit.pk if unit else 0}@test.example",
            name=f"Statusleder {n}",
            organisation=world.organisation,
            unit=unit or world.sub_unit,
            manager=world.chef,
            vouched_at=timezone.now(),
        )
        RoleAssignment.objects.create(person=person, role=Role.LEADER_OF_EMPLOYEES)
        if n % 2 == 0:
            dialogue_services.self_agreement_start(
                owner=person,
                starts_on=timezone.localdate() - timedelta(days=10),
                length="half_year",
            )


def test_the_status_page_shows_counts_and_hides_small_figures(world, login):
    from core.status import organisation_status

    status = organisation_status(world.organisation)
    assert status.total.leaders == 4
    assert not status.total.agreement.shown  # 4 leaders: fewer than 5
    add_leaders_with_agreements(world, 8)
    status = organisation_status(world.organisation)
    assert status.total.leaders == 12 and status.total.agreement.shown
    assert status.total.agreement.value == 4 + 1  # the fixture's leader has one too
    from core.status import snapshot_take

    snapshot_take(organisation=world.organisation)
    page = login(world.hr).get(reverse("organisation_status")).content.decode()
    assert "af 12" in page
    for person in (world.leader, world.chef, world.colleague):
        assert person.name not in page
    assert PRIVATE_GOAL not in page


def test_hidden_figures_say_why_and_top_managements_home_shows_the_key_figures(world, login):
    """Issue 23: "skjult" says when it is because fewer than k stand behind the figure;
    top management's home shows the organisation's figures and leads to the status."""
    from core.status import snapshot_take

    snapshot_take(organisation=world.organisation)  # 4 leaders: fewer than 5
    page = login(world.hr).get(reverse("organisation_status")).content.decode()
    assert "skjult: færre end 5" in page and 'id="skjult-forklaring"' in page
    home = login(world.top).get(reverse("home")).content.decode()
    assert "Organisationen i tal" in home and "skjult: færre end 5" in home
    assert reverse("organisation_status") in home
    add_leaders_with_agreements(world, 8)
    snapshot_take(organisation=world.organisation, today=timezone.localdate() + timedelta(1))
    home = login(world.top).get(reverse("home")).content.decode()
    assert re.search(r'<p class="key-figure-detail">\d+ af 12', home)


def test_the_status_page_keeps_its_query_count_as_the_organisation_grows(world, login):
    from core.models import StatusSnapshot
    from core.status import snapshot_take

    client = login(world.top)

    def queries() -> int:
        StatusSnapshot.objects.all().delete()
        with CaptureQueriesContext(connection) as context:
            snapshot_take(organisation=world.organisation)
            assert client.get(reverse("organisation_status")).status_code == 200
        return len(context.captured_queries)

    add_leaders_with_agreements(world, 5)
    few = queries()
    add_leaders_with_agreements(world, 30, unit=world.unit)
    assert queries() == few


def quarter_end_before(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1) - timedelta(days=1)


def test_the_status_page_shows_the_trend_per_quarter(world, login):
    from core.status import snapshot_take, status_trend

    add_leaders_with_agreements(world, 8)
    today = timezone.localdate()
    last_quarter_end = quarter_end_before(today)
    earlier_quarter_end = quarter_end_before(last_quarter_end)
    # Several days in one quarter: the quarter shows its last one.
    for day in (earlier_quarter_end, last_quarter_end - timedelta(days=1), last_quarter_end):
        snapshot_take(organisation=world.organisation, today=day)
    snapshot_take(organisation=world.organisation, today=today)
    trend = status_trend(organisation=world.organisation, quarters=8)
    assert [quarter.day for quarter in trend] == [earlier_quarter_end, last_quarter_end, today]
    # Figures as they stood on the day: the agreements started 10 days before today.
    assert trend[-1].total.agreement.value == 5
    assert trend[0].total.agreement.value <= 1
    page = login(world.top).get(reverse("organisation_status")).content.decode()
    assert "Udvikling pr. kvartal" in page
    assert f"{(today.month - 1) // 3 + 1}. kvartal {today.year}" in page
    assert "5 af 12 (42 %)" in page
    # The picture behind the table (issue 23): an image with a name and a description,
    # one point per shown quarter, and the key figure with its change since last quarter.
    assert 'role="img" aria-labelledby="trend-title trend-desc"' in page
    assert "Har en gældende aftale med sig selv, " in page
    assert '<p class="key-figure-value">42 %</p>' in page
    assert "procentpoint op siden" in page or "uændret siden" in page


def test_the_trend_picture_breaks_its_line_at_a_hidden_figure():
    from ui.charts import share_trend

    chart = share_trend(["1. kv.", "2. kv.", "3. kv.", "4. kv."], [("Aftale", [10, None, 40, 50])])
    (series,) = chart["series"]
    assert len(series.segments) == 2 and series.segments[0].count(",") == 1
    assert [point.value for point in series.points] == [10, 40, 50]
    # 0 % sits on the bottom line and 100 % on the top line.
    top = share_trend(["a", "b"], [("x", [0, 100])])["series"][0].points
    assert top[0].y == chart["bottom"] and top[1].y == min(g["y"] for g in chart["grid"])


def test_the_trend_reaches_back_eight_quarters_at_most(world):
    from core.status import snapshot_take, status_trend

    today = timezone.localdate()
    for months_back in range(0, 36, 3):
        year, month = divmod(today.year * 12 + today.month - 1 - months_back, 12)
        snapshot_take(organisation=world.organisation, today=date(year, month + 1, 1))
    trend = status_trend(organisation=world.organisation)
    assert len(trend) == 8
    assert (trend[-1].year, trend[-1].number) == (today.year, (today.month - 1) // 3 + 1)


def test_the_status_page_tells_how_long_escalations_have_waited(world, login):
    from core.status import snapshot_take
    from groups.models import Escalation

    Escalation.objects.filter(organisation=world.organisation).delete()
    snapshot_take(organisation=world.organisation)
    page = login(world.top).get(reverse("organisation_status")).content.decode()
    assert "Ingen eskaleringer venter på en beslutning." in page
    Escalation.objects.create(
        organisation=world.organisation, round=world.round, title="Ny eskalering"
    )
    Escalation.objects.filter(title="Ny eskalering").update(
        created_at=timezone.now() - timedelta(days=40)
    )
    page = login(world.top).get(reverse("organisation_status")).content.decode()
    oldest = timezone.localdate() - timedelta(days=40)
    assert (
        f"1 eskalering fra ledelsesgrupperne venter på en beslutning, siden {oldest.day}." in page
    )
    assert "Ny eskalering" not in page  # counts only, no content


def test_the_demo_status_page_shows_what_the_rules_allow(db, login):
    from django.core.management import call_command

    from organisations.models import Person

    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    top = Person.objects.get(email="direktion@demo.example")
    page = login(top).get(reverse("organisation_status")).content.decode()
    table = page[page.index('<table class="table">') : page.index("</table>")]
    rows = {
        re.sub(r"<.*?>", "", row.split("</th>")[0]).strip(): row for row in table.split("<tr>")[2:]
    }
    # The one leader directly under Direktionen is hidden, and one unit to protect
    # them; the other unit and the whole organisation are shown.
    hidden = '<span class="muted">skjult'
    assert rows["Direkte under Direktionen eller uden enhed"].count(hidden) == 3
    assert sum(row.count(hidden) for row in rows.values()) == 6
    assert "skjult" not in rows["Børn og Unge"] and "af 5 (" in rows["Børn og Unge"]
    assert "skjult" not in rows["Hele organisationen"]
    # The snapshot was taken in Danish; an English reader still reads English.
    top.language = "en"
    top.save()
    english = login(top).get(reverse("organisation_status"), HTTP_ACCEPT_LANGUAGE="en")
    assert "The whole organisation" in english.content.decode()
    assert "Directly under Direktionen, or without a unit" in english.content.decode()


# --- Your own data, and the administrator's export ---------------------------------------


def test_a_person_downloads_all_their_own_data_and_nobody_elses(world, login):
    import json

    response = login(world.leader).get(reverse("my_data"))
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["person"]["email"] == world.leader.email
    assert data["agreements_with_yourself"][0]["goals"] == PRIVATE_GOAL
    assert any(n["text"] == "Min private note om grænser" for n in data["interview_guide"]["notes"])
    assert data["management_group_rounds"][0]["your_notes"] == "Privat forberedelse"
    assert data["plan_ratings"][0]["ratings"][0]["importance"] == -1
    chef = json.loads(login(world.chef).get(reverse("my_data")).content)
    assert PRIVATE_GOAL not in json.dumps(chef, ensure_ascii=False)
    assert "Privat forberedelse" not in json.dumps(chef, ensure_ascii=False)


def test_the_administrators_export_round_trips_through_the_import(world, login):
    from organisations import importer

    client = login(world.admin)
    response = client.get(reverse("organisations:export", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    content = response.content
    rows = importer.parse(content, "eksport.csv")
    plan = importer.plan(world.organisation, rows)
    assert not plan.errors
    assert plan.changed_people == []
    assert PRIVATE_GOAL.encode() not in content


def test_the_xlsx_export_has_structure_and_no_private_content(world, login):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login(world.hr).get(reverse("organisations:export", args=["xlsx"]))
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Personer", "Enheder", "Ledelsesgrupper", "Runder", "Planer"]
    cells = " ".join(
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    )
    assert world.leader.email in cells and "Plan for ledertrivsel 2027" in cells
    assert PRIVATE_GOAL not in cells and "Privat forberedelse" not in cells
    assert login(world.hr).get(reverse("organisations:export", args=["pdf"])).status_code == 404


def test_an_agreements_history_goes_with_it(world):
    item = overdue_item(world)
    item.status = Status.DONE
    item.save()
    events = FollowUpEvent.objects.filter(
        content_type__model="selfagreementitem", object_id=item.pk
    )
    assert events.count() == 2
    item.delete()
    assert events.count() == 0


def test_the_cron_command_sends_once_however_often_it_runs(world, smtp):
    from django.core.management import call_command

    overdue_item(world)
    call_command("send_reminders", verbosity=0)
    call_command("send_reminders", verbosity=0)
    assert recipients(smtp).count(world.leader.email) == 1


def test_a_dialogue_with_an_earlier_manager_leaves_the_overview(world):
    assert "Vi mødes hver 14. dag" in [a.text for a in due.overview(world.leader).agreements]
    world.leader.manager = world.top
    world.leader.save()
    assert "Vi mødes hver 14. dag" not in [a.text for a in due.overview(world.leader).agreements]
    assert "Vi mødes hver 14. dag" not in [a.text for a in due.overview(world.chef).agreements]


def test_a_round_starts_even_when_the_mail_server_is_down(
    world, settings, smtp, django_capture_on_commit_callbacks
):
    from groups.models import Round

    settings.EMAIL_PORT = free_port()  # Nobody listens there.
    with django_capture_on_commit_callbacks(execute=True):
        round_ = group_services.round_start(
            group=world.group, by=world.chef, meeting_date=date(2027, 3, 1)
        )
    assert Round.objects.filter(pk=round_.pk).exists()
    waiting = OutgoingMail.objects.filter(key__startswith=f"round-invitation:{round_.pk}:")
    # Everyone but the leader who started it (who is not told that they did).
    assert waiting.count() == 2 and set(waiting.values_list("state", flat=True)) == {"pending"}


def test_the_calendar_address_is_made_only_when_asked_for(world, login):
    client = login(world.colleague)
    page = client.get(reverse("followup_settings")).content.decode()
    assert "Lav din kalenderadresse" in page
    assert not CalendarFeed.objects.filter(person=world.colleague).exists()
    response = client.post(reverse("calendar_renew"), follow=True)
    feed = CalendarFeed.objects.get(person=world.colleague)
    page = response.content.decode()
    assert "Din kalenderadresse er klar." in page
    assert f"webcal://testserver/kalender/{feed.token}.ics" in page


def _parts(envelope) -> dict[str, str]:
    """The decoded parts of a received mail by content type."""
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }


def test_every_mail_has_a_text_and_an_html_part_that_say_the_same(world, smtp):
    from groups import services as groups_services

    world.group.name = "Ledere <Syd> & Nord https://intra.example/syd"
    world.group.save()
    round_ = groups_services.round_start(
        group=world.group, by=world.chef, meeting_date=date(2027, 2, 1)
    )
    groups_services.round_invite(round_=round_)
    received = [m for m in smtp.messages if m.rcpt_tos == [world.leader.email]][-1]
    parts = _parts(received)
    assert {"text/plain", "text/html"} <= set(parts)
    # The text part is plain text: what people wrote is not HTML-escaped there...
    assert "Ledere <Syd> & Nord" in parts["text/plain"]
    html = parts["text/html"]
    # ...and it is escaped in the HTML part, where links can be clicked.
    assert "Ledere &lt;Syd&gt; &amp; Nord" in html and "<Syd>" not in html
    assert '<a href="https://intra.example/syd"' in html
    assert '<html lang="da">' in html


def test_a_round_invitation_carries_the_meeting_as_a_calendar_request(world, smtp):
    """Issue 23: the two-hour meeting lands in the member's calendar, with accept and
    decline, under the same UID as in their calendar feed (one meeting, not two)."""
    from datetime import time

    from core import calendar as feed
    from groups import services as groups_services

    round_ = groups_services.round_start(
        group=world.group, by=world.chef, meeting_date=date(2027, 2, 1)
    )
    round_.meeting_time, round_.place = time(9, 30), "Rådhuset, lokale 2"
    round_.save()
    groups_services.round_invite(round_=round_)
    received = [m for m in smtp.messages if m.rcpt_tos == [world.leader.email]][-1]
    parts = _parts(received)
    assert set(parts) == {"text/plain", "text/html", "text/calendar"}
    request = Calendar.from_ical(parts["text/calendar"])
    assert request["method"] == "REQUEST"
    (event,) = request.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert timezone.localtime(start).time() == time(9, 30) and end - start == timedelta(hours=2)
    assert str(event["location"]) == "Rådhuset, lokale 2"
    assert str(event["organizer"]) == f"mailto:{world.chef.email}"
    assert str(event["attendee"]) == f"mailto:{world.leader.email}"
    in_feed = {str(e["uid"]) for e in Calendar.from_ical(feed.build(world.leader)).walk("VEVENT")}
    assert str(event["uid"]) in in_feed
    # Once sent, the queue keeps no copy of it.
    assert (
        not OutgoingMail.objects.filter(key__startswith="round-invitation:")
        .exclude(calendar="")
        .filter(state="sent")
        .exists()
    )


def test_a_password_reset_mail_is_in_the_persons_language_and_never_stored(world, client, smtp):
    world.leader.language = "en"
    world.leader.save()
    stored = OutgoingMail.objects.count()
    response = client.post(reverse("password_reset"), {"email": world.leader.email})
    assert response.status_code == 302
    (received,) = smtp.messages
    parts = _parts(received)
    subject = email.message_from_bytes(received.content, policy=email.policy.default)["Subject"]
    assert subject == "Choose a new password for Ledertrivsel"
    assert "/adgangskode/" in parts["text/plain"] and '<html lang="en">' in parts["text/html"]
    assert OutgoingMail.objects.count() == stored


def test_an_agreement_with_the_manager_links_to_the_shared_dialogue_for_both(world):
    expected = reverse("dialogue:detail", args=[world.dialogue.pk]) + "#aftaler"
    for person in (world.leader, world.chef):
        entries = [
            a for a in due.agreements_for(person, timezone.localdate()) if a.kind == "manager"
        ]
        assert entries and {a.url for a in entries} == {expected}


def test_calendar_events_say_what_is_due_without_quoting_private_text(world, client):
    overdue_item(world, text="Privat: ring til lægen")
    url = reverse("calendar_feed", args=[world.calendar_feed.token])
    events = parse(client.get(url).content)
    summaries = {uid.split("@")[0]: str(event["SUMMARY"]) for uid, event in events.items()}
    # Private agreements are numbered, never quoted, but can be told apart.
    own = [s for key, s in summaries.items() if key.startswith("self-")]
    assert len(own) == len(set(own)) >= 2 and all("med dig selv" in s for s in own)
    assert "ring til lægen" not in " ".join(summaries.values())
    # Shared agreements say what they are about, and daily agreements are there too.
    assert "Vi mødes hver 14. dag" in summaries[f"manager-{world.manager_agreement.pk}"]
    daily = f"self-{world.item.pk}"
    assert events[next(u for u in events if u.startswith(daily + "@"))]["RRULE"]["FREQ"] == [
        "DAILY"
    ]
