"""Tool 2: private preparation, the k-threshold, meeting mode and what the group sees."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups import selectors, services
from groups.models import Participation, Round, RoundStatus
from organisations.models import GroupMembership, Role
from prioritymap.model import Rated
from tests.factories import PersonFactory

ALL_RATED = {f"s{n}": "1" for n in range(1, 21)} | {f"i{n}": "-1" for n in range(1, 21)}


def prepare(round_, person, *, success=1, importance=-1, picks=(1, 2)):
    participation = Participation.objects.get(round=round_, person=person)
    services.confidentiality_accept(participation=participation)
    services.preparation_save(
        participation=participation,
        ratings={n: Rated(importance=importance, success=success) for n in range(1, 21)},
        picks=list(picks),
        notes="",
    )
    services.preparation_complete(participation=participation)
    return participation


def add_members(world, count):
    people = []
    for n in range(count):
        person = PersonFactory(
            organisation=world.organisation,
            email=f"m{n}@test.example",
            manager=world.chef,
            roles=[Role.LEADER_OF_EMPLOYEES],
        )
        GroupMembership.objects.create(group=world.group, person=person)
        people.append(person)
    return people


def test_a_round_invites_every_member_and_the_leader(world):
    assert set(world.round.participations.values_list("person__email", flat=True)) == {
        "chef@test.example",
        "leder@test.example",
        "kollega@test.example",
    }
    assert world.round.method_version == "bfa-2023"


def test_preparing_needs_all_ratings_and_two_or_three_picks(world, login):
    client = login(world.colleague)
    url = reverse("groups:round_preparation", args=[world.round.pk])
    response = client.post(url, {"s1": "1", "i1": "1", "done": "1"})
    assert response.status_code == 400
    assert "Vurder alle 20 spørgsmål på begge skalaer. Mangler: 2, 3" in response.content.decode()
    response = client.post(url, {**ALL_RATED, "pick": ["3"], "done": "1"})
    assert "Vælg de 2-3 vigtigste spørgsmål" in response.content.decode()
    response = client.post(url, {**ALL_RATED, "pick": ["3", "4", "5", "6"], "done": "1"})
    assert "Vælg højst 3 spørgsmål" in response.content.decode()
    response = client.post(url, {**ALL_RATED, "pick": ["3", "4"], "done": "1"})
    assert response.status_code == 302
    assert Participation.objects.get(round=world.round, person=world.colleague).prepared_at


def test_answers_are_kept_while_they_are_incomplete(world, login):
    client = login(world.colleague)
    client.post(
        reverse("groups:round_preparation", args=[world.round.pk]),
        {"s5": "-1", "i5": "1", "s6": "0"},
        HTTP_HX_REQUEST="true",
    )
    given = Participation.objects.get(round=world.round, person=world.colleague).given()
    ratings = {number: (r.success, r.importance) for number, r in given.items()}
    assert ratings[5] == (-1, 1) and ratings[6] == (0, None)


def test_answers_cannot_change_once_the_meeting_has_started(world, login):
    world.round.status = RoundStatus.MEETING
    world.round.save()
    response = login(world.leader).post(
        reverse("groups:round_preparation", args=[world.round.pk]), {**ALL_RATED}
    )
    assert "Mødet er gået i gang" in response.content.decode()
    own = Participation.objects.get(round=world.round, person=world.leader)
    assert own.given()[1].success == -1


def close(round_):
    services.preparation_close(round_=round_)
    round_.refresh_from_db()
    return round_


def test_the_group_map_shows_only_from_k_prepared_members(world, login):
    client = login(world.leader)
    url = reverse("groups:round_map", args=[world.round.pk])
    prepare(world.round, world.leader)
    prepare(world.round, world.colleague)
    close(world.round)
    page = client.get(url).content.decode()
    assert "kun 2 havde forberedt sig helt" in page
    assert "<svg" not in page
    # Closed is closed: a third member cannot prepare now and open the map.
    with pytest.raises(services.PreparationError):
        prepare(world.round, world.chef)
    assert "<svg" not in client.get(url).content.decode()

    later = services.round_start(group=world.group, by=world.chef, meeting_date=date(2027, 1, 5))
    for person in (world.leader, world.colleague, world.chef):
        prepare(later, person)
    close(later)
    page = client.get(reverse("groups:round_map", args=[later.pk])).content.decode()
    assert "<svg" in page and "KLARE MÅL" in page


def test_an_organisation_can_raise_k(world, login):
    world.organisation.anonymity_k = 4
    world.organisation.save()
    for person in (world.leader, world.colleague, world.chef):
        prepare(world.round, person)
    page = (
        login(world.leader).get(reverse("groups:round_map", args=[world.round.pk])).content.decode()
    )
    assert "mindst 4 har forberedt sig" in page


def test_nobody_sees_another_members_ratings_or_notes(world, login):
    prepare(world.round, world.leader)
    participation = Participation.objects.get(round=world.round, person=world.leader)
    participation.notes = "Meget privat note"
    participation.save()
    for actor in ("chef", "colleague", "hr", "top", "admin", "med"):
        client = login(getattr(world, actor))
        for name in (
            "groups:round_detail",
            "groups:round_map",
            "groups:round_meeting",
            "groups:round_screen",
            "groups:round_summary",
            "groups:round_preparation",
        ):
            response = client.get(reverse(name, args=[world.round.pk]))
            assert "Meget privat note" not in response.content.decode(), (actor, name)


def test_the_group_leader_sees_who_prepared_but_not_what(world, login):
    prepare(world.round, world.leader, success=-1, importance=1)
    page = (
        login(world.chef)
        .get(reverse("groups:round_detail", args=[world.round.pk]))
        .content.decode()
    )
    assert "Leder Et – forberedt" in page
    assert "Leder To – ikke endnu" in page
    page = (
        login(world.colleague)
        .get(reverse("groups:round_detail", args=[world.round.pk]))
        .content.decode()
    )
    assert "Leder Et – forberedt" not in page
    assert "1 af 3 har forberedt sig" in page


@pytest.mark.parametrize("show_names", [True, False])
def test_top_picks_by_name_only_when_the_round_says_so(world, login, show_names):
    world.round.show_names = show_names
    world.round.save()
    for person in (world.leader, world.colleague, world.chef):
        prepare(world.round, person)
    close(world.round)
    page = (
        login(world.colleague)
        .get(reverse("groups:round_map", args=[world.round.pk]))
        .content.decode()
    )
    assert ("Leder Et, Leder To" in page or "Chef, Leder Et, Leder To" in page) == show_names


def test_the_group_map_keeps_its_query_count_from_3_to_30_members(world, login):
    client = login(world.chef)
    url = reverse("groups:round_map", args=[world.round.pk])
    small = services.round_start(group=world.group, by=world.chef, meeting_date=date(2027, 1, 5))
    for person in (world.leader, world.colleague, world.chef):
        prepare(small, person)
    close(small)

    def queries(round_) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("groups:round_map", args=[round_.pk]))
            assert "<svg" in response.content.decode()
        return len(context.captured_queries)

    three = queries(small)
    add_members(world, 27)
    large = services.round_start(group=world.group, by=world.chef, meeting_date=date(2027, 2, 5))
    assert large.participations.count() == 30
    for participation in large.participations.select_related("person"):
        prepare(large, participation.person)
    close(large)
    assert queries(large) == three
    assert url


def test_meeting_mode_moves_through_the_points_with_a_timer(world, login):
    client = login(world.chef)
    control = reverse("groups:round_meeting_control", args=[world.round.pk])
    client.post(control, {"action": "start", "point": "3"})
    world.round.refresh_from_db()
    assert (world.round.current_point, world.round.status) == (3, RoundStatus.MEETING)
    client.post(control, {"action": "pause"})
    client.post(control, {"action": "extend"})
    world.round.refresh_from_db()
    assert world.round.point_started_at is None and world.round.point_extra_minutes == 5
    screen = login(world.leader).get(reverse("groups:round_screen_content", args=[world.round.pk]))
    page = screen.content.decode()
    assert "3. Skab fokus" in page
    assert "Hvad forstår I ved temaet, I har fokus på?" in page
    assert 'data-hx-trigger="every 1s"' in page


def test_the_meeting_runs_on_one_next_action_through_all_four_points(world, login):
    client = login(world.chef)
    control = reverse("groups:round_meeting_control", args=[world.round.pk])
    meeting = reverse("groups:round_meeting", args=[world.round.pk])
    screen = reverse("groups:round_screen_content", args=[world.round.pk])
    page = client.get(meeting).content.decode()
    assert "Start mødet: 1. Sæt rammen for mødet" in page
    # Before the start the projector has the agenda and a count of who prepared.
    assert "har forberedt sig." in client.get(screen).content.decode()
    for number, title in [(2, "Lyt til hinanden"), (3, "Skab fokus"), (4, "Indgå aftaler")]:
        client.post(control, {"action": "next"})
        world.round.refresh_from_db()
        assert world.round.current_point == number - 1
        assert f"Næste punkt: {number}. {title}" in client.get(meeting).content.decode()
    client.post(control, {"action": "next"})
    world.round.refresh_from_db()
    assert (world.round.current_point, world.round.points_done) == (4, 3)
    assert "Afslut mødet" in client.get(meeting).content.decode()
    client.post(control, {"action": "next"})
    world.round.refresh_from_db()
    assert world.round.current_point == 0 and world.round.points_done == 4
    assert world.round.meeting_ended_at is not None
    clock = selectors.meeting_clock(round_=world.round)
    assert clock.state == "ended" and {p.state for p in clock.phases} == {"done"}
    page = client.get(screen).content.decode()
    assert "Tak for i dag" in page
    # "Next" after the end changes nothing; going back to a point reopens the meeting.
    client.post(control, {"action": "next"})
    world.round.refresh_from_db()
    assert world.round.meeting_ended_at is not None
    client.post(control, {"action": "start", "point": "2"})
    world.round.refresh_from_db()
    assert world.round.current_point == 2 and world.round.meeting_ended_at is None


def test_the_meeting_clocks_count_down_per_point_and_up_for_the_meeting(world, login):
    started = timezone.now() - timedelta(minutes=50)
    Round.objects.filter(pk=world.round.pk).update(
        status=RoundStatus.MEETING,
        current_point=1,
        point_started_at=started,
        meeting_started_at=started - timedelta(minutes=20),
    )
    page = login(world.chef).get(reverse("groups:round_meeting", args=[world.round.pk]))
    text = page.content.decode()
    # Point 1 is planned for 10-15 minutes: 50 minutes in, it is 35 minutes over, in red.
    assert 'class="timer over"' in text
    assert "35 min 0 s" in text and "over tiden" in text
    assert "1 t 10 min" in text and "af 2 t" in text


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0 s"), (59, "59 s"), (61, "1 min 1 s"), (3600, "1 t"), (4380, "1 t 13 min")],
)
def test_a_duration_reads_without_ambiguity(seconds, shown):
    from ui.templatetags.dates import duration

    assert duration(seconds) == shown


def test_the_meetings_texts_save_as_they_are_written(world, login):
    """Issue 23: one way to save: what is written on the meeting page is saved as it is
    written (htmx), answered with a quiet "Alt er gemt kl. …", or why it was not."""
    hx = {"HTTP_HX_REQUEST": "true"}
    chef = login(world.chef)
    theme = services.focus_theme_add(round_=world.round, statement=None, title="Mødekultur")
    url = reverse("groups:round_theme_edit", args=[theme.pk])
    fields = {"title": "Mødekultur", "meaning": "Korte møder"}
    fields |= {"field_and_why": "", "moves_right": ""}
    answer = chef.post(url, fields, **hx).content.decode()
    assert "Alt er gemt kl." in answer and "<html" not in answer
    theme.refresh_from_db()
    assert theme.meaning == "Korte møder"
    answer = chef.post(url, {**fields, "title": "", "meaning": "Tabt?"}, **hx).content.decode()
    assert "Det er ikke gemt" in answer
    theme.refresh_from_db()
    assert theme.meaning == "Korte møder"
    notes = reverse("groups:round_notes", args=[world.round.pk])
    answer = chef.post(notes, {"notes-unchosen_plan": "Tages op i MED"}, **hx).content.decode()
    assert "Alt er gemt kl." in answer
    member = login(world.leader)
    remark = reverse("groups:round_closing_remark", args=[world.round.pk])
    assert "Alt er gemt" in member.post(remark, {"closing-text": "Ro"}, **hx).content.decode()
    member.post(remark, {"closing-text": "Ro på"}, **hx)
    assert world.round.closing_remarks.get(person=world.leader).text == "Ro på"
    page = member.get(reverse("groups:round_meeting", args=[world.round.pk])).content.decode()
    assert "Ro på</textarea>" in page


def test_agreements_escalations_and_the_closing_round(world, login):
    chef = login(world.chef)
    chef.post(
        reverse("groups:round_escalation_add", args=[world.round.pk]),
        {
            "escalation-title": "Ressourcer til nye ledere",
            "escalation-description": "Mentorordning",
        },
    )
    chef.post(
        reverse("groups:round_agreement_add", args=[world.round.pk]),
        {
            "agreement-theme": world.theme.pk,
            "agreement-text": "Kortere møder",
            "agreement-who": "Alle",
            "agreement-owners": [world.chef.pk, world.colleague.pk],
            "agreement-cadence": "monthly",
            "agreement-interval_weeks": 2,
        },
    )
    member = login(world.colleague)
    member.post(
        reverse("groups:round_closing_remark", args=[world.round.pk]), {"closing-text": "Mere ro"}
    )
    page = member.get(reverse("groups:round_summary", args=[world.round.pk])).content.decode()
    assert "Ressourcer til nye ledere" in page and "Kortere møder" in page
    assert "Leder To:</strong> Mere ro" in page
    escalation = world.round.escalations.get(title="Ressourcer til nye ledere")
    assert escalation.responsible == world.chef
    pdf = member.get(reverse("groups:round_summary_pdf", args=[world.round.pk]))
    assert pdf.content.startswith(b"%PDF")


def test_a_new_round_reviews_the_open_agreements_of_the_last(world, login):
    later = services.round_start(group=world.group, by=world.chef, meeting_date=date(2027, 3, 1))
    page = login(world.chef).get(reverse("groups:round_detail", args=[later.pk])).content.decode()
    assert "Opfølgning på aftalerne fra" in page and "Dagsorden før mødet" in page


def test_two_rounds_show_movement_over_time(world, login):
    first = world.round
    for person in (world.leader, world.colleague, world.chef):
        prepare(first, person, success=-1, importance=1)
    close(first)
    second = services.round_start(group=world.group, by=world.chef, meeting_date=date(2027, 3, 1))
    for person in (world.leader, world.colleague, world.chef):
        prepare(second, person, success=1, importance=1)
    close(second)
    page = (
        login(world.leader)
        .get(reverse("groups:group_detail", args=[world.group.pk]))
        .content.decode()
    )
    assert "Bevægelse siden sidste runde" in page
    assert "+2,00" in page and "(mod højre)" in page
    assert 'marker-end="url(#over-time-arrowhead)"' in page


def test_the_movement_view_draws_arrows_only_for_clear_moves_and_sorts_by_size(world, login):
    first = world.round
    for person in (world.leader, world.colleague, world.chef):
        prepare(first, person, success=-1, importance=1)
    close(first)
    second = services.round_start(group=world.group, by=world.chef, meeting_date=date(2027, 3, 1))
    for person in (world.leader, world.colleague, world.chef):
        participation = Participation.objects.get(round=second, person=person)
        services.confidentiality_accept(participation=participation)
        # Statements 4 and 9 move across the middle; the others stay where they were.
        services.preparation_save(
            participation=participation,
            ratings={
                n: Rated(importance=1, success=1 if n in (4, 9) else -1) for n in range(1, 21)
            },
            picks=[1, 2],
            notes="",
        )
        services.preparation_complete(participation=participation)
    close(second)
    page = (
        login(world.leader)
        .get(reverse("groups:group_detail", args=[world.group.pk]))
        .content.decode()
    )
    assert page.count('marker-end="url(#over-time-arrowhead)"') == 2
    assert "18 udsagn har flyttet sig mindre og står uden pil" in page
    table = page[page.index('class="table table--compact movement-table"') :]
    first_rows = re.findall(r'<td data-sort-value="(\d+)">', table)[:3]
    assert first_rows[:2] == ["4", "9"] and first_rows[2] == "1"
    assert 'aria-sort="descending"' in table


def test_starting_a_round_invites_the_members_by_e_mail_and_on_their_home_page(
    world, login, django_capture_on_commit_callbacks, mailoutbox
):
    world.colleague.language = "en"
    world.colleague.save()
    client = login(world.chef)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("groups:round_create", args=[world.group.pk]),
            {"meeting_date": "2027-01-20", "meeting_time": "09:00", "place": "Rådhuset"},
        )
    assert response.status_code == 302
    # The group leader started the round and is not told that they did.
    assert sorted(m.to[0] for m in mailoutbox) == [
        "kollega@test.example",
        "leder@test.example",
    ]
    english = next(m for m in mailoutbox if m.to == ["kollega@test.example"])
    assert "prepare" in english.body.lower()
    home = login(world.leader).get(reverse("home")).content.decode()
    assert "Forbered dig til mødet i Ledergruppen den 20. januar 2027" in home


def test_the_preparation_page_has_all_20_statements_and_the_scale(world, login):
    page = (
        login(world.colleague)
        .get(reverse("groups:round_preparation", args=[world.round.pk]))
        .content.decode()
    )
    for title in ["1. KLARE MÅL", "10. RIGTIGE SAGER", "20. OPLÆRING"]:
        assert title in page
    assert page.count('type="radio"') == 20 * 2 * 3
    assert "I lav grad" in page and "På stregen" in page and "I høj grad" in page
    # Issue 23: importance first, as in tool 3 and on the map's vertical axis; the
    # screen's words, not the paper's; how far the member has come.
    statement = page[page.index('id="udsagn-1"') :]
    assert statement.index('name="i1"') < statement.index('name="s1"')
    assert "Skriv i boksene" not in page and "Hvor vigtigt vurderer du" in page
    assert "Du har vurderet 0 af 20 spørgsmål og valgt 0 af dine 2-3 vigtigste." in page
    prepare(world.round, world.colleague)
    page = (
        login(world.colleague)
        .get(reverse("groups:round_preparation", args=[world.round.pk]))
        .content.decode()
    )
    assert "Du har vurderet 20 af 20 spørgsmål og valgt 2 af dine 2-3 vigtigste." in page


def test_the_rounds_content_waits_until_the_member_agrees_to_the_confidential_room(world, login):
    round_ = services.round_start(group=world.group, by=world.chef, meeting_date=date(2027, 1, 5))
    client = login(world.leader)
    for name in ("round_map", "round_meeting", "round_screen", "round_summary"):
        response = client.get(reverse(f"groups:{name}", args=[round_.pk]))
        assert response["Location"] == reverse("groups:round_detail", args=[round_.pk]), name
    assert (
        "Jeg er enig: det er et fortroligt rum"
        in client.get(reverse("groups:round_detail", args=[round_.pk])).content.decode()
    )
    client.post(reverse("groups:round_accept", args=[round_.pk]))
    assert client.get(reverse("groups:round_map", args=[round_.pk])).status_code == 200
    # The leader who started the round has agreed by starting it.
    chef = login(world.chef)
    assert chef.get(reverse("groups:round_meeting", args=[round_.pk])).status_code == 200


def test_an_owner_follows_up_on_a_group_agreement_and_others_only_see_it(world, login):
    agreement = services.group_agreement_add(
        round_=world.round, text="Leder Et sender dagsorden", owners=[world.leader]
    )
    url = reverse("followup:group_agreement_status", args=[agreement.pk])
    assert login(world.colleague).post(url, {"status": "done"}).status_code == 403
    assert login(world.leader).post(url, {"status": "done"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "done"
    page = login(world.colleague).get(reverse("groups:round_meeting", args=[world.round.pk]))
    assert "Leder Et sender dagsorden" in page.content.decode()
    assert "Leder Et" in page.content.decode()


def test_the_group_leader_reminds_those_who_have_not_prepared_once_a_day(world, login):
    from audit.models import AuditEvent, Kind
    from followup.models import OutgoingMail

    prepare(world.round, world.leader)
    chef = login(world.chef)
    chef.post(reverse("groups:round_remind", args=[world.round.pk]))
    chef.post(reverse("groups:round_remind", args=[world.round.pk]))  # a second click
    reminded = OutgoingMail.objects.filter(key__startswith="preparation-reminder:")
    # Only those who have not prepared (not the leader who clicks), once each.
    assert list(reminded.values_list("to", flat=True)) == [world.colleague.email]
    event = AuditEvent.objects.get(kind=Kind.PREPARATION_REMINDED)
    assert event.actor == world.chef and event.detail["count"] == 1


def test_a_fourth_pick_loses_no_work_and_the_page_shows_the_members_own_choice(world, login):
    client = login(world.colleague)
    url = reverse("groups:round_preparation", args=[world.round.pk])
    client.post(url, {"pick": ["1", "2"]}, HTTP_HX_REQUEST="true")
    response = client.post(
        url, {"s7": "1", "i7": "-1", "notes": "Min note", "pick": ["1", "2", "3", "4"]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dine vurderinger og noter er gemt" in page
    # The four boxes the member ticked are shown ticked, so they can untick one.
    for number in (1, 2, 3, 4):
        assert f'value="{number}" id="pick-{number}" checked' in page, number
    participation = Participation.objects.get(round=world.round, person=world.colleague)
    assert 7 in participation.given()
    assert participation.notes == "Min note"
    assert participation.picks() == [1, 2]


def test_the_summary_pdf_starts_with_the_map_on_its_first_page(world, rf):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.staticfiles import finders
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML

    from groups import views

    for person in (world.leader, world.colleague, world.chef):
        prepare(world.round, person)
    close(world.round)
    request = rf.get("/")
    request.user, request.session = world.chef, {}
    request._messages = FallbackStorage(request)
    html = render_to_string(
        "groups/summary.html",
        {**views._summary_context(request, world.round), "for_pdf": True},
        request=request,
    )
    pages = (
        HTML(string=html).render(stylesheets=[CSS(filename=finders.find("css/print.css"))]).pages
    )
    first = " ".join(
        box.text for box in pages[0]._page_box.descendants() if getattr(box, "text", None)
    )
    # The heading and the map it introduces (its caption follows the drawing, which
    # may not be split) are on the same, first page.
    assert "Gruppens prioriteringskort" in first
    assert "Ledelsesgruppens prioriteringskort" in first.split("Gruppens prioriteringskort", 1)[1]


def test_the_round_page_shows_its_steps_and_the_leaders_one_next_action(world, login):
    """Issue 23: closing the preparation is a named action that says what it does, not an
    option in a list; what does not exist yet is said, not linked."""
    prepare(world.round, world.leader)
    leader_of_group = login(world.chef)
    url = reverse("groups:round_detail", args=[world.round.pk])
    page = leader_of_group.get(url).content.decode()
    assert 'aria-current="step">Forberedelse' in page
    assert "Luk forberedelsen og lav kortet" in page
    assert "ud fra de 1, der har forberedt sig helt" in page
    member_page = login(world.colleague).get(url).content.decode()
    assert "Luk forberedelsen" not in member_page
    assert reverse("groups:round_map", args=[world.round.pk]) not in member_page
    assert "laves, når forberedelsen lukkes" in member_page

    leader_of_group = login(world.chef)
    leader_of_group.post(
        reverse("groups:round_status", args=[world.round.pk]), {"status": "meeting"}
    )
    world.round.refresh_from_db()
    assert world.round.preparation_closed_at is not None
    page = leader_of_group.get(url).content.decode()
    assert 'aria-current="step">Møde' in page and "Mødet er holdt: videre til aftalerne" in page
    assert reverse("groups:round_map", args=[world.round.pk]) in page


def test_the_owners_of_a_new_group_agreement_are_told_at_once(
    world, login, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 23: an owner hears of their agreement when it is made, not in a digest; the
    mail does not carry the agreement's words."""
    client = login(world.chef)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("groups:round_agreement_add", args=[world.round.pk]),
            {
                "agreement-text": "Vi holder fri for mails efter kl. 17",
                "agreement-cadence": "weekly",
                "agreement-interval_weeks": 2,
                "agreement-who": "",
                "agreement-how": "",
                "agreement-owners": [world.leader.pk, world.chef.pk],
            },
        )
    assert response.status_code == 302
    to = [message.to[0] for message in mailoutbox]
    assert world.leader.email in to and world.chef.email not in to
    (mail,) = [m for m in mailoutbox if m.to == [world.leader.email]]
    assert "ansvarlig for at følge op på" in mail.body
    assert "mails efter kl. 17" not in mail.body and "mails efter kl. 17" not in mail.subject


