"""Sign-in over SAML 2.0 against a real pysaml2 identity provider in its own process
(tests/saml_idp.py): what it signs for us gets in, and nothing else does."""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

import httpx
import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.urls import reverse

from audit.models import AuditEvent, Kind
from identity.models import SAML_EMAIL_ATTRIBUTE, IdentityProvider, Protocol, SignInIdentity
from identity.views import SAML_COOKIE
from tests.factories import TEST_PASSWORD
from tests.oidc_provider import provider_url
from tests.saml_provider import answer_from_idp, idp_entity_id, metadata_path, through_idp

REJECTED = "Log ind via din organisation lykkedes ikke. Prøv igen fra begyndelsen."


def start(client, email: str):
    return client.post("/log-ind/", {"username": email})


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def signed_in(client) -> str | None:
    return client.session.get(SESSION_KEY)


def link(world, saml_server, person=None):
    person = person or world.leader
    from identity import services

    return services.identity_link(
        person=person,
        provider=IdentityProvider.objects.get(organisation=world.organisation),
        issuer=idp_entity_id(saml_server),
        subject=f"id-{person.email}",
    )


def test_a_linked_leader_signs_in_through_the_identity_provider(
    world, client, saml_provider, saml_server
):
    link(world, saml_server)
    begun = client.post("/log-ind/", {"username": world.leader.email, "next": "/dialog/"})
    assert begun.cookies[SAML_COOKIE]["httponly"]
    # Our request is signed with SHA-256, as OIOSAML requires.
    assert "SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256" in (
        provider_url(begun)
    )
    back = through_idp(client, begun, world.leader.email)
    assert back.status_code == 302 and back.url == "/dialog/"
    assert signed_in(client) == str(world.leader.pk)


def test_an_encrypted_assertion_is_read_with_the_organisations_key(
    world, client, saml_provider, saml_server
):
    link(world, saml_server)
    path, answer = answer_from_idp(
        start(client, world.leader.email), world.leader.email, "encrypted"
    )
    assert b"EncryptedAssertion" in base64.b64decode(answer["SAMLResponse"])
    assert client.post(path, answer).status_code == 302
    assert signed_in(client) == str(world.leader.pk)


def test_the_first_time_someone_with_an_account_confirms_with_their_password(
    world, client, saml_provider
):
    back = through_idp(client, start(client, world.leader.email), world.leader.email)
    assert back.url == reverse("identity:link")
    assert signed_in(client) is None
    client.post(back.url, {"password": TEST_PASSWORD})
    linked = SignInIdentity.objects.get(person=world.leader)
    assert linked.subject == f"id-{world.leader.email}"
    assert signed_in(client) == str(world.leader.pk)


@pytest.mark.parametrize(
    "mode",
    [
        "forged",  # signed with a key that is not the provider's
        "unsigned",
        "expired",
        "audience",  # an assertion made for another service provider
    ],
)
def test_an_answer_that_does_not_prove_who_signed_in_gets_no_one_in(
    mode, world, client, saml_provider, saml_server
):
    link(world, saml_server)
    back = through_idp(client, start(client, world.leader.email), world.leader.email, mode)
    assert back.status_code == 302 and back.url == reverse("login")
    assert signed_in(client) is None
    assert shown(back) == [REJECTED]


def test_a_replayed_answer_gets_no_one_in(world, client, saml_provider, saml_server):
    link(world, saml_server)
    begun = start(client, world.leader.email)
    cookie = begun.cookies[SAML_COOKIE].value
    path, answer = answer_from_idp(begun, world.leader.email)
    assert client.post(path, answer).status_code == 302
    assert signed_in(client) == str(world.leader.pk)
    client.logout()
    # The same answer again, even with the request's cookie put back.
    client.cookies[SAML_COOKIE] = cookie
    again = client.post(path, answer)
    assert again.url == reverse("login") and signed_in(client) is None
    assert shown(again) == [REJECTED]


def test_an_answer_without_a_request_from_this_browser_is_refused(
    world, client, saml_provider, saml_server
):
    link(world, saml_server)
    path, answer = answer_from_idp(start(client, world.leader.email), world.leader.email)
    del client.cookies[SAML_COOKIE]
    refused = client.post(path, answer)
    assert refused.url == reverse("login") and signed_in(client) is None


def test_another_organisations_person_and_a_disabled_person_stay_out(
    world, client, saml_provider, saml_server
):
    back = through_idp(client, start(client, world.leader.email), world.outsider.email)
    assert signed_in(client) is None
    assert "findes ikke i Ledertrivsel hos Testkommune" in shown(back)[0]
    link(world, saml_server, world.colleague)
    world.colleague.is_active = False
    world.colleague.save()
    back = through_idp(client, start(client, world.colleague.email), world.colleague.email)
    assert signed_in(client) is None
    assert shown(back) == ["Din konto er ikke aktiv. Kontakt HR i din organisation."]


