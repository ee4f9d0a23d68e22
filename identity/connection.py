"""What proves a sign-in connection: a fingerprint of the identity provider it trusts.

A link between a person and an identity at the provider (issuer, subject) is made
under one connection and holds only under it. Whoever can change the organisation's
sign-in settings could otherwise point them at an identity provider of their own that
claims the real one's name, and sign in as anyone already linked.

- SAML: the IdP's entity ID and the SHA-256 of each certificate it signs with, from its
  metadata. A new certificate is a new connection (a planned rollover included: people
  then confirm once).
- OpenID Connect: the issuer and the client ID. The ID token's signing keys are fetched
  from the issuer's own address over TLS, so nobody can swap them without changing the
  issuer; and providers rotate those keys every few weeks, which must not undo links.

The protocol is part of the fingerprint, so an OIDC issuer string can never match a
SAML entity ID.
"""

from __future__ import annotations

import base64
import hashlib

from defusedxml import ElementTree

from identity.models import IdentityProvider, Protocol

MD = "{urn:oasis:names:tc:SAML:2.0:metadata}"
DS = "{http://www.w3.org/2000/09/xmldsig#}"


def _signing_certificates(metadata_xml: str) -> tuple[str, list[str]]:
    root = ElementTree.fromstring(metadata_xml.encode())
    descriptors = (
        [root] if root.tag == f"{MD}EntityDescriptor" else root.iter(f"{MD}EntityDescriptor")
    )
    for entity in descriptors:
        idp = entity.find(f"{MD}IDPSSODescriptor")
        if idp is None:
            continue
        certificates = []
        for key in idp.findall(f"{MD}KeyDescriptor"):
            if key.get("use", "signing") != "signing":
                continue
            for text in key.iter(f"{DS}X509Certificate"):
                der = base64.b64decode("".join((text.text or "").split()))
                certificates.append(hashlib.sha256(der).hexdigest())
        return entity.get("entityID", ""), sorted(certificates)
    return "", []


def fingerprint(provider: IdentityProvider) -> str:
    """The connection's fingerprint; empty when there is nothing to trust yet."""
    if provider.protocol == Protocol.SAML:
        if not provider.saml_metadata:
            return ""
        try:
            entity_id, certificates = _signing_certificates(provider.saml_metadata)
        except (ElementTree.ParseError, ValueError):
            return ""
        if not entity_id:
            return ""
        parts = ["saml", entity_id, *certificates]
    else:
        if not provider.issuer:
            return ""
        parts = ["oidc", provider.issuer, provider.client_id]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
