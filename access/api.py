"""The REST API's tokens: which token a request carries, what it may read, and who
manages tokens (the organisation's administrators, as for sign-in)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from access.identity import may_configure_sign_in
from api.models import ApiToken, Scope
from api.services import token_hash
from organisations.models import Person


def api_token_for(secret: str) -> ApiToken | None:
    """The live token with this secret, with its organisation; None if unknown or
    revoked."""
    if not secret:
        return None
    return (
        ApiToken.objects.filter(token_hash=token_hash(secret), revoked_at__isnull=True)
        .select_related("organisation")
        .first()
    )


def api_token_allows(token: ApiToken, scope: str) -> bool:
    return scope in token.scopes


def scim_token_for(authorization: str | None) -> ApiToken | None:
    """The live token of an `Authorization: Bearer …` header, if it may provision
    (scope `scim`); None otherwise."""
    scheme, _, secret = (authorization or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    token = api_token_for(secret.strip())
    return token if token is not None and api_token_allows(token, Scope.SCIM) else None


def may_manage_api_tokens(person: Person) -> bool:
    """A token reads the organisation's structure: only its administrators make one."""
    return may_configure_sign_in(person)


def own_api_tokens(person: Person) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation_id=person.organisation_id)


def get_api_token(person: Person, pk: int) -> ApiToken:
    token = own_api_tokens(person).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def metrics_reader(authorization: str) -> bool | None:
    """Whether a scrape may read /metrics: None when metrics are off (no METRICS_TOKEN:
    the page does not exist), else whether it sent "Bearer <METRICS_TOKEN>"."""
    expected = getattr(settings, "METRICS_TOKEN", "")
    if not expected:
        return None
    scheme, _, given = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), expected)
