"""Reads for sign-in through the organisation's identity provider."""

from __future__ import annotations

from django.db.models import QuerySet

from identity.models import SignInIdentity
from organisations.models import Person


def identities_of(*, person: Person) -> QuerySet[SignInIdentity]:
    return SignInIdentity.objects.filter(person=person).order_by("created_at")
