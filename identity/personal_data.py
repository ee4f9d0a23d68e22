"""What sign-in through the organisation holds about a person (see
organisations/personal_data.py)."""

from __future__ import annotations

from identity.models import SignInIdentity
from organisations.personal_data import PersonalData, register


def register_all() -> None:
    register(
        PersonalData(
            name="sign_in_identities",
            models=("identity.SignInIdentity",),
            # Who the organisation's identity provider says you are, as linked here.
            export=lambda person: [
                {"issuer": i.issuer, "subject": i.subject, "linked_at": i.created_at}
                for i in SignInIdentity.objects.filter(person=person).order_by("created_at")
            ],
            # No provider can sign in as the person again.
            erase=lambda person: SignInIdentity.objects.filter(person=person).delete(),
        )
    )
    register(
        PersonalData(
            name="sign_in_settings",
            models=(),
            export=None,
            erase=None,
            encrypted=(
                "identity.IdentityProvider.client_secret",
                "identity.IdentityProvider.saml_sp_key",
            ),
            kept="The organisation's secrets for its provider, not a person's data; "
            "encrypted so that a copy of the database holds none of them.",
        )
    )
