"""Tool 1 as a leader uses it: notes with autosave, the agreement with yourself,
sharing, and the dialogue with the nearest manager."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogue import selectors, services
from dialogue.models import SelfAgreement, Tick
from organisations.models import Role
from tests.factories import PersonFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_guide_shows_every_question_and_direction(world, login):
    page = login(world.leader).get(reverse("dialogue:guide")).content.decode()
    for key in selectors.interview_guide_keys():
        assert f'id="{("note-" + key).replace(".", "")}"' in page, key
    assert "Hvem kan hjælpe dig til at holde fokus på og prioritere dine mål?" in page
    assert "Ud mod borgerne/kunderne" in page


def test_autosave_saves_and_returns_the_new_version(world, login):
    client = login(world.leader)
    url = reverse("dialogue:autosave_note", args=["1.3"])
    response = client.post(url, {"text": "Min chef og min makker", "version": 0}, **HTMX)
    assert response.status_code == 200
    assert "Gemt kl." in response.content.decode()
    assert 'value="1"' in response.content.decode()
    note = selectors.interview_notes_by_key(owner=world.leader)["1.3"]
    assert (note.text, note.version) == ("Min chef og min makker", 1)


def test_a_save_from_an_older_version_is_a_conflict_not_an_overwrite(world, login):
    client = login(world.leader)
    url = reverse("dialogue:autosave_note", args=["2.2"])
    version = world.note.version
    client.post(url, {"text": "Fra fanen på telefonen", "version": version}, **HTMX)
    response = client.post(url, {"text": "Fra den gamle fane", "version": version}, **HTMX)
    page = response.content.decode()
    assert "Teksten er ændret et andet sted" in page
    assert "Fra fanen på telefonen" in page
    world.note.refresh_from_db()
    assert world.note.text == "Fra fanen på telefonen"
    # The person chooses to keep their own text.
    client.post(url, {"text": "Fra den gamle fane", "version": version, "force": "1"}, **HTMX)
    world.note.refresh_from_db()
    assert world.note.text == "Fra den gamle fane"


def test_an_expired_session_answers_autosave_with_401_not_a_login_page(world, client):
    response = client.post(
        reverse("dialogue:autosave_note", args=["1.1"]), {"text": "Tekst", "version": 0}, **HTMX
    )
    assert response.status_code == 401


def test_autosave_without_javascript_redirects_back(world, login):
    response = login(world.leader).post(
        reverse("dialogue:autosave_note", args=["1.1"]), {"text": "Uden js", "version": 0}
    )
    assert response.status_code == 302
    assert response.url == reverse("dialogue:guide")


def test_an_unknown_note_key_is_404(world, login):
    response = login(world.leader).post(
        reverse("dialogue:autosave_note", args=["9.9"]), {"text": "x", "version": 0}
    )
    assert response.status_code == 404


def test_a_new_period_starts_as_a_copy_of_the_last(world, login):
    services.item_tick(item=world.item, kept=True)
    client = login(world.leader)
    response = client.post(
        reverse("dialogue:agreement_start"), {"starts_on": "2027-01-01", "length": "year"}
    )
    new = SelfAgreement.objects.filter(owner=world.leader).first()
    assert response.url == reverse("dialogue:agreement_detail", args=[new.pk])
    assert new.pk != world.agreement.pk
    assert new.goals == world.agreement.goals
    assert [i.text for i in new.items.all()] == [world.item.text]
    assert new.ends_on == date(2028, 1, 1)
    assert new.method_version == "bfa-2023"


def test_the_example_is_copied_only_when_chosen(world, login):
    client = login(world.leader)
    page = client.get(
        reverse("dialogue:agreement_detail", args=[world.agreement.pk])
    ).content.decode()
    assert "Eksempel på aftale med dig selv og med nærmeste leder" in page
    assert world.agreement.items.count() == 1
    client.post(reverse("dialogue:agreement_example", args=[world.agreement.pk]))
    world.agreement.refresh_from_db()
    assert "Fokus på nøgletal for drift." in world.agreement.goals
    assert world.agreement.goals.startswith("Mit private mål")
    texts = [item.text for item in world.agreement.items.all()]  # encrypted: not SQL-matched
    assert "Jeg tjekker mails fire gange om dagen" in texts


def test_ticking_today_and_undoing_it(world, login):
    client = login(world.leader)
    url = reverse("dialogue:item_tick", args=[world.item.pk])
    client.post(url, {"kept": "1"})
    today = timezone.localdate()

    def ticked() -> list[tuple]:  # encrypted: compared in Python
        return [(tick.period, tick.kept) for tick in Tick.objects.filter(item=world.item)]

    assert ticked() == [(today, True)]
    client.post(url, {"kept": "0"})
    assert ticked() == [(today, False)]
    client.post(url, {"kept": "0"})
    assert not Tick.objects.filter(item=world.item).exists()


def test_an_agreement_on_a_date_needs_the_date(world, login):
    response = login(world.leader).post(
        reverse("dialogue:item_add", args=[world.agreement.pk]),
        {"text": "Evaluering", "cadence": "on_date", "interval_weeks": 2},
    )
    assert response.status_code == 400
    assert "Vælg den dato, du vil følge op." in response.content.decode()
    assert "Evaluering" in response.content.decode()


def test_the_preview_shows_exactly_what_would_be_shared(world, login):
    client = login(world.leader)
    response = client.post(
        reverse("dialogue:share_preview"), {"source": ["agreement.goals", "note.2.2"]}
    )
    page = response.content.decode()
    assert world.agreement.goals in page and world.note.text in page
    assert world.dialogue.points not in page
    # Nothing was shared by previewing.
    assert [i.source for i in world.dialogue.shared_items.all()] == ["dialogue.points"]


def test_sharing_makes_the_shared_items_exactly_the_chosen(world, login):
    client = login(world.leader)
    client.post(
        reverse("dialogue:share"), {"source": ["agreement.goals", "note.2.2", "not-a-source"]}
    )
    assert sorted(i.source for i in world.dialogue.shared_items.all()) == [
        "agreement.goals",
        "note.2.2",
    ]


def test_both_add_notes_and_agreements_and_see_each_others(world, login):
    manager = login(world.chef)
    manager.post(
        reverse("dialogue:meeting_note_add", args=[world.meeting.pk]), {"text": "Fra chefen"}
    )
    manager.post(
        reverse("dialogue:manager_agreement_add", args=[world.dialogue.pk]),
        {
            "text": "Vi tager sygefraværet op i januar",
            "cadence": "on_date",
            "due_date": "2027-01-15",
            "interval_weeks": 2,
            "how": "På mødet",
        },
    )
    leader = login(world.leader)
    leader.post(
        reverse("dialogue:meeting_note_add", args=[world.meeting.pk]), {"text": "Fra lederen"}
    )
    page = leader.get(reverse("dialogue:detail", args=[world.dialogue.pk])).content.decode()
    assert "Fra chefen" in page and "Fra lederen" in page
    assert "Vi tager sygefraværet op i januar" in page
    page = (
        login(world.chef).get(reverse("dialogue:detail", args=[world.dialogue.pk])).content.decode()
    )
    assert "Fra lederen" in page


def test_the_rhythm_gives_the_next_date(world, login):
    client = login(world.chef)
    client.post(
        reverse("dialogue:rhythm", args=[world.dialogue.pk]),
        {"rhythm": "every_n_weeks", "rhythm_weeks": 2, "rhythm_starts": "2026-01-05"},
    )
    world.dialogue.refresh_from_db()
    assert world.dialogue.next_date(date(2026, 1, 6)) == date(2026, 1, 19)


def test_the_print_page_and_pdf_are_the_owners_agreement(world, login):
    client = login(world.leader)
    page = client.get(
        reverse("dialogue:agreement_print", args=[world.agreement.pk])
    ).content.decode()
    assert "Aftale med dig selv og med nærmeste leder" in page
    assert world.agreement.goals in page and world.item.text in page
    assert "Vi mødes hver 14. dag" in page
    response = client.get(reverse("dialogue:agreement_pdf", args=[world.agreement.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_managers_list_keeps_its_query_count_from_2_to_20_leaders(world, login):
    client = login(world.chef)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("dialogue:my_leaders")).status_code == 200
        return len(context.captured_queries)

    assert world.chef.reports.count() == 2
    two = queries()
    for n in range(18):
        leader = PersonFactory(
            organisation=world.organisation,
            manager=world.chef,
            roles=[Role.LEADER_OF_EMPLOYEES],
            email=f"l{n}@test.example",
        )
        dialogue = services.dialogue_begin(leader=leader)
        services.meeting_add(dialogue=dialogue, on=date(2026, 10, 1), by=world.chef)
    assert world.chef.reports.count() == 20
    assert queries() == two


def _new_report(world):
    return PersonFactory(
        organisation=world.organisation,
        manager=world.chef,
        roles=[Role.LEADER_OF_EMPLOYEES],
        email="ny.leder@test.example",
    )


def test_opening_step_3_writes_nothing_until_the_leader_saves(world, client):
    from dialogue.models import Dialogue

    leader = _new_report(world)
    client.force_login(leader)
    page = client.get(reverse("dialogue:conversation"))
    assert page.status_code == 200
    assert reverse("dialogue:autosave_conversation", args=["points"]) in page.content.decode()
    assert not Dialogue.objects.filter(leader=leader).exists()

    saved = client.post(
        reverse("dialogue:autosave_conversation", args=["points"]),
        {"text": "To punkter", "version": 0},
    )
    assert saved.status_code == 302
    dialogue = Dialogue.objects.get(leader=leader)
    assert (dialogue.manager, dialogue.points) == (world.chef, "To punkter")
    # From now on the page autosaves to the dialogue itself.
    page = client.get(reverse("dialogue:conversation")).content.decode()
    assert reverse("dialogue:autosave_dialogue", args=[dialogue.pk, "points"]) in page


def test_a_manager_begins_the_dialogue_with_a_post(world, client):
    from dialogue.models import Dialogue

    leader = _new_report(world)
    client.force_login(world.chef)
    page = client.get(reverse("dialogue:with", args=[leader.pk]))
    assert page.status_code == 200
    assert reverse("dialogue:begin_with", args=[leader.pk]) in page.content.decode()
    assert not Dialogue.objects.filter(leader=leader).exists()

    begun = client.post(reverse("dialogue:begin_with", args=[leader.pk]))
    dialogue = Dialogue.objects.get(leader=leader, manager=world.chef)
    assert begun["Location"] == reverse("dialogue:detail", args=[dialogue.pk])
    # Begun twice (two tabs) is still one dialogue.
    client.post(reverse("dialogue:begin_with", args=[leader.pk]))
    assert Dialogue.objects.filter(leader=leader).count() == 1
    assert client.get(reverse("dialogue:with", args=[leader.pk]))["Location"] == begun["Location"]


def test_an_overdue_item_is_marked_and_the_tick_history_has_dates(world, login):
    from datetime import timedelta

    from django.utils import timezone

    services.item_add(
        agreement=world.agreement,
        text="Booke samtale med HR",
        cadence="on_date",
        due_date=timezone.localdate() - timedelta(days=2),
    )
    page = (
        login(world.leader)
        .get(reverse("dialogue:agreement_detail", args=[world.agreement.pk]))
        .content.decode()
    )
    assert '<strong class="overdue">Forfalden</strong>' in page
    assert page.count('<strong class="overdue">') == 1  # the daily item is not overdue
    assert 'class="tick-date" aria-hidden="true">' in page


def test_the_manager_reads_the_leaders_answer_to_the_question_not_a_question_to_them(world, login):
    page = login(world.chef).get(reverse("dialogue:detail", args=[world.dialogue.pk]))
    assert "Svar fra Leder på:" in page.content.decode()
    own = login(world.leader).get(reverse("dialogue:detail", args=[world.dialogue.pk]))
    assert "Svar fra" not in own.content.decode()


def test_a_new_leader_is_shown_the_first_steps_of_tool_1_on_home(world, login):
    """Issue 23: a new leader is told where to start, and the list goes when done."""
    newcomer = PersonFactory(
        organisation=world.organisation,
        email="ny.leder@test.example",
        manager=world.chef,
        roles=[Role.LEADER_OF_EMPLOYEES],
    )

    def first_steps_on_home() -> str:
        page = login(newcomer).get(reverse("home")).content.decode()
        return (
            page.split('id="start-heading"')[1].split("</section>")[0]
            if ('id="start-heading"' in page)
            else ""
        )

    shown = first_steps_on_home()
    guide, agreement = reverse("dialogue:guide"), reverse("dialogue:agreement")
    assert (
        shown.index(guide) < shown.index(agreement) < shown.index(reverse("dialogue:conversation"))
    )
    note = services.interview_note_for(owner=newcomer, key="1.1")
    note.text = "Mine første tanker"
    note.save()
    shown = first_steps_on_home()
    assert guide not in shown and "gjort" in shown and agreement in shown
    # The world's leader has taken every step: no list.
    assert all(step.done for step in selectors.first_steps(leader=world.leader))
    assert 'id="start-heading"' not in login(world.leader).get(reverse("home")).content.decode()


def test_a_year_of_ticks_is_not_read_again_on_every_visit(world, login, monkeypatch):
    """Mit overblik shows whether today (this week) is kept: only each item's newest
    tick can say so, and only it is decrypted, however long the leader has ticked."""
    from datetime import timedelta

    from core import overview
    from encrypted import keys

    today = timezone.localdate()
    world.item.cadence = "daily"
    world.item.save()
    Tick.objects.bulk_create(
        Tick(item=world.item, period=today - timedelta(days=days), kept=days % 2 == 0)
        for days in range(365, 0, -1)
    )
    decrypted = []
    real_decrypt = keys.decrypt
    monkeypatch.setattr(keys, "decrypt", lambda token: decrypted.append(1) or real_decrypt(token))
    entry = next(e for e in overview.agreements_for(world.leader, today) if e.pk == world.item.pk)
    assert entry.tickable and entry.kept_now is None  # yesterday's tick is not today's
    assert len(decrypted) < 50

    services.item_tick(item=world.item, kept=True, today=today)
    entry = next(e for e in overview.agreements_for(world.leader, today) if e.pk == world.item.pk)
    assert entry.kept_now is True
    # Ticking the same way again clears today's tick and leaves the year alone.
    services.item_tick(item=world.item, kept=True, today=today)
    assert Tick.objects.filter(item=world.item).count() == 365