def test_a_group_leader_is_asked_to_start_the_first_round_from_home(world, login):
    """Issue 23: a group without rounds gives its leader a first step on home."""
    from organisations import people
    from organisations.models import ManagementGroup

    new_group = people.group_change(
        group=ManagementGroup(organisation=world.organisation, name="Ny gruppe", leader=world.chef),
        members=[world.leader, world.colleague],
        source=people.Source.hr(world.hr),
    )
    home = login(world.chef).get(reverse("home")).content.decode()
    assert "Start den første runde i Ny gruppe" in home
    assert reverse("groups:round_create", args=[new_group.pk]) in home
    assert "Start den første runde i Ledergruppen" not in home  # it has had a round


def test_a_closed_round_is_read_only(world, login):
    """Issue 23: a closed round's meeting has no live controls or forms, and nothing
    posted to it changes it; the group leader is sent to the summary."""
    services.round_status_set(round_=world.round, status="closed")
    leader_of_group = login(world.chef)
    page = leader_of_group.get(reverse("groups:round_meeting", args=[world.round.pk])).content
    page = page.decode()
    assert "Runden er afsluttet" in page
    for url_name in ("round_meeting_control", "round_agreement_add", "round_notes"):
        assert reverse(f"groups:{url_name}", args=[world.round.pk]) not in page
    count = world.round.agreements.count()
    response = leader_of_group.post(
        reverse("groups:round_agreement_add", args=[world.round.pk]),
        {"agreement-text": "Efter lukning", "agreement-cadence": "weekly"},
    )
    assert response["Location"] == reverse("groups:round_summary", args=[world.round.pk])
    assert world.round.agreements.count() == count
    response = leader_of_group.post(
        reverse("groups:round_meeting_control", args=[world.round.pk]),
        {"action": "start", "point": "1"},
    )
    world.round.refresh_from_db()
    assert world.round.point_started_at is None
    member = login(world.leader)
    member.post(reverse("groups:round_closing_remark", args=[world.round.pk]), {"text": "For sent"})
    assert not world.round.closing_remarks.filter(text="For sent").exists()
