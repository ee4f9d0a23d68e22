"""Bad input anywhere gets an answer, never a server error."""

import pytest
from django.urls import reverse

from tests.access.test_permission_matrix import MATRIX
from tests.client import SessionClient as Client

JUNK = {
    "name": "x" * 5000,
    "email": "ikke-en-mail",
    "title": "\x00",
    "parent": "abc",
    "unit": "1; DROP TABLE",
    "manager": "999999",
    "leader": "-1",
    "members": ["x", "999999"],
    "add_members": "ikke-en-mail, \x00",
    "roles": ["bogus"],
    "anonymity_k": "-1",
    "sector": "mars",
    "is_active": "måske",
    "file": "ikke en fil",
    "language": "xx",
    "next": "javascript:alert(1)",
    "q": "'\"<script>",
    "enhed": "abc",
    "username": "x" * 300,
    "password": "",
    "new_password1": "a",
    "new_password2": "b",
}


@pytest.mark.parametrize("actor", ["hr", "admin", "leader"])
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_junk_is_answered_without_a_server_error(name, actor, world):
    client = Client(raise_request_exception=False)
    client.force_login(getattr(world, actor))
    url = reverse(name, kwargs=MATRIX[name].kwargs(world))
    for response in (client.get(url, JUNK), client.post(url, JUNK)):
        assert response.status_code < 500, (name, response.status_code)


def test_an_expired_form_gets_a_danish_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.hr)
    response = client.post("/organisation/enheder/ny/", {"name": "Uden token"})
    assert response.status_code == 403
    assert "Siden er udløbet" in response.content.decode()


def test_the_import_template_is_a_file_the_import_reads(world, login):
    from organisations import importer

    response = login(world.hr).get(reverse("organisations:import_template"))
    content = response.content
    assert response["Content-Type"].startswith("text/csv")
    rows, ignored, present = importer.parse(content, "skabelon.csv")
    assert len(rows) == 2 and not ignored
    assert importer.plan(world.organisation, (rows, ignored, present)).errors == []


# --- Found by fuzzing (issue 11): each once gave a 500 on PostgreSQL or SQLite ---------


@pytest.mark.parametrize("next_url", ["ab", "a\x00b", "//andet.example/", "https://andet.example/"])
def test_a_next_that_is_not_a_path_here_goes_to_the_default_page(next_url, world):
    """`redirect()` takes a bare word for the name of a URL pattern (issue 22)."""
    client = Client(raise_request_exception=False)
    client.force_login(world.chef)
    response = client.post(
        reverse("followup:group_agreement_status", args=[world.group_agreement.pk]),
        {"status": "done", "next": next_url},
    )
    assert response.status_code == 302
    assert response.url.startswith("/overblik/")
    back = client.post(reverse("set_language"), {"language": "da", "next": next_url})
    assert back.status_code == 302 and back.url == "/"


def test_a_next_on_this_site_is_followed(world, login):
    response = login(world.chef).post(
        reverse("followup:group_agreement_status", args=[world.group_agreement.pk]),
        {"status": "done", "next": "/grupper/"},
    )
    assert response.url == "/grupper/"


@pytest.mark.parametrize("path", ["/log-ind/", "/drift/login/"])
def test_a_username_of_60000_characters_is_refused_without_a_server_error(path, world):
    client = Client(raise_request_exception=False)
    response = client.post(path, {"username": "a" * 60_000, "password": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("actor", "path"),
    [
        ("hr", "/organisation/personer/?q=a%00b"),
        (None, "/kalender/a%00b.ics"),
        (None, "/intranet/plan/a%00b/"),
        ("leader", "/dialog/gem/note/1.1%00/"),
        ("hr", "/planer/99999999999999999999/"),
    ],
)
def test_a_nul_byte_or_a_huge_number_in_a_url_is_never_a_server_error(actor, path, world):
    client = Client(raise_request_exception=False)
    if actor:
        client.force_login(getattr(world, actor))
    status = client.get(path).status_code
    assert status < 500
    if "%00" in path.split("?")[0] or "9999" in path:
        assert status == 404


def test_a_nul_byte_in_a_private_text_is_saved_without_it(world, login):
    from dialogue.selectors import interview_notes_by_key

    client = login(world.leader)
    response = client.post(
        reverse("dialogue:autosave_note", args=["1.1"]), {"text": "før\x00efter", "version": 0}
    )
    assert response.status_code == 302
    assert interview_notes_by_key(owner=world.leader)["1.1"].text == "førefter"


def test_a_rhythm_of_zero_weeks_is_refused_in_danish(world, login):
    response = login(world.chef).post(
        reverse("dialogue:rhythm", args=[world.dialogue.pk]),
        {"rhythm": "every_n_weeks", "rhythm_weeks": "0", "rhythm_starts": "2026-12-01"},
    )
    assert response.status_code == 400
    assert "Skriv et antal uger mellem 1 og 52." in response.content.decode()


def test_line_breaks_in_names_reach_no_mail_header_or_calendar(world, login, client):
    from core import services as core_services
    from followup.models import CalendarFeed

    world.chef.name = "Chef\r\nX-Injected: ja"
    world.chef.save()
    core_services.calendar_feed_new(person=world.leader)
    feed = CalendarFeed.objects.get(person=world.leader)
    response = client.get(reverse("calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert b"\r\nX-Injected" not in response.content
    world.organisation.name = "Kommune\nmed linjeskift"
    world.organisation.save()
    newcomer = world.organisation.people.create(email="ny.person@test.example", name="Ny")
    newcomer.set_unusable_password()
    newcomer.save()
    response = login(world.hr).post(reverse("organisations:person_invite", args=[newcomer.pk]))
    assert response.status_code == 302


def test_a_huge_username_at_the_operators_login_is_refused(world):
    client = Client(raise_request_exception=False)
    response = client.post("/drift/login/", {"username": "x" * 50_000, "password": "x"})
    assert response.status_code < 500


def test_names_cannot_hold_line_breaks(world, login):
    response = login(world.hr).post(
        reverse("organisations:unit_create"), {"name": "Enhed\nmed linjeskift"}
    )
    assert response.status_code == 400
