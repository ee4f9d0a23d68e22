"""Reads for sign-in through the organisation's identity provider."""

from __future__ import annotations

from django.db.models import QuerySet

from identity.models import SignInIdentity
from organisations.models import Person


def identities_of(*, person: Person) -> QuerySet[SignInIdentity]:
    return SignInIdentity.objects.filter(person=person).order_by("created_at")


def sign_in_enabled(*, organisation_id: int) -> bool:
    """Whether the organisation's people can sign in through its own identity provider."""
    from identity.models import IdentityProvider

    return IdentityProvider.objects.filter(
        organisation_id=organisation_id, is_enabled=True
    ).exists()
