"""Tool 3: the plan for leader well-being, from the first theme to the group's feedback."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import EscalationStatus
from organisations.models import Person, Role, RoleAssignment
from plans import scope, selectors, services
from plans.models import (
    ActionCard,
    FeedbackRequest,
    Plan,
    PlanResponse,
    PlanTheme,
    PlanVersion,
    PublishedVersionError,
    RatingMode,
    Step,
)
from prioritymap.model import Rated
from tests.conftest import PRIVATE_PLAN_RATING
from tests.factories import plan_open_to_raters


def new_plan(world, **fields) -> Plan:
    defaults = {"title": "Ny plan", "unit": None, "rating_mode": RatingMode.TEAM, "anonymity_k": 5}
    return services.plan_create(
        organisation=world.organisation, by=world.hr, team=[world.top], **{**defaults, **fields}
    )


def test_a_new_plan_has_the_12_themes_and_its_creator_on_the_team(world, login):
    client = login(world.hr)
    response = client.post(
        reverse("plans:create"),
        {"title": "Plan 2028", "unit": "", "rating_mode": "team", "anonymity_k": "5"},
    )
    plan = Plan.objects.get(title="Plan 2028")
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert list(plan.team.all()) == [world.hr]
    assert [t.number for t in plan.themes.order_by("position")] == list(range(1, 13))
    assert plan.step == Step.PRIORITISE


def test_k_is_never_below_3_and_the_message_is_danish(world, login):
    response = login(world.hr).post(
        reverse("plans:create"),
        {"title": "Plan", "unit": "", "rating_mode": "leaders", "anonymity_k": "2"},
    )
    assert response.status_code == 400
    assert "Mindst 3: det er organisationens grænse" in response.content.decode()
    assert not Plan.objects.filter(title="Plan").exists()


def test_a_leader_of_leaders_plans_only_for_their_own_part(world, login):
    client = login(world.chef)
    whole = client.post(
        reverse("plans:create"),
        {"title": "Hele kommunen", "unit": "", "rating_mode": "team", "anonymity_k": "5"},
    )
    assert whole.status_code == 400
    other = world.organisation.units.create(name="Børn og Unge")
    outside = client.post(
        reverse("plans:create"),
        {"title": "Andres", "unit": other.pk, "rating_mode": "team", "anonymity_k": "5"},
    )
    assert outside.status_code == 400
    own = client.post(
        reverse("plans:create"),
        {
            "title": "Hjemmeplejen",
            "unit": world.sub_unit.pk,
            "rating_mode": "team",
            "anonymity_k": 5,
        },
    )
    assert own.status_code == 302


def test_a_unit_plan_covers_the_units_below_it_and_nobody_else(world):
    plan = new_plan(world, unit=world.sub_unit)
    assert set(scope.leaders(plan)) == {world.leader, world.colleague}
    assert not scope.covers(plan, world.chef)
    assert list(scope.groups(plan)) == []
    whole = new_plan(world, unit=world.unit)
    assert set(scope.leaders(whole)) == {world.chef, world.leader, world.colleague}
    assert list(scope.groups(whole)) == [world.group]


def test_the_team_chooses_3_to_5_themes_with_a_clear_message(world, login):
    plan = new_plan(world)
    client = login(world.hr)
    themes = list(plan.themes.order_by("position").values_list("pk", flat=True))
    for count in (2, 6):
        response = client.post(reverse("plans:choose", args=[plan.pk]), {"chosen": themes[:count]})
        assert response.status_code == 400
        assert f"Vælg mellem 3 og 5 temaer. Du har valgt {count}." in response.content.decode()
    plan.refresh_from_db()
    assert plan.step == Step.PRIORITISE
    response = client.post(reverse("plans:choose", args=[plan.pk]), {"chosen": themes[:4]})
    assert response.url == reverse("plans:qualify", args=[plan.pk])
    assert plan.themes.filter(chosen=True).count() == 4
    plan.refresh_from_db()
    assert plan.step == Step.QUALIFY


def test_the_team_rates_together_and_the_map_follows(world, login):
    plan = new_plan(world)
    client = login(world.top)
    five = plan.themes.get(number=5)
    response = client.post(
        reverse("plans:prioritise", args=[plan.pk]),
        {f"i{five.pk}": "1", f"s{five.pk}": "-1", f"i{plan.themes.get(number=1).pk}": "0"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "<svg" in page and "Gemt kl." in page
    five.refresh_from_db()
    assert (five.importance, five.success) == (1, -1)
    assert selectors.plan_map(plan=plan).map.positions[five.pk].field == 1


def test_own_themes_are_numbered_and_can_be_deleted(world, login):
    plan = new_plan(world)
    client = login(world.hr)
    client.post(
        reverse("plans:own_theme_add", args=[plan.pk]),
        {"own-title": "Lederes arbejdstid", "own-source": "lederAPV 2026"},
    )
    theme = plan.themes.get(number__isnull=True)
    assert (theme.label, theme.source) == ("E1", "lederAPV 2026")
    empty = client.post(reverse("plans:own_theme_add", args=[plan.pk]), {"own-title": " "})
    assert empty.status_code == 400
    client.post(reverse("plans:theme_delete", args=[theme.pk]))
    assert not plan.themes.filter(pk=theme.pk).exists()
    brochure = plan.themes.get(number=1)
    client.post(reverse("plans:theme_delete", args=[brochure.pk]))
    assert plan.themes.filter(pk=brochure.pk).exists()


def test_escalations_are_candidates_and_a_decline_needs_a_reason_the_group_leader_sees(
    world, login
):
    plan = new_plan(world)
    client = login(world.hr)
    page = client.get(reverse("plans:prioritise", args=[plan.pk])).content.decode()
    assert "For mange samtidige projekter" in page
    url = reverse("plans:escalation_decide", args=[plan.pk, world.escalation.pk])
    response = client.post(url, {"decision": "declined", "reason": ""})
    assert response.status_code == 400
    assert "Skriv en begrundelse" in response.content.decode()
    client.post(url, {"decision": "declined", "reason": "Det hører til budgetforhandlingen"})
    world.escalation.refresh_from_db()
    assert world.escalation.status == EscalationStatus.DECLINED
    for page_name in ("groups:group_detail", "groups:round_meeting"):
        pk = world.group.pk if page_name == "groups:group_detail" else world.round.pk
        seen = login(world.chef).get(reverse(page_name, args=[pk])).content.decode()
        assert "Det hører til budgetforhandlingen" in seen
    # Decided once: it is no longer a candidate, in this plan or another.
    assert selectors.escalations_undecided(plan=new_plan(world)) == []
    again = login(world.hr).post(url, {"decision": "accepted"})
    assert again.status_code == 302
    assert world.escalation.decision.decision == "declined"


def test_waiting_escalations_lead_from_home_and_the_plan_to_their_decision(world, login):
    """Issue 23: every plan-team member (MED too) sees the waiting escalations under
    "Det venter på dig", and home and the plan page lead to the decision form itself."""
    decision_form = reverse("plans:prioritise", args=[world.plan.pk]) + "#eskaleringer"
    med = login(world.med)
    home = med.get(reverse("home")).content.decode()
    assert "Intet venter på dig" not in home
    assert f'href="{decision_form}">Tag stilling til 1 eskalering' in home
    plan_page = med.get(reverse("plans:detail", args=[world.plan.pk])).content.decode()
    assert "1 eskalering fra ledelsesgrupperne venter på jeres beslutning" in plan_page
    assert f'href="{decision_form}"' in plan_page
    form_page = med.get(decision_form).content.decode()
    assert reverse("plans:escalation_decide", args=[world.plan.pk, world.escalation.pk]) in (
        form_page
    )


def test_the_plan_teams_concerned_are_told_at_once_of_a_new_escalation(
    world, login, django_capture_on_commit_callbacks, mailoutbox
):
    """Issue 23: the group leader sends a theme on; every member of each plan team whose
    plan covers the group gets one mail (not the theme's words) leading to the decision."""
    other_unit = world.unit.__class__.objects.create(
        organisation=world.organisation, name="Et andet sted"
    )
    elsewhere = new_plan(world, title="Plan et andet sted", unit=other_unit)
    elsewhere.team.add(world.chef)
    with django_capture_on_commit_callbacks(execute=True):
        login(world.chef).post(
            reverse("groups:round_escalation_add", args=[world.round.pk]),
            {"escalation-title": "Hemmeligt tema", "escalation-description": "Detaljer"},
        )
    told = sorted(m.to[0] for m in mailoutbox)
    team = sorted({p.email for p in world.plan.team.all() if p.is_active})
    assert told == team and world.chef.email not in told
    mail = mailoutbox[0]
    assert world.group.name in mail.subject
    assert reverse("plans:prioritise", args=[world.plan.pk]) + "#eskaleringer" in mail.body
    assert "Hemmeligt tema" not in mail.body and "Detaljer" not in mail.body


def test_an_accepted_escalation_becomes_a_theme(world, login):
    plan = new_plan(world)
    login(world.hr).post(
        reverse("plans:escalation_decide", args=[plan.pk, world.escalation.pk]),
        {"decision": "accepted"},
    )
    theme = plan.themes.get(escalation=world.escalation)
    assert theme.title == "For mange samtidige projekter"
    assert theme.source == "Eskalering fra Ledergruppen"
    world.escalation.refresh_from_db()
    assert world.escalation.status == EscalationStatus.ACCEPTED


def submit(plan, person, importance=1, success=-1):
    response = services.response_get_or_create(plan=plan, person=person)
    ratings = {t.pk: Rated(importance=importance, success=success) for t in plan.themes.all()}
    services.response_save(response=response, ratings=ratings)
    services.response_submit(response=response)


def test_leaders_ratings_are_private_and_the_map_waits_for_k(world, login):
    plan, extra = plan_open_to_raters(world, 5, prefix="l")
    assert plan.anonymity_k == 5
    first = plan.themes.order_by("position").first()
    services.response_save(
        response=services.response_get_or_create(plan=plan, person=world.leader),
        ratings={first.pk: Rated(**PRIVATE_PLAN_RATING)},
    )
    team = login(world.hr)
    page = team.get(reverse("plans:prioritise", args=[plan.pk])).content.decode()
    assert "Kortet over ledernes svar laves én gang, når planteamet lukker vurderingen" in page
    assert "Indtil nu har 0 svaret." in page
    assert "<svg" not in page
    for person in extra[:4]:
        submit(plan, person)
    assert not selectors.plan_map(plan=plan).shown
    submit(plan, extra[4])
    # Still no map while leaders may answer: the team cannot watch it change (path 5).
    page = team.get(reverse("plans:prioritise", args=[plan.pk])).content.decode()
    assert "<svg" not in page and "Indtil nu har 5 svaret." in page
    team.post(reverse("plans:rating_close", args=[plan.pk]))
    page = team.get(reverse("plans:prioritise", args=[plan.pk])).content.decode()
    assert "<svg" in page and "Kortet bygger på 5 lederes svar." in page
    # The leader's own (unsubmitted) answer is theirs alone: on their page, nowhere else.
    own = login(world.leader).get(reverse("plans:rate", args=[plan.pk])).content.decode()
    assert f'id="i{first.pk}-low" value="-1" checked' in own
    other = login(world.chef).get(reverse("plans:rate", args=[plan.pk])).content.decode()
    assert f'id="i{first.pk}-low" value="-1" checked' not in other
    assert PRIVATE_PLAN_RATING["importance"] == -1


def test_a_theme_added_while_leaders_rate_never_shows_fewer_than_k_answers(world, login):
    """Issue 22, path 3: the team adds a theme of its own while leaders rate; only those
    who answer afterwards rate it. The list is frozen while the rating is open, and a
    theme that gets in anyway (an escalation accepted meanwhile) stays off the map until
    k complete answers rated it."""
    plan, (*early, late) = plan_open_to_raters(world, 4, prefix="tidlig", anonymity_k=3)
    team = login(world.hr)
    refused = team.post(
        reverse("plans:own_theme_add", args=[plan.pk]),
        {"own-title": "Jeg overvejer at sige op"},
        follow=True,
    )
    assert "Lederne er i gang med at vurdere temaerne" in refused.content.decode()
    assert not plan.themes.filter(number__isnull=True).exists()
    # Nor does a theme leaders are rating disappear (the world's plan is open too).
    gone = team.post(reverse("plans:theme_delete", args=[world.own_theme.pk]), follow=True)
    assert "I kan slette jeres egne temaer, når vurderingen er lukket" in gone.content.decode()
    assert world.plan.themes.filter(pk=world.own_theme.pk).exists()
    for person in early:
        submit(plan, person)
    team.post(
        reverse("plans:escalation_decide", args=[plan.pk, world.escalation.pk]),
        {"decision": "accepted"},
    )
    late_theme = plan.themes.get(escalation=world.escalation)
    submit(plan, late, importance=1, success=-1)
    team.post(reverse("plans:rating_close", args=[plan.pk]))
    plan.refresh_from_db()
    shown = selectors.plan_map(plan=plan)
    assert shown.shown and shown.answered == 4
    assert late_theme.pk not in shown.map.positions
    assert plan.themes.get(number=1).pk in shown.map.positions


def test_a_leader_submits_only_when_every_theme_is_rated(world, login):
    client = login(world.leader)
    url = reverse("plans:rate", args=[world.plan.pk])
    response = client.post(url, {"done": "1"})
    assert response.status_code == 400
    assert "Vurder alle temaer på begge skalaer" in response.content.decode()
    data = {"done": "1"}
    for theme in world.plan.themes.all():
        data |= {f"i{theme.pk}": "1", f"s{theme.pk}": "0"}
    assert client.post(url, data).status_code == 302
    assert PlanResponse.objects.get(plan=world.plan, person=world.leader).submitted_at


def test_inviting_leaders_mails_each_in_their_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    plan = new_plan(world, rating_mode=RatingMode.LEADERS, unit=world.unit)
    world.colleague.language = "en"
    world.colleague.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.plan_rating_open(plan=plan) == 3
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {world.chef.email, world.leader.email, world.colleague.email}
    assert by_address[world.leader.email].subject.startswith("Vurder temaerne")
    assert by_address[world.colleague.email].subject.startswith("Rate the themes")
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_rating_open(plan=plan)
    assert len(mailoutbox) == 3


def test_qualifying_a_theme_and_reusing_an_offer(world, login):
    client = login(world.med)
    chosen = list(selectors.chosen_themes(plan=world.plan))
    for theme in chosen[:2]:
        response = client.post(
            reverse("plans:theme_qualify", args=[theme.pk]),
            {f"t{theme.pk}-q_success": "Delvist", f"t{theme.pk}-offers": [world.offer.pk]},
        )
        assert response.status_code == 302
    assert world.offer.themes.count() == 2
    page = client.get(reverse("plans:qualify", args=[world.plan.pk])).content.decode()
    assert "I hvor høj grad lykkes vi med temaet?" in page and "Delvist" in page
    bad = client.post(
        reverse("plans:offer_add", args=[world.plan.pk]),
        {"offer-name": "Sparring", "offer-url": "ikke et link"},
    )
    assert bad.status_code == 400 and "Indtast en gyldig URL." in bad.content.decode()
    # Saved as the team writes (issue 23): only the quiet status comes back.
    theme = chosen[2]
    answer = client.post(
        reverse("plans:theme_qualify", args=[theme.pk]),
        {f"t{theme.pk}-q_improve": "Mentorer til alle nye"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Alt er gemt kl." in answer and "<html" not in answer
    theme.refresh_from_db()
    assert theme.q_improve == "Mentorer til alle nye"


def test_an_action_card_needs_a_goal_and_someone_responsible_and_keeps_its_tasks(world, login):
    client = login(world.hr)
    theme = world.plan_theme
    url = reverse("plans:card_edit", args=[theme.pk])
    page = client.get(url).content.decode()
    assert "Hvordan modtager vi nye ledere?" in page and "Aktiveres ved rekruttering" in page
    form = {
        "tasks-TOTAL_FORMS": "2",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "30",
        "where": "Ved nye ledere",
        "goal": "",
        "responsible": "",
        "tasks-0-who": "HR",
        "tasks-0-text": "Laver tjeklisten",
        "tasks-0-due_date": "2027-02-01",
    }
    response = client.post(url, form)
    assert response.status_code == 400
    assert "Skriv, hvad målet er." in response.content.decode()
    assert "Laver tjeklisten" in response.content.decode()  # nothing typed is lost
    form |= {"goal": "Nye ledere er klædt på", "responsible": "Nærmeste leder"}
    assert client.post(url, form).status_code == 302
    card = ActionCard.objects.get(theme=theme)
    assert [(t.who, t.text, str(t.due_date)) for t in card.tasks.all()] == [
        ("HR", "Laver tjeklisten", "2027-02-01")
    ]
    assert card.tasks.get().cadence == "on_date"
    # A task changed, one added, and then one deleted: the formset says which to the service.
    task = card.tasks.get()
    form |= {
        "tasks-INITIAL_FORMS": "1",
        "tasks-0-id": str(task.pk),
        "tasks-0-card": str(card.pk),
        "tasks-0-text": "Laver og sender tjeklisten",
        "tasks-1-who": "Chefen",
        "tasks-1-text": "Tager imod",
    }
    assert client.post(url, form).status_code == 302
    assert sorted((t.who, t.text) for t in card.tasks.all()) == [
        ("Chefen", "Tager imod"),
        ("HR", "Laver og sender tjeklisten"),
    ]
    added = card.tasks.get(who="Chefen")
    form |= {
        "tasks-TOTAL_FORMS": "2",
        "tasks-INITIAL_FORMS": "2",
        "tasks-0-DELETE": "on",
        "tasks-1-id": str(added.pk),
        "tasks-1-card": str(card.pk),
    }
    assert client.post(url, form).status_code == 302
    assert [(t.who, t.text) for t in card.tasks.all()] == [("Chefen", "Tager imod")]


def test_publishing_makes_a_numbered_version_that_never_changes(
    world, login, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(world.top)
    assert world.version.number == 1
    card = ActionCard.objects.get(theme=world.plan_theme)
    card.goal = "Et nyt mål efter udgivelsen"
    card.save()
    page = client.get(reverse("plans:version", args=[world.plan.pk, 1])).content.decode()
    assert "Et nyt mål efter udgivelsen" not in page and "Et mål" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:publish", args=[world.plan.pk]))
    second = world.plan.versions.get(number=2)
    assert second.content["themes"][0]["card"]["goal"] == "Et nyt mål efter udgivelsen"
    assert {m.to[0] for m in mailoutbox} == {
        p.email for p in (world.top, world.chef, world.leader, world.colleague)
    }
    assert FeedbackRequest.objects.filter(version=second, group=world.group).exists()
    first = PlanVersion.objects.get(pk=world.version.pk)
    first.content = {}
    with pytest.raises(PublishedVersionError):
        first.save()
    with pytest.raises(PublishedVersionError):
        first.delete()


def test_publishing_refuses_an_incomplete_card_with_a_clear_message(world, login):
    client = login(world.hr)
    ActionCard.objects.filter(theme=world.plan_theme).update(responsible="")
    response = client.post(reverse("plans:publish", args=[world.plan.pk]), follow=True)
    assert "mangler et mål og en ansvarlig" in response.content.decode()
    assert world.plan.versions.count() == 1


def test_the_published_plan_is_read_by_leaders_in_scope_and_printed(world, login):
    page = login(world.leader).get(reverse("plans:home")).content.decode()
    assert reverse("plans:version", args=[world.plan.pk, 1]) in page
    pdf = login(world.leader).get(reverse("plans:version_pdf", args=[world.plan.pk, 1]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    printed = login(world.leader).get(reverse("plans:version_print", args=[world.plan.pk, 1]))
    assert "Hvordan modtager vi nye ledere?" in printed.content.decode()


def test_the_intranet_link_has_no_login_no_names_and_can_be_revoked(world, client, login):
    url = reverse("plans:public", args=[world.public_link.token])
    assert len(world.public_link.token) >= 40
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hvordan modtager vi nye ledere?" in page and "Nærmeste leder" in page
    for person in (world.top, world.hr, world.med, world.chef, world.leader):
        assert person.name not in page and person.email not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(reverse("plans:public", args=["gaet-et-token"])).status_code == 404
    login(world.med).post(reverse("plans:link_revoke", args=[world.public_link.pk]))
    client.logout()
    assert client.get(url).status_code == 404


def test_a_group_leader_reports_back_and_the_team_sees_it(world, login):
    chef = login(world.chef)
    home = chef.get(reverse("plans:home")).content.decode()
    assert reverse("plans:feedback", args=[world.feedback_request.pk]) in home
    url = reverse("plans:feedback", args=[world.feedback_request.pk])
    empty = chef.post(url, {"answer": ""})
    assert empty.status_code == 400 and "Skriv kort" in empty.content.decode()
    chef.post(url, {"answer": "Vi har sparring på hvert ledermøde"})
    page = login(world.hr).get(reverse("plans:detail", args=[world.plan.pk])).content.decode()
    assert "Vi har sparring på hvert ledermøde" in page
    assert "1 af 1 ledelsesgrupper har meldt tilbage" in page


def test_only_the_team_changes_the_team_and_a_plan_keeps_one_member(world, login):
    client = login(world.hr)
    url = reverse("plans:team", args=[world.plan.pk])
    client.post(url, {"person": world.leader.email})
    assert world.plan.team.filter(pk=world.leader.pk).exists()
    client.post(url, {"person": world.outsider.email})
    assert not world.plan.team.filter(pk=world.outsider.pk).exists()
    plan = new_plan(world)
    plan.team.remove(world.top)
    client.post(reverse("plans:team", args=[plan.pk]), {"remove": world.hr.pk})
    assert list(plan.team.all()) == [world.hr]


def add_leaders(world, count: int, plan: Plan) -> None:
    people = Person.objects.bulk_create(
        Person(
            email=f"stor{n}@test.example",
            name=f"Stor Leder {n}",
            organisation=world.organisation,
            unit=world.sub_unit,
            manager=world.chef,
            vouched_at=timezone.now(),
        )
        for n in range(count)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(person=p, role=Role.LEADER_OF_EMPLOYEES) for p in people
    )
    themes = list(plan.themes.all())
    responses = []
    for i, person in enumerate(people):
        response = PlanResponse(plan=plan, person=person, submitted_at=timezone.now())
        response.set_given({t.pk: Rated(importance=(i % 3) - 1, success=i % 2) for t in themes})
        responses.append(response)
    PlanResponse.objects.bulk_create(responses)


PAGES = [
    ("hr", "plans:detail", lambda w: [w.plan.pk]),
    ("hr", "plans:prioritise", lambda w: [w.plan.pk]),
    ("hr", "plans:qualify", lambda w: [w.plan.pk]),
    ("hr", "plans:cards", lambda w: [w.plan.pk]),
    ("hr", "plans:publish", lambda w: [w.plan.pk]),
    ("leader", "plans:rate", lambda w: [w.plan.pk]),
    ("leader", "plans:version", lambda w: [w.plan.pk, 1]),
    ("leader", "plans:home", lambda w: []),
    ("chef", "plans:feedback", lambda w: [w.feedback_request.pk]),
    (None, "plans:public", lambda w: [w.public_link.token]),
]


def test_plan_pages_use_as_many_queries_for_1000_leaders_as_for_10(world, client):
    base = scope.leaders(world.plan).count()  # top, chef, leader, colleague
    add_leaders(world, 10 - base, world.plan)

    def counts() -> list[int]:
        result = []
        for actor, name, args in PAGES:
            if actor:
                client.force_login(getattr(world, actor))
            else:
                client.logout()
            with CaptureQueriesContext(connection) as context:
                response = client.get(reverse(name, args=args(world)))
            assert response.status_code == 200, name
            result.append(len(context.captured_queries))
        return result

    small = counts()
    Person.objects.filter(email__startswith="stor").delete()
    add_leaders(world, 1000 - base, world.plan)
    assert scope.leaders(world.plan).count() == 1000
    assert counts() == small
    # The map is made once, when the team closes the rating, and then read as stored.
    services.plan_rating_close(plan=world.plan)
    client.force_login(world.hr)
    assert "<svg" in client.get(reverse("plans:prioritise", args=[world.plan.pk])).content.decode()


def test_brochure_themes_read_in_the_readers_language(world, login):
    world.leader.language = "en"
    world.leader.save()
    client = login(world.leader)
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("plans:version", args=[world.plan.pk, 1])).content.decode()
    assert "How do we welcome new leaders?" in page


def test_a_theme_not_chosen_gets_no_card(world, login):
    theme = PlanTheme.objects.filter(plan=world.plan, chosen=False, number__isnull=False).first()
    response = login(world.hr).get(reverse("plans:card_edit", args=[theme.pk]))
    assert response.status_code == 302
    assert not ActionCard.objects.filter(theme=theme).exists()


def test_the_home_page_shows_a_rating_to_give_and_a_plan_to_report_back_on(world, login):
    # The world's plan is published: nobody is asked to rate it any more.
    leader_home = login(world.leader).get(reverse("home")).content.decode()
    assert reverse("plans:rate", args=[world.plan.pk]) not in leader_home
    plan = new_plan(world, title="Åben vurdering", rating_mode=RatingMode.LEADERS)
    services.plan_rating_open(plan=plan)
    leader_home = login(world.leader).get(reverse("home")).content.decode()
    assert reverse("plans:rate", args=[plan.pk]) in leader_home
    chef_home = login(world.chef).get(reverse("home")).content.decode()
    assert reverse("plans:feedback", args=[world.feedback_request.pk]) in chef_home
    submit(plan, world.leader)
    services.feedback_answer(
        feedback_request=world.feedback_request, by=world.chef, answer="Vi bruger den"
    )
    assert (
        reverse("plans:rate", args=[plan.pk])
        not in login(world.leader).get(reverse("home")).content.decode()
    )
    assert (
        reverse("plans:feedback", args=[world.feedback_request.pk])
        not in login(world.chef).get(reverse("home")).content.decode()
    )


def test_a_leader_sees_what_they_rated_and_what_happens_next(world, login):
    plan = new_plan(world, title="Plan med ledernes svar", rating_mode=RatingMode.LEADERS)
    services.plan_rating_open(plan=plan)
    client = login(world.colleague)
    home = client.get(reverse("plans:home")).content.decode()
    assert "Giv din vurdering af temaerne til „Plan med ledernes svar“" in home
    submit(plan, world.colleague)
    home = client.get(reverse("plans:home")).content.decode()
    assert "Giv din vurdering af temaerne til „Plan med ledernes svar“" not in home
    assert "„Plan med ledernes svar“: du svarede" in home
    assert reverse("plans:rate", args=[plan.pk]) in home
    # Once the team closes the rating, nobody is asked any more, and the text says so.
    services.plan_rating_close(plan=plan)
    home = client.get(reverse("plans:home")).content.decode()
    assert "Planteamet har lukket vurderingen" in home
    other = login(world.chef).get(reverse("plans:home")).content.decode()
    assert "Plan med ledernes svar“</a>" not in other


def test_an_intranet_link_needs_a_published_version(world, login):
    plan = new_plan(world, title="Ikke udgivet")
    client = login(world.hr)
    response = client.post(reverse("plans:link_create", args=[plan.pk]), follow=True)
    assert "Udgiv planen, før I laver et link til intranettet." in response.content.decode()
    assert not plan.links.exists()
    with pytest.raises(services.PlanError):
        services.public_link_create(plan=plan, by=world.hr)


def test_home_and_plans_pages_keep_their_query_count_as_plans_grow(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from plans.models import PlanVersion, RatingMode

    readers = [world.leader, world.chef, world.top, world.hr]

    def counts() -> list[int]:
        found = []
        for person in readers:
            client = login(person)
            for name in ("home", "plans:home"):
                with CaptureQueriesContext(connection) as context:
                    assert client.get(reverse(name)).status_code == 200
                found.append(len(context.captured_queries))
        return found

    before = counts()
    for n in range(6):
        plan = services.plan_create(
            organisation=world.organisation,
            by=world.top,
            title=f"Plan {n}",
            rating_mode=RatingMode.LEADERS,
            unit=world.unit if n % 2 else None,
        )
        services.plan_rating_open(plan=plan)
        if n % 3 == 0:
            PlanVersion.objects.create(
                plan=plan,
                number=1,
                content=world.version.content,
                method_version=plan.method_version,
                published_at=timezone.now(),
            )
    assert counts() == before


def test_the_plan_page_says_the_next_step_and_how_far_the_step_has_come(world, login):
    """Issue 23: the plan page leads with one next action, its consequence and progress;
    while leaders still rate, closing the rating comes first, whatever the step."""
    client = login(world.hr)
    page = client.get(reverse("plans:detail", args=[world.plan.pk])).content.decode()
    # The world's plan was published while its rating was still open.
    assert "Luk vurderingen og lav kortet" in page
    assert '<progress id="plan-progress"' in page and "Ledere, der har svaret: 0 af 4" in page
    plan = new_plan(world, rating_mode=RatingMode.LEADERS)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Bed lederne om at vurdere temaerne" in page and 'aria-current="step"' in page
    team_plan = new_plan(world, title="Teamets plan")
    page = client.get(reverse("plans:detail", args=[team_plan.pk])).content.decode()
    assert "Temaer vurderet: 0 af 12" in page
    themes = list(team_plan.themes.order_by("position"))
    services.plan_choose(plan=team_plan, theme_ids=[t.pk for t in themes[:3]])
    page = client.get(reverse("plans:detail", args=[team_plan.pk])).content.decode()
    assert "Kvalificer de valgte temaer" in page and "Temaer kvalificeret: 0 af 3" in page


def test_the_plan_team_reminds_the_leaders_who_have_not_rated_once_a_day(world, login, mailoutbox):
    """Issue 23: nobody was reminded to rate. The team sends one reminder a day to the
    invited leaders who have not answered; the mail says nothing about anyone's answer."""
    client = login(world.hr)
    page = client.get(reverse("plans:prioritise", args=[world.plan.pk])).content.decode()
    assert reverse("plans:rating_remind", args=[world.plan.pk]) in page
    response = client.post(reverse("plans:rating_remind", args=[world.plan.pk]), follow=True)
    waiting = {
        r.person.email
        for r in world.plan.responses.filter(submitted_at__isnull=True).select_related("person")
        if r.person.is_active and r.person != world.hr
    }
    assert waiting and {m.to[0] for m in mailoutbox} == waiting
    assert "Påmindelsen er sendt" in response.content.decode()
    assert reverse("plans:rate", args=[world.plan.pk]) in mailoutbox[0].body
    count = len(mailoutbox)
    again = client.post(reverse("plans:rating_remind", args=[world.plan.pk]), follow=True)
    assert len(mailoutbox) == count
    assert "Der er ingen at minde om i dag" in again.content.decode()
