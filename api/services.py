"""Writes for API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from api.models import ApiToken
from audit.log import record
from audit.models import Kind
from organisations.models import Person

PREFIX = "lt_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(*, by: Person, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never stored and never shown again."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation_id=by.organisation_id,
        name=name,
        token_hash=token_hash(secret),
        scopes=sorted(scopes),
        created_by=by,
    )
    record(Kind.API_TOKEN_CREATED, actor=by, name=name, scopes=sorted(scopes))
    return token, secret


def token_revoke(*, token: ApiToken, by: Person) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(Kind.API_TOKEN_REVOKED, actor=by, name=token.name)


def token_used(*, token: ApiToken) -> None:
    # At most once a minute: the API must not write on every read.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
