"""Signing in through the organisation's own provider over OpenID Connect."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from audit.models import AuditEvent, Kind
from identity.models import SignInIdentity
from organisations.models import Person
from tests.client import SessionClient
from tests.factories import TEST_PASSWORD, PersonFactory
from tests.oidc_provider import claims, linked, provider_url, through_provider


def start(client, email: str, password: str = ""):
    return client.post(reverse("login"), {"username": email, "password": password})


def signed_in_as(client) -> Person | None:
    pk = client.session.get(SESSION_KEY)
    return Person.objects.filter(pk=pk).first() if pk else None


def newcomer(world, email="ny.leder@test.example", **fields) -> Person:
    person = PersonFactory(organisation=world.organisation, email=email, **fields)
    person.set_unusable_password()
    person.save()
    return person


def test_an_address_of_the_organisations_domain_goes_to_its_provider(provider, oidc_server, client):
    response = start(client, "Hvem.Som.Helst@TEST.example")
    target = urlsplit(provider_url(response))
    assert f"{target.scheme}://{target.netloc}" == oidc_server
    assert "login_hint=hvem.som.helst%40test.example" in target.query
    # Another domain keeps the password login.
    assert start(client, "nogen@andet.example", "forkert").status_code == 200


def test_a_new_person_confirms_from_their_mailbox_in_the_same_browser(
    world, provider, oidc_server, client, mailoutbox
):
    """Someone without a password of their own (imported, made by SCIM) is never linked
    silently: whoever controls the provider could otherwise sign in as them (issue 22,
    path 1). The link in the mail works only in the browser that signed in."""
    person = newcomer(world)
    claims(oidc_server, "sub-ny", email="ny.leder@test.example", name="Ny Leder")
    response = through_provider(client, start(client, person.email), "sub-ny")
    assert response["Location"] == reverse("login")
    assert signed_in_as(client) is None
    assert not SignInIdentity.objects.filter(person=person).exists()
    (mail,) = mailoutbox
    assert mail.to == [person.email]
    url = re.search(r"http://testserver(/\S+)", mail.body).group(1)
    # Another browser (whoever made the provider say "this is her") gets nothing.
    other = SessionClient()
    assert other.get(url)["Location"] == reverse("login")
    assert other.post(url)["Location"] == reverse("login")
    assert not SignInIdentity.objects.filter(person=person).exists()
    assert "Forbind og log ind" in client.get(url).content.decode()
    assert client.post(url)["Location"] == reverse("home")
    assert signed_in_as(client) == person
    assert SignInIdentity.objects.get(person=person).subject == "sub-ny"
    assert AuditEvent.objects.filter(kind=Kind.SIGN_IN_LINKED, subject=person).exists()
    # Next time the subject alone finds her, whatever address the provider sends.
    client.logout()
    claims(oidc_server, "sub-ny", email="andet.navn@test.example")
    through_provider(client, start(client, person.email), "sub-ny")
    assert signed_in_as(client) == person


def test_an_account_of_someones_own_is_linked_only_with_its_password(
    world, provider, oidc_server, client
):
    """An administrator who points the organisation at a provider they control cannot
    take over a leader who has signed in before: the link needs the leader's password."""
    leader = world.leader
    assert leader.has_signed_in
    claims(oidc_server, "sub-leder", email=leader.email)
    response = through_provider(client, start(client, leader.email), "sub-leder")
    assert response["Location"] == reverse("identity:link")
    assert signed_in_as(client) is None
    wrong = client.post(reverse("identity:link"), {"password": "gæt"})
    assert wrong.status_code == 400 and "forkert" in wrong.content.decode()
    assert signed_in_as(client) is None
    right = client.post(reverse("identity:link"), {"password": TEST_PASSWORD})
    assert right.status_code == 302
    assert signed_in_as(client) == leader
    assert SignInIdentity.objects.filter(person=leader, subject="sub-leder").exists()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown", "findes ikke i Ledertrivsel"),
        ("inactive", "ikke aktiv"),
        ("other organisation", "findes ikke i Ledertrivsel"),
        ("no e-mail", "ingen e-mailadresse"),
    ],
)
def test_an_identity_that_may_not_sign_in_gets_a_danish_message(
    case, message, world, provider, oidc_server, client
):
    subject = f"sub-{case}"
    if case == "unknown":
        claims(oidc_server, subject, email="ukendt@test.example")
    elif case == "inactive":
        newcomer(world, email="stoppet@test.example", is_active=False)
        claims(oidc_server, subject, email="stoppet@test.example")
    elif case == "other organisation":
        # The provider of one organisation cannot vouch for a person of another.
        claims(oidc_server, subject, email=world.outsider.email)
    else:
        claims(oidc_server, subject, name="Uden mail")
    response = through_provider(client, start(client, "x@test.example"), subject)
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert signed_in_as(client) is None
    page = client.get(reverse("login")).content.decode()
    assert message in page


