"""OpenID Connect with the organisation's provider, through Authlib's Django client.

Authlib checks what matters: the state (against this browser's session, once), the
ID token's signature (with the provider's published keys), its issuer, audience
(our client ID), expiry and nonce. Nothing here reads a token by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from joserfc.errors import JoseError

from identity.models import IdentityProvider

TIMEOUT = 10  # seconds for each call to the provider


class ProviderUnavailable(Exception):
    """The provider did not answer, or answered something that is not OpenID Connect."""


class SignInRejected(Exception):
    """The provider's answer did not prove who signed in (state, token, or an error)."""


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str
    email: str
    name: str
    id_token: str
    logout_url: str
    # SAML only: the NameID and session index that a single logout names.
    saml_session: dict | None = None


def _client(provider: IdentityProvider):
    registry = OAuth()
    return registry.register(
        name=f"organisation{provider.organisation_id}",
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=provider.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": provider.scopes, "default_timeout": TIMEOUT},
    )


def _metadata(client, provider: IdentityProvider) -> dict:
    try:
        metadata = client.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(str(error)) from error
    # The document must describe the issuer we were told to trust, not another one.
    if str(metadata.get("issuer", "")).rstrip("/") != provider.issuer.rstrip("/"):
        raise ProviderUnavailable(f"issuer mismatch: {metadata.get('issuer')!r}")
    return metadata


def check(provider: IdentityProvider) -> dict:
    """The provider's discovery document and keys, fetched now: the configuration test's
    first half (the second is signing in)."""
    client = _client(provider)
    metadata = _metadata(client, provider)
    try:
        keys = client.fetch_jwk_set(force=True)
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(str(error)) from error
    return {"metadata": metadata, "keys": len(keys.get("keys", []))}


def redirect_to_provider(request, provider: IdentityProvider, redirect_uri: str, login_hint=""):
    client = _client(provider)
    _metadata(client, provider)
    extra = {"login_hint": login_hint} if login_hint else {}
    try:
        return client.authorize_redirect(request, redirect_uri, **extra)
    except requests.RequestException as error:
        raise ProviderUnavailable(str(error)) from error


def identity_from_callback(request, provider: IdentityProvider, post_logout_uri: str) -> Identity:
    client = _client(provider)
    metadata = _metadata(client, provider)
    try:
        token = client.authorize_access_token(request)
    except requests.RequestException as error:
        raise ProviderUnavailable(str(error)) from error
    except (AuthlibBaseError, JoseError, ValueError, KeyError) as error:
        # An ID token with a wrong audience, issuer or nonce, expired, unsigned or
        # signed with another key: joserfc says which, and nobody signs in.
        raise SignInRejected(str(error)) from error
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise SignInRejected("no ID token")
    logout_url = ""
    if metadata.get("end_session_endpoint"):
        logout_url = client.create_logout_url(
            post_logout_redirect_uri=post_logout_uri, id_token_hint=token["id_token"]
        )["url"]
    return Identity(
        issuer=str(claims["iss"]),
        subject=str(claims["sub"]),
        email=str(claims.get(provider.email_claim) or "").strip().lower(),
        name=str(claims.get("name") or ""),
        id_token=token["id_token"],
        logout_url=logout_url,
    )
