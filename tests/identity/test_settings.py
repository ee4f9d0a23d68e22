"""The administrators' page for signing in through the organisation's provider."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.urls import reverse

from audit.models import AuditEvent, Kind
from identity.models import IdentityProvider, SignInIdentity
from tests.oidc_provider import claims, through_provider


def form(oidc_server, **changes) -> dict:
    return {
        "email_domains": "Test.example, @afdeling.test.example",
        "issuer": oidc_server,
        "client_id": "ledertrivsel",
        "client_secret": "meget-hemmelig",
        "scopes": "openid email profile",
        "email_claim": "email",
        "password_login": "on",
        **changes,
    }


def test_an_administrator_saves_tests_and_then_switches_on_sign_in(world, oidc_server, login):
    client = login(world.admin)
    url = reverse("identity:settings")
    assert "redirect URI" in client.get(url).content.decode()
    # Switching on before a successful test is refused.
    refused = client.post(url, form(oidc_server, is_enabled="on"))
    assert refused.status_code == 400 and "test forbindelsen" in refused.content.decode()
    assert client.post(url, form(oidc_server)).status_code == 302
    provider = IdentityProvider.objects.get(organisation=world.organisation)
    assert provider.domains == ["test.example", "afdeling.test.example"]
    assert not provider.is_enabled and provider.tested_at is None
    # The secret is stored encrypted, never as typed.
    with connection.cursor() as cursor:
        cursor.execute("SELECT client_secret FROM identity_identityprovider")
        assert "meget-hemmelig" not in cursor.fetchone()[0]

    # The test is a real round trip through the provider; nobody is signed in by it.
    claims(oidc_server, "admin-sub", email=world.admin.email)
    result = through_provider(client, client.post(reverse("identity:test")), "admin-sub")
    assert result["Location"] == url
    assert "Forbindelsen virker" in client.get(url).content.decode()
    assert int(client.session[SESSION_KEY]) == world.admin.pk
    assert not SignInIdentity.objects.exists()
    provider.refresh_from_db()
    assert provider.tested_at is not None

    # An empty secret keeps the stored one; switching on now works.
    data = form(oidc_server, is_enabled="on", client_secret="")
    assert client.post(url, data).status_code == 302
    provider.refresh_from_db()
    assert provider.is_enabled and provider.client_secret == "meget-hemmelig"
    # A new issuer is a new connection: it switches off until tested again.
    client.post(url, form("https://login.example/ny", is_enabled="on", client_secret=""))
    assert client.post(url, form("https://login.example/ny")).status_code == 302
    provider.refresh_from_db()
    assert not provider.is_enabled and provider.tested_at is None
    assert AuditEvent.objects.filter(kind=Kind.SIGN_IN_CONFIGURED, actor=world.admin).count() >= 2


def test_passwords_cannot_be_switched_off_before_sign_in_is_on(world, oidc_server, login):
    client = login(world.admin)
    data = form(oidc_server)
    del data["password_login"]
    response = client.post(reverse("identity:settings"), data)
    assert response.status_code == 400
    assert "Adgangskoder kan først slås fra" in response.content.decode()


def test_a_provider_that_does_not_answer_fails_the_test_with_a_clear_message(world, login):
    IdentityProvider.objects.create(
        organisation=world.organisation,
        email_domains="test.example",
        issuer="http://127.0.0.1:9",
        client_id="x",
        client_secret="y",
    )
    client = login(world.admin)
    response = client.post(reverse("identity:test"))
    assert response["Location"] == reverse("identity:settings")
    assert "Vi kunne ikke hente" in client.get(reverse("identity:settings")).content.decode()


def test_hr_cannot_configure_sign_in(world, login):
    assert login(world.hr).get(reverse("identity:settings")).status_code == 403


def test_a_domain_already_used_by_another_organisation_cannot_be_claimed(world, oidc_server, login):
    IdentityProvider.objects.create(
        organisation=world.other_organisation,
        email_domains="other.example",
        issuer=oidc_server,
        client_id="x",
        client_secret="y",
    )
    client = login(world.admin)
    response = client.post(
        reverse("identity:settings"), form(oidc_server, email_domains="Other.example")
    )
    assert response.status_code == 400
    assert "other.example bruges allerede af en anden organisation" in response.content.decode()
