"""SAML 2.0 (Entra ID, AD FS, and OIOSAML brokers) with the organisation's identity
provider, through pysaml2 and xmlsec1.

pysaml2 checks what matters: the signature over the assertion (with the certificate in
the provider's metadata; an unsigned assertion is refused), the audience (our entity
ID), the validity window, the destination, and that the answer is to a request this
browser made (InResponseTo; unsolicited answers are refused). Nothing here reads XML
signatures by hand.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import requests
import saml2.cryptography.asymmetric
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml, sigver
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.mdstore import MetadataStore
from saml2.metadata import create_metadata_string
from saml2.s_utils import UnknownPrincipal, UnsupportedBinding
from saml2.sigver import verify_redirect_signature
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from identity.models import IdentityProvider
from identity.oidc import Identity, ProviderUnavailable, SignInRejected

TIMEOUT = 10
XMLSEC = "/usr/bin/xmlsec1"
MAX_METADATA_BYTES = 2 * 1024 * 1024


@lru_cache(maxsize=64)
def _private_key(pem: bytes):
    return saml2.cryptography.asymmetric.load_pem_private_key(pem)


def _import_rsa_key_from_file(filename):
    """pysaml2 loads the service provider's RSA key on every request, and loading one
    checks it, 40 ms of a worker each time. The key is the organisation's own, made by
    us; it is checked the first time and kept parsed, by its bytes, from then on."""
    return _private_key(Path(filename).read_bytes())


sigver.import_rsa_key_from_file = _import_rsa_key_from_file


def fetch_metadata(url: str) -> str:
    try:
        answer = requests.get(url, timeout=TIMEOUT)
        answer.raise_for_status()
    except requests.RequestException as error:
        raise ProviderUnavailable(str(error)) from error
    if len(answer.content) > MAX_METADATA_BYTES:
        raise ProviderUnavailable("metadata too large")
    return answer.text


def idp_entity_id(metadata_xml: str) -> str:
    """The identity provider that the metadata describes; ValueError if none."""
    store = MetadataStore(None, None)
    try:
        store.load("inline", metadata_xml)
    except Exception as error:  # pysaml2 raises many kinds for bad XML
        raise ValueError(str(error)) from error
    entities = store.keys()
    found = [entity for entity in entities if store.single_sign_on_service(entity)]
    if len(found) != 1:
        raise ValueError("no identity provider with a single sign-on service")
    return found[0]


@contextmanager
def _client(provider: IdentityProvider, urls: dict[str, str]):
    with tempfile.TemporaryDirectory() as folder:
        key_file = Path(folder, "sp.key")
        cert_file = Path(folder, "sp.crt")
        key_file.write_text(provider.saml_sp_key)
        cert_file.write_text(provider.saml_sp_certificate)
        config = SPConfig()
        config.load(
            {
                "entityid": urls["entity_id"],
                "xmlsec_binary": XMLSEC,
                "metadata": {"inline": [provider.saml_metadata]},
                "key_file": str(key_file),
                "cert_file": str(cert_file),
                "encryption_keypairs": [{"key_file": str(key_file), "cert_file": str(cert_file)}],
                "allow_unknown_attributes": True,
                # SHA-256, as OIOSAML 3 requires (pysaml2 would sign with SHA-1).
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "service": {
                    "sp": {
                        "name": "Ledertrivsel",
                        "endpoints": {
                            "assertion_consumer_service": [(urls["acs"], BINDING_HTTP_POST)],
                            "single_logout_service": [(urls["sls"], BINDING_HTTP_REDIRECT)],
                        },
                        "authn_requests_signed": True,
                        "want_assertions_signed": True,
                        "want_response_signed": False,
                        "allow_unsolicited": False,
                        "name_id_format": saml.NAMEID_FORMAT_PERSISTENT,
                        "name_id_format_allow_create": True,
                    }
                },
            }
        )
        yield Saml2Client(config=config)


def metadata(provider: IdentityProvider, urls: dict[str, str]) -> str:
    """Our service provider metadata, for the identity provider's administrator."""
    with _client(provider, urls) as client:
        return create_metadata_string(None, config=client.config, valid=24 * 365).decode()


def redirect_to_provider(provider: IdentityProvider, urls: dict[str, str], login_hint: str):
    """The request's ID (to be checked against the answer) and the address that sends
    the browser to the provider with a signed request."""
    try:
        entity = idp_entity_id(provider.saml_metadata)
        with _client(provider, urls) as client:
            request_id, info = client.prepare_for_authenticate(
                entityid=entity, binding=BINDING_HTTP_REDIRECT, sign=True, sigalg=SIG_RSA_SHA256
            )
    except (ValueError, UnsupportedBinding, UnknownPrincipal) as error:
        raise ProviderUnavailable(str(error)) from error
    location = dict(info["headers"])["Location"]
    return request_id, location


