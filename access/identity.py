"""Sign-in through an organisation's identity provider: which provider an address
belongs to, who may configure it, and as whom a signed-in identity is let in.

The provider vouches for an identity; it does not get to choose any account it likes.
An identity already linked signs in as its person. Otherwise the e-mail address it
carries is matched to a person of the provider's own organisation, never another's.
A person with a password of their own confirms the link once with it; anyone else
confirms from their own mailbox, in the browser that signed in. A link holds only under
the connection it was made with (identity/connection.py): when the organisation's
provider, its certificate or its issuer changes, every link waits for that
confirmation again. So an administrator who points the organisation at a provider
they control cannot sign in as a leader and read what the leader wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from access.base import holds
from identity.models import IdentityProvider, Protocol, SignInIdentity
from organisations.models import Person, Role


class SignInRefused(Exception):
    """The identity may not sign in; the message is for the person at the login page."""


@dataclass(frozen=True)
class Match:
    person: Person | None  # None: a person to create (the organisation allows it)
    needs_password: bool = False
    needs_mail: bool = False  # no password of their own: confirmed from their mailbox
    linked: bool = False  # the identity is linked to the person already


def may_configure_sign_in(person: Person) -> bool:
    """Only the organisation's administrators: whoever configures sign-in decides who
    the provider may vouch for."""
    return (
        person.is_authenticated
        and person.organisation_id is not None
        and holds(person, Role.ORG_ADMIN)
    )


def provider_for_email(email: str) -> IdentityProvider | None:
    """The switched-on provider whose organisation uses this address's domain."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    if not domain or "@" not in email:
        return None
    candidates = IdentityProvider.objects.filter(
        is_enabled=True, email_domains__icontains=domain
    ).select_related("organisation")
    return next((p for p in candidates if domain in p.domains), None)


def password_login_allowed(person: Person) -> bool:
    """Platform operators always keep their password (and second factor); others unless
    their organisation has switched passwords off."""
    if person.organisation_id is None:
        return True
    provider = IdentityProvider.objects.filter(
        organisation_id=person.organisation_id, is_enabled=True
    ).first()
    return provider is None or provider.password_login


def match(provider: IdentityProvider, *, issuer: str, subject: str, email: str) -> Match:
    if not provider.connection:
        raise SignInRefused(_("Log ind via organisationen er ikke sat op."))
    linked = (
        SignInIdentity.objects.filter(
            provider=provider, connection=provider.connection, issuer=issuer, subject=subject
        )
        .select_related("person")
        .first()
    )
    if linked is not None:
        person = linked.person
        if person.organisation_id != provider.organisation_id:
            raise SignInRefused(_("Den konto hører til en anden organisation."))
        if not person.is_active:
            raise SignInRefused(_("Din konto er ikke aktiv. Kontakt HR i din organisation."))
        return Match(person, linked=True)
    if not email:
        raise SignInRefused(
            _("Jeres log ind sendte ingen e-mailadresse. Bed jeres IT om at tjekke opsætningen.")
        )
    person = Person.objects.filter(
        organisation_id=provider.organisation_id, email__iexact=email
    ).first()
    if person is None:
        taken = Person.objects.filter(email__iexact=email).exists()  # by another organisation
        if provider.create_people and email.rsplit("@", 1)[-1] in provider.domains and not taken:
            return Match(None)
        raise SignInRefused(
            _(
                "%(email)s findes ikke i Ledertrivsel hos %(organisation)s. Kontakt HR i din "
                "organisation."
            )
            % {"email": email, "organisation": provider.organisation.name}
        )
    if not person.is_active:
        raise SignInRefused(_("Din konto er ikke aktiv. Kontakt HR i din organisation."))
    if person.identities.filter(provider=provider, connection=provider.connection).exists():
        raise SignInRefused(
            _("Din konto er allerede forbundet med en anden bruger hos jeres log ind.")
        )
    own_password = person.has_usable_password()
    return Match(person, needs_password=own_password, needs_mail=not own_password)


def sign_in_provider(pk) -> IdentityProvider | None:
    """The provider a sign-in in this browser session started with."""
    if not isinstance(pk, int):
        return None
    return IdentityProvider.objects.filter(pk=pk).select_related("organisation").first()


def saml_provider_of(organisation_id: int) -> IdentityProvider | None:
    """The organisation's SAML provider, whose service provider metadata is public."""
    return IdentityProvider.objects.filter(
        organisation_id=organisation_id, protocol=Protocol.SAML
    ).first()


def saml_answer_provider(pending, organisation_id: int) -> IdentityProvider | None:
    """The SAML provider whose answer is awaited (the browser's signed request cookie),
    if the answer came to that provider's own organisation's address."""
    if not isinstance(pending, dict):
        return None
    provider = sign_in_provider(pending.get("provider"))
    if provider is None or provider.organisation_id != organisation_id:
        return None
    return provider


def own_identity_provider(person: Person) -> IdentityProvider:
    """The person's organisation's provider, or a new unsaved one: looking never writes."""
    return IdentityProvider.objects.filter(
        organisation_id=person.organisation_id
    ).first() or IdentityProvider(organisation_id=person.organisation_id)


def sign_in_link_person(pending) -> Person | None:
    """The person a sign-in waits to be linked to, if still active in the provider's
    organisation."""
    if not isinstance(pending, dict):
        return None
    provider = sign_in_provider(pending.get("provider"))
    # The connection the provider vouched under is still the organisation's own.
    if (
        provider is None
        or not provider.connection
        or provider.connection != pending.get("connection")
    ):
        return None
    return Person.objects.filter(
        pk=pending.get("person"), organisation_id=provider.organisation_id, is_active=True
    ).first()
