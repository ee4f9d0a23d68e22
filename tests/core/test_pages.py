import pytest
from django.urls import reverse
from django.utils import translation

from organisations.models import Role
from tests.factories import PersonFactory


def test_the_ui_is_danish_by_default_even_for_an_english_browser(world, client):
    response = client.get("/log-ind/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="da">' in page
    assert "Log ind" in page


def test_a_person_chooses_english_and_keeps_it(world, login):
    client = login(world.leader)
    response = client.post("/sprog/", {"language": "en", "next": "/metoden/"})
    assert response.status_code == 302
    assert response.url == "/metoden/"
    world.leader.refresh_from_db()
    assert world.leader.language == "en"
    page = client.get("/vaerktoej/1/").content.decode()
    assert '<html lang="en">' in page
    assert "Strengthen your dialogue with your nearest manager" in page
    translation.activate("da")


def test_language_switch_does_not_redirect_off_site(world, login):
    client = login(world.leader)
    response = client.post("/sprog/", {"language": "en", "next": "https://evil.example/"})
    assert response.url == "/"


@pytest.mark.parametrize(
    ("actor", "expected", "absent"),
    [
        (
            "leader",
            ["Din rolle: Ledere af medarbejdere", "Sæt struktur på din egen dialog"],
            ["Gå til organisationen"],
        ),
        (
            "chef",
            ["Din rolle: Ledere af ledere", "Brug værktøj 2 til at afstemme forventninger"],
            ["Gå til organisationen"],
        ),
        ("top", ["Din rolle: Topledelsen", "Anvend værktøjet i topledelsesgruppen"], []),
        (
            "hr",
            [
                "Din rolle: HR og interne konsulenter",
                "Rådgiv ledere i at anvende værktøj 1",
                "Gå til organisationen",
            ],
            [],
        ),
        (
            "med",
            ["Din rolle: MED eller SU &amp; AMO", "Foreslå og bak op om"],
            ["Gå til organisationen"],
        ),
    ],
)
def test_home_page_shows_what_the_method_asks_of_the_role(world, login, actor, expected, absent):
    page = login(getattr(world, actor)).get("/").content.decode()
    for text in expected:
        assert text in page, text
    for text in absent:
        assert text not in page, text


@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_tool_page_has_its_introduction_and_role_table(world, login, number):
    page = login(world.leader).get(f"/vaerktoej/{number}/").content.decode()
    for heading in [
        "Baggrund",
        "Formål",
        "Tidsforbrug",
        "Målgruppe",
        "Procestrin",
        f"Sådan kan I bruge værktøj {number}",
    ]:
        assert heading in page
    assert page.count('<th scope="row">') == 5


def test_an_unknown_tool_is_a_danish_404(world, login):
    response = login(world.leader).get("/vaerktoej/4/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def test_the_method_page_has_the_brochures_introduction(world, login):
    page = login(world.med).get("/metoden/").content.decode()
    for text in [
        "Hvorfor de tre værktøjer?",
        "Fif til den gode proces",
        "Roller og ansvar",
        "Oversigt over samlede materialer",
        "Ind mod én selv",
    ]:
        assert text in page


def test_every_page_sends_a_strict_content_security_policy(world, login):
    response = login(world.leader).get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    page = response.content.decode()
    assert "<script>" not in page and " style=" not in page
    assert response.headers["X-Frame-Options"] == "DENY"


def test_healthz_answers(db, client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_med_sees_the_plan_they_are_on_and_top_management_the_escalations(world, login):
    med = login(world.med).get(reverse("home")).content.decode()
    assert reverse("plans:detail", args=[world.plan.pk]) in med
    assert "du er med i planteamet" in med
    top = login(world.top).get(reverse("home")).content.decode()
    # On the plan team: listed once, under "Det venter på dig", leading to the decision.
    assert "Tag stilling til 1 eskalering fra ledelsesgrupperne" in top
    assert "venter på en beslutning" not in top
    assert reverse("organisation_status") in top  # the existing status button
    # Top management outside the team sees the count and the status page.
    other_top = PersonFactory(
        organisation=world.organisation, email="top2@test.example", roles=[Role.TOP_MANAGEMENT]
    )
    top = login(other_top).get(reverse("home")).content.decode()
    assert "1 eskalering fra ledelsesgrupperne venter på en beslutning" in top
    leader = login(world.leader).get(reverse("home")).content.decode()
    assert "eskalering" not in leader