def test_people_are_created_on_first_sign_in_only_if_the_organisation_allows_it(
    world, provider, oidc_server, client
):
    claims(oidc_server, "sub-jit", email="helt.ny@test.example", name="Helt Ny")
    through_provider(client, start(client, "helt.ny@test.example"), "sub-jit")
    assert not Person.objects.filter(email="helt.ny@test.example").exists()
    provider.create_people = True
    provider.save()
    through_provider(client, start(client, "helt.ny@test.example"), "sub-jit")
    person = signed_in_as(client)
    assert person.email == "helt.ny@test.example" and person.name == "Helt Ny"
    assert person.organisation == world.organisation and person.roles == set()
    # An address another organisation's person has is never created a second time.
    client.logout()
    PersonFactory(organisation=world.other_organisation, email="optaget@test.example")
    claims(oidc_server, "sub-taget", email="optaget@test.example")
    response = through_provider(client, start(client, "optaget@test.example"), "sub-taget")
    assert response["Location"] == reverse("login") and signed_in_as(client) is None


def test_a_replayed_answer_from_the_provider_signs_nobody_in(world, provider, oidc_server, client):
    person = newcomer(world)
    linked(person, provider, "sub-replay")
    claims(oidc_server, "sub-replay", email=person.email)
    answer = httpx.post(provider_url(start(client, person.email)), data={"sub": "sub-replay"})
    back = urlsplit(answer.headers["location"])
    client.get(f"{back.path}?{back.query}")
    assert signed_in_as(client) == person
    client.logout()
    again = client.get(f"{back.path}?{back.query}")
    assert again.status_code == 302 and signed_in_as(client) is None
    # A forged answer without the state this browser was given fails the same way.
    forged = client.get(reverse("identity:callback"), {"code": "x", "state": "y"})
    assert forged.status_code == 302 and signed_in_as(client) is None


def test_a_provider_that_is_down_gets_a_clear_message_not_an_error(world, provider, client):
    provider.issuer = "http://127.0.0.1:9"  # nothing listens there
    provider.save()
    response = start(client, "ny.leder@test.example")
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "svarer ikke lige nu" in client.get(reverse("login")).content.decode()


def test_passwords_can_be_switched_off_for_the_organisation(world, provider, oidc_server, client):
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    provider.password_login = False
    provider.save()
    # The right password does not sign in; the address goes to the provider instead.
    response = start(client, world.leader.email, TEST_PASSWORD)
    assert provider_url(response).startswith(oidc_server)
    assert signed_in_as(client) is None
    # Nor does any other way of checking a password.
    request = RequestFactory().post("/")
    assert authenticate(request, username=world.leader.email, password=TEST_PASSWORD) is None
    # Another organisation's people keep their passwords.
    assert start(client, world.outsider.email, TEST_PASSWORD)["Location"] == reverse("home")
    assert signed_in_as(client) == world.outsider


def test_a_linked_identity_is_in_my_data_and_gone_with_an_erasure(
    world, provider, oidc_server, client
):
    from core.my_data import collect
    from organisations.people import Source, erasure_request, person_erase

    person = newcomer(world)
    linked(person, provider, "sub-gdpr")
    claims(oidc_server, "sub-gdpr", email=person.email)
    through_provider(client, start(client, person.email), "sub-gdpr")
    assert collect(person)["sign_in_identities"][0]["subject"] == "sub-gdpr"
    client.logout()
    erasure_request(person=person)
    person_erase(person=person, source=Source.hr(world.hr))
    assert not SignInIdentity.objects.filter(subject="sub-gdpr").exists()
    # The provider's word no longer reaches the erased person.
    through_provider(client, start(client, "x@test.example"), "sub-gdpr")
    assert signed_in_as(client) is None


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/overblik/", "/overblik/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
    ],
)
def test_after_signing_in_only_a_page_of_this_site_is_next(
    next_url, lands_on, world, provider, oidc_server, client
):
    person = newcomer(world)
    linked(person, provider, "sub-next")
    claims(oidc_server, "sub-next", email=person.email)
    start = client.post(
        reverse("login"), {"username": person.email, "password": "", "next": next_url}
    )
    response = through_provider(client, start, "sub-next")
    assert response["Location"] == lands_on
