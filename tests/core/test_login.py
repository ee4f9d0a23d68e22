from axes.models import AccessAttempt
from django.contrib.auth.hashers import identify_hasher


def test_log_in_with_e_mail_in_any_case(world, client):
    response = client.post(
        "/log-ind/", {"username": "LEDER@test.example", "password": "test-Adgangskode-42"}
    )
    assert response.status_code == 302
    assert response.url == "/"


def test_a_wrong_password_gets_a_danish_message(world, client):
    response = client.post("/log-ind/", {"username": "leder@test.example", "password": "forkert"})
    assert response.status_code == 200
    assert "E-mailadressen eller adgangskoden er forkert" in response.content.decode()


def test_failed_logins_are_rate_limited_and_logged(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/log-ind/", {"username": "leder@test.example", "password": "forkert"})
    attempt = AccessAttempt.objects.get(username="leder@test.example")
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    # Even the right password is refused while the account is locked.
    response = client.post(
        "/log-ind/", {"username": "leder@test.example", "password": "test-Adgangskode-42"}
    )
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()


def test_passwords_are_hashed_with_argon2(db, settings):
    from organisations.models import Person

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    person = Person.objects.create_user("argon@test.example", "Hemmelig-Kode-99", name="A")
    assert identify_hasher(person.password).algorithm == "argon2"


def test_logout_needs_post_and_ends_the_session(world, login):
    client = login(world.leader)
    assert client.get("/").status_code == 200
    client.post("/log-ud/")
    assert client.get("/").status_code == 302


def test_the_signed_in_person_comes_with_organisation_and_roles_in_two_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from organisations.backends import PersonBackend

    with CaptureQueriesContext(connection) as context:
        person = PersonBackend().get_user(world.hr.pk)
        assert person.organisation.name == world.organisation.name
        assert "hr" in person.assigned_roles
    assert len(context.captured_queries) == 2
    world.hr.is_active = False
    world.hr.save()
    assert PersonBackend().get_user(world.hr.pk) is None