def test_our_metadata_tells_the_provider_where_to_answer(world, client, saml_provider):
    xml = client.get(metadata_path(saml_provider)).content.decode()
    acs = reverse("identity:saml_acs", args=[world.organisation.pk])
    assert f'Location="http://testserver{acs}"' in xml
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert (
        client.get(
            metadata_path(saml_provider).replace(
                str(world.organisation.pk), str(world.other_organisation.pk)
            )
        ).status_code
        == 404
    )


def test_an_administrator_connects_a_saml_provider_and_tests_it(world, login, saml_server):
    client = login(world.admin)
    url = reverse("identity:settings")
    down = client.post(
        url,
        {
            "protocol": Protocol.SAML,
            "email_domains": "test.example",
            "saml_metadata_url": "http://127.0.0.1:9/metadata",
            "saml_email_attribute": "email",
            "scopes": "openid",
            "email_claim": "email",
            "password_login": "on",
        },
    )
    assert down.status_code == 400
    assert "Vi kunne ikke hente metadata fra adressen. Tjek adressen" in down.content.decode()
    assert "Connection refused" not in down.content.decode()
    saved = client.post(
        url,
        {
            "protocol": Protocol.SAML,
            "email_domains": "test.example",
            "saml_metadata_url": f"{saml_server}/metadata",
            "saml_email_attribute": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            "scopes": "openid",
            "email_claim": "email",
            "password_login": "on",
        },
    )
    assert saved.status_code == 302, saved.content.decode()
    provider = IdentityProvider.objects.get(organisation=world.organisation)
    assert provider.saml_sp_key.startswith("-----BEGIN PRIVATE KEY")
    assert idp_entity_id(saml_server) in provider.saml_metadata
    from tests.saml_provider import introduce

    introduce(saml_server, client.get(metadata_path(provider)).content)
    test = client.post(reverse("identity:test"))
    path, answer = answer_from_idp(test, world.admin.email)
    result = client.post(path, answer)
    assert result.url == url
    assert "Forbindelsen virker" in shown(result)[0]
    provider.refresh_from_db()
    assert provider.tested_at is not None
    assert signed_in(client) == str(world.admin.pk)  # still the administrator, no one else
    assert AuditEvent.objects.filter(kind=Kind.SIGN_IN_CONFIGURED, actor=world.admin).exists()


