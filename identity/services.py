"""Writes for sign-in through the organisation's identity provider."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.log import record
from audit.models import Kind
from followup import outbox
from identity import certificates
from identity.models import IdentityProvider, Protocol, SamlAnswer, SignInIdentity
from organisations import people
from organisations.models import Person

# A change to any of these is a new connection: it must be tested again before use.
CONNECTION_FIELDS = (
    "protocol",
    "issuer",
    "client_id",
    "client_secret",
    "scopes",
    "email_claim",
    "saml_metadata_url",
    "saml_metadata",
    "saml_email_attribute",
)


def provider_save(*, provider: IdentityProvider, changed: list[str], by: Person) -> None:
    """Saves the organisation's sign-in settings. A new connection (another provider,
    certificate or issuer) must be tested again, and undoes every link made under the
    old one: each linked person is told, and confirms once before signing in through it."""
    if any(name in CONNECTION_FIELDS for name in changed):
        provider.tested_at = None
        provider.is_enabled = False
    if provider.protocol == Protocol.SAML and not provider.saml_sp_key:
        provider.saml_sp_key, provider.saml_sp_certificate = certificates.key_and_certificate(
            f"Ledertrivsel {provider.organisation_id}"
        )
    before = (
        IdentityProvider.objects.filter(pk=provider.pk).values_list("connection", flat=True).first()
    )
    provider.save()
    record(
        Kind.SIGN_IN_CONFIGURED,
        actor=by,
        organisation_id=provider.organisation_id,
        changed=sorted(changed),
        enabled=provider.is_enabled,
        password_login=provider.password_login,
    )
    if before and provider.connection != before:
        _tell_linked_people(provider=provider, connection=before)


def _tell_linked_people(*, provider: IdentityProvider, connection: str) -> None:
    people_linked = Person.objects.filter(
        identities__provider=provider, identities__connection=connection, is_active=True
    ).distinct()
    for person in people_linked:
        outbox.send_mail(
            "identity/email/sign_in_changed",
            to=person,
            context={},
            key=f"sign-in-changed:{person.pk}:{provider.connection}",
        )


def provider_tested(*, provider: IdentityProvider) -> None:
    provider.tested_at = timezone.now()
    provider.save(update_fields=["tested_at"])


def identity_link(
    *, person: Person, provider: IdentityProvider, issuer: str, subject: str
) -> SignInIdentity:
    """Links the identity to the person under the provider's current connection; a link
    of the same identity made under an earlier connection is replaced."""
    linked, _created = SignInIdentity.objects.update_or_create(
        provider=provider,
        issuer=issuer,
        subject=subject,
        defaults={
            "person": person,
            "connection": provider.connection,
            "last_used_at": timezone.now(),
        },
    )
    record(Kind.SIGN_IN_LINKED, actor=person, subject=person, issuer=issuer)
    return linked


def identity_used(*, person: Person, provider: IdentityProvider, issuer: str, subject: str) -> None:
    SignInIdentity.objects.filter(
        person=person, provider=provider, issuer=issuer, subject=subject
    ).update(last_used_at=timezone.now())


def link_confirmation_send(*, person: Person, url: str) -> None:
    """The first link of someone without a password of their own is confirmed from
    their mailbox (in the browser that signed in), never made silently. The mail
    carries a sign-in, so it is sent at once and never stored."""
    outbox.send_now("identity/email/link_confirm", to=person, context={"url": url})


def person_from_identity(
    *, provider: IdentityProvider, email: str, name: str, issuer: str, subject: str
) -> Person:
    """A person the organisation lets its provider create on first sign-in. No roles:
    HR gives them, as for anyone imported."""
    person = people.person_create(
        organisation=provider.organisation_id,
        email=email,
        name=name or email,
        source=people.Source.sign_in(issuer),
    )
    identity_link(person=person, provider=provider, issuer=issuer, subject=subject)
    return person


def saml_answer_once(*, request_id: str) -> bool:
    """False if an answer to this request was already taken: a replayed assertion."""
    SamlAnswer.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
    try:
        with transaction.atomic():
            SamlAnswer.objects.create(request_id=request_id)
    except IntegrityError:
        return False
    return True


def password_saved(*, person: Person, from_link: bool) -> None:
    """Records a new password and tells the person at once, so a change they did not
    make does not go unnoticed."""
    record(Kind.PASSWORD_SET if from_link else Kind.PASSWORD_CHANGED, actor=person, subject=person)
    outbox.send_mail(
        "core/email/password_changed",
        to=person,
        context={},
        key=f"password-changed:{person.pk}:{timezone.now().timestamp()}",
    )