def identity_from_response(
    provider: IdentityProvider, urls: dict[str, str], saml_response: str, request_id: str
) -> Identity:
    with _client(provider, urls) as client:
        try:
            answer = client.parse_authn_request_response(
                saml_response, BINDING_HTTP_POST, outstanding={request_id: "/"}
            )
        except Exception as error:  # pysaml2 raises many kinds for a forged answer
            raise SignInRejected(f"{type(error).__name__}: {error}") from error
    if answer is None or answer.assertion is None:
        raise SignInRejected("no assertion")
    name_id = answer.name_id
    attributes = answer.get_identity()
    emails = attributes.get(provider.saml_email_attribute) or attributes.get("email") or []
    email = emails[0] if emails else ""
    if not email and name_id.format == saml.NAMEID_FORMAT_EMAILADDRESS:
        email = name_id.text
    names = attributes.get("http://schemas.microsoft.com/identity/claims/displayname") or []
    session = answer.session_info()
    return Identity(
        issuer=answer.issuer(),
        subject=name_id.text,
        email=(email or "").strip().lower(),
        name=names[0] if names else "",
        id_token="",
        logout_url="",
        saml_session={
            "name_id": str(name_id),
            "session_index": session.get("session_index") or "",
        },
    )


def logout_url(provider: IdentityProvider, urls: dict[str, str], saml_session: dict) -> str:
    """Where to send the browser to sign out at the provider too (a signed LogoutRequest
    for this sign-in), or "" if its metadata offers no single logout."""
    try:
        entity = idp_entity_id(provider.saml_metadata)
        with _client(provider, urls) as client:
            services = client.metadata.single_logout_service(
                entity, BINDING_HTTP_REDIRECT, "idpsso"
            )
            if not services:
                return ""
            destination = services[0]["location"]
            _, logout = client.create_logout_request(
                destination,
                entity,
                name_id=saml.name_id_from_string(saml_session["name_id"]),
                session_indexes=[saml_session["session_index"]]
                if saml_session.get("session_index")
                else None,
            )
            info = client.apply_binding(
                BINDING_HTTP_REDIRECT, str(logout), destination, sign=True, sigalg=SIG_RSA_SHA256
            )
    except (ValueError, KeyError, UnknownPrincipal, UnsupportedBinding):
        return ""
    return dict(info["headers"])["Location"]


def logout_from_provider(
    provider: IdentityProvider, urls: dict[str, str], query: dict[str, str]
) -> tuple[str, str]:
    """A logout the provider starts (its LogoutRequest, in the browser's address): the
    NameID it signs out, and the address that takes our signed answer back to it.
    SignInRejected unless the provider signed the request with a key in its metadata."""
    if not query.get("Signature") or not query.get("SigAlg") or not query.get("SAMLRequest"):
        raise SignInRejected("unsigned logout request")
    message = {
        key: query[key]
        for key in ("SAMLRequest", "RelayState", "SigAlg", "Signature")
        if key in query
    }
    try:
        entity = idp_entity_id(provider.saml_metadata)
        with _client(provider, urls) as client:
            certificates = client.metadata.certs(entity, "idpsso", "signing")
            if not any(
                verify_redirect_signature(message, client.sec.sec_backend, certificate)
                for _name, certificate in certificates
            ):
                raise SignInRejected("logout request not signed by the provider")
            request = client.parse_logout_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
            if request is None or request.message.issuer.text != entity:
                raise SignInRejected("logout request from another issuer")
            services = client.metadata.single_logout_service(
                entity, BINDING_HTTP_REDIRECT, "idpsso"
            )
            answer = client.create_logout_response(
                request.message, [BINDING_HTTP_REDIRECT], sign=False
            )
            info = client.apply_binding(
                BINDING_HTTP_REDIRECT,
                str(answer),
                services[0]["location"],
                query.get("RelayState", ""),
                response=True,
                sign=True,
                sigalg=SIG_RSA_SHA256,
            )
    except SignInRejected:
        raise
    except Exception as error:  # pysaml2 raises many kinds for a forged request
        raise SignInRejected(f"{type(error).__name__}: {error}") from error
    return request.message.name_id.text, dict(info["headers"])["Location"]


def name_id_text(saml_session: dict) -> str:
    return saml.name_id_from_string(saml_session["name_id"]).text