def test_metadata_uploaded_as_a_file_is_saved(world, login, saml_server):
    """An OIOSAML broker that publishes no address hands its metadata over as a file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    metadata = httpx.get(f"{saml_server}/metadata").content
    saved = login(world.admin).post(
        reverse("identity:settings"),
        {
            "protocol": Protocol.SAML,
            "email_domains": "test.example",
            "saml_metadata_file": SimpleUploadedFile("idp.xml", metadata, "text/xml"),
            "saml_email_attribute": "email",
            "scopes": "openid",
            "email_claim": "email",
            "password_login": "on",
        },
    )
    assert saved.status_code == 302, saved.content.decode()
    provider = IdentityProvider.objects.get(organisation=world.organisation)
    assert idp_entity_id(saml_server) in provider.saml_metadata


def test_signing_out_signs_out_at_the_provider_too(world, client, saml_provider, saml_server):
    link(world, saml_server)
    through_idp(client, start(client, world.leader.email), world.leader.email)
    assert signed_in(client) == str(world.leader.pk)
    page = client.post(reverse("logout"))
    assert signed_in(client) is None
    url = provider_url(page)
    assert url.startswith(f"{saml_server}/slo?SAMLRequest=") and "&Signature=" in url
    assert httpx.get(url).status_code == 200  # the IdP checked our signature
    assert httpx.get(f"{saml_server}/signed-out").text.splitlines()[-1] == (
        f"id-{world.leader.email}"
    )


def test_a_logout_the_provider_starts_ends_the_session_here_and_is_answered(
    world, client, saml_provider, saml_server
):
    link(world, saml_server)
    through_idp(client, start(client, world.leader.email), world.leader.email)
    ours = f"http://testserver{metadata_path(saml_provider)}"

    def from_the_idp(name_id: str, mode: str = "ok"):
        started = httpx.get(
            f"{saml_server}/start-logout", params={"sp": ours, "name_id": name_id, "mode": mode}
        )
        back = urlsplit(started.headers["location"])
        return client.get(f"{back.path}?{back.query}")

    # Signed with a key that is not the provider's: nobody is signed out.
    assert from_the_idp(f"id-{world.leader.email}", "forged").url == reverse("login")
    assert signed_in(client) == str(world.leader.pk)
    # Someone else's NameID leaves this session alone, but is answered.
    other = from_the_idp("id-someone@test.example")
    assert other.url.startswith(f"{saml_server}/slo?SAMLResponse=")
    assert signed_in(client) == str(world.leader.pk)
    # The leader's own: signed out here, and the provider gets a signed success.
    answer = from_the_idp(f"id-{world.leader.email}")
    assert signed_in(client) is None
    assert "&Signature=" in answer.url
    assert httpx.get(answer.url).status_code == 200
    assert httpx.get(f"{saml_server}/logout-answers").text.splitlines()[-1] == (
        "urn:oasis:names:tc:SAML:2.0:status:Success"
    )


# --- Issue 22, path 1: links hold only under the connection they were made with -------


def _point_at(world, metadata_url: str) -> IdentityProvider:
    """The administrator changes the organisation's metadata address and (as they can)
    tests the connection and switches it on."""
    from tests.client import SessionClient

    admin = SessionClient()
    admin.force_login(world.admin)
    saved = admin.post(
        reverse("identity:settings"),
        {
            "protocol": Protocol.SAML,
            "email_domains": "test.example",
            "saml_metadata_url": metadata_url,
            "saml_email_attribute": SAML_EMAIL_ATTRIBUTE,
            "scopes": "openid",
            "email_claim": "email",
            "password_login": "on",
        },
    )
    assert saved.status_code == 302, saved.content.decode()
    IdentityProvider.objects.filter(organisation=world.organisation).update(
        is_enabled=True, tested_at="2026-11-02T00:00Z"
    )
    return IdentityProvider.objects.get(organisation=world.organisation)


def test_an_impostor_idp_with_the_real_ones_name_signs_nobody_in(
    world, client, saml_provider, saml_server, mailoutbox
):
    """The administrator runs an IdP of their own, with new keys, that claims the real
    IdP's entity ID, and points the organisation at it: the leader's link does not
    hold, so the 'sign-in' asks for the leader's own password, and every linked person
    is told that the organisation's sign-in changed."""
    from tests.saml_provider import impostor_idp, introduce

    link(world, saml_server)
    link(world, saml_server, world.colleague)
    with impostor_idp(idp_entity_id(saml_server)) as impostor:
        provider = _point_at(world, f"{impostor}/metadata")
        assert idp_entity_id(saml_server) in provider.saml_metadata
        introduce(impostor, client.get(metadata_path(provider)).content)
        back = through_idp(client, start(client, world.leader.email), world.leader.email)
    assert back.url == reverse("identity:link"), shown(back)
    assert signed_in(client) is None
    assert client.get(reverse("dialogue:guide")).status_code == 302
    told = sorted(mail.to[0] for mail in mailoutbox if "log ind" in mail.subject.lower())
    assert told == sorted([world.leader.email, world.colleague.email])


def test_an_oidc_issuer_claimed_as_a_saml_entity_id_matches_no_link(
    world, client, saml_provider, saml_server
):
    """A link made under OpenID Connect (issuer, subject) is not found by a SAML IdP
    whose entity ID is the same string: the protocol is part of the connection."""
    from identity import services

    oidc = IdentityProvider(
        organisation=world.organisation, protocol=Protocol.OIDC, issuer=idp_entity_id(saml_server)
    )
    from identity.connection import fingerprint

    services.identity_link(
        person=world.leader,
        provider=saml_provider,
        issuer=idp_entity_id(saml_server),
        subject=f"id-{world.leader.email}",
    )
    SignInIdentity.objects.filter(person=world.leader).update(connection=fingerprint(oidc))
    back = through_idp(client, start(client, world.leader.email), world.leader.email)
    assert back.url == reverse("identity:link") and signed_in(client) is None


def test_the_service_providers_key_is_parsed_once_per_key(tmp_path):
    """pysaml2 reads the key file on every request; parsing (and checking) an RSA key
    takes tens of milliseconds, so a parsed key is kept by the file's bytes."""
    from saml2 import sigver

    from identity import certificates, saml

    assert sigver.import_rsa_key_from_file is saml._import_rsa_key_from_file
    from tests.saml_provider import _our_key_and_certificate

    first, second = tmp_path / "a.key", tmp_path / "b.key"
    first.write_text(_our_key_and_certificate()[0])
    second.write_text(certificates.key_and_certificate("Et andet")[0])
    key = sigver.import_rsa_key_from_file(str(first))
    assert sigver.import_rsa_key_from_file(str(first)) is key
    other = sigver.import_rsa_key_from_file(str(second))
    assert other.private_numbers() != key.private_numbers()
