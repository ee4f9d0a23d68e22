import re

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


def test_healthz_answers_with_the_database_and_the_workers_freshness(db, client):
    """Issue 24: the database is reached, and the worker's last success is reported; no
    pass yet, or an old one, is "degraded" (still 200: the app server itself is fine)."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from core.models import WorkerRun

    answer = client.get("/healthz").json()
    assert answer["status"] == "degraded" and answer["database"] == "ok"
    assert answer["worker"]["last_success"] is None
    call_command("send_reminders", verbosity=0)
    answer = client.get("/healthz").json()
    assert answer["status"] == "ok" and answer["worker"]["fresh"] is True
    assert set(WorkerRun.objects.values_list("job", flat=True)) == {
        "digests",
        "mail",
        "status",
        "imports",
    }
    WorkerRun.objects.update(last_success_at=timezone.now() - timedelta(hours=2))
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "degraded"
    assert response.json()["worker"]["age_seconds"] >= 7200


def test_a_failing_job_is_recorded_and_the_others_still_run(db, monkeypatch):
    from core import worker
    from core.models import WorkerRun

    def broken():
        raise ValueError("Anne Sørensen")  # the message may hold data: not kept

    assert worker.run("broken", broken) is None
    assert worker.run("fine", lambda: 3) == 3
    run = WorkerRun.objects.get(job="broken")
    assert run.last_failure_at and run.last_success_at is None
    assert run.last_error == "ValueError"


def test_every_answer_carries_a_request_id_and_takes_nginxs(db, client):
    """Issue 24: the id nginx sends (X-Request-ID) is used and returned; a missing or
    malformed one is replaced by a fresh one."""
    given = client.get("/healthz", HTTP_X_REQUEST_ID="a1b2c3d4e5f60718293a4b5c6d7e8f90")
    assert given["X-Request-ID"] == "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    made = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    odd = client.get("/healthz", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", odd)


def test_a_json_log_line_has_the_request_id(db, client):
    """The production log format: one JSON object per line with the request's id."""
    import io
    import json
    import logging

    from pythonjsonlogger.json import JsonFormatter

    from ledertrivsel.middleware import RequestIdFilter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("%(levelname)s %(name)s %(message)s %(request_id)s"))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.get("/findes-ikke/", HTTP_X_REQUEST_ID="req-42")
    finally:
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue().splitlines()[0])
    assert line["request_id"] == "req-42" and line["levelname"] == "WARNING"


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


def test_the_metrics_need_the_operators_token_and_name_no_one(world, client, settings):
    """Issue 24: Prometheus reads requests by view and status with their latency and
    queries, logins and lockouts, the mail queue and the worker's last run, only with
    METRICS_TOKEN; labels are view names and states, never a path or a person."""
    from django.core.management import call_command

    assert client.get("/metrics").status_code == 404  # off without a token
    settings.METRICS_TOKEN = "skrab-mig-9f2c"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer forkert").status_code == 401
    client.force_login(world.leader)
    client.get(reverse("overview"))
    client.logout()
    client.post(reverse("login"), {"username": world.leader.email, "password": "forkert"})
    call_command("send_reminders", verbosity=0)
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer skrab-mig-9f2c")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'ledertrivsel_requests_total{method="GET",status="200",view="overview"}' in text
    assert 'ledertrivsel_request_duration_seconds_bucket{le="0.5",view="overview"}' in text
    assert 'ledertrivsel_db_queries_total{view="overview"}' in text
    assert "ledertrivsel_login_failures_total" in text
    assert 'ledertrivsel_mail_queue{state="pending"}' in text
    assert 'ledertrivsel_worker_last_success_timestamp_seconds{job="mail"}' in text
    assert world.leader.email not in text and world.leader.name not in text
