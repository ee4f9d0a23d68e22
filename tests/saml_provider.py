"""The SAML identity provider of tests/saml_idp.py in its own process, and how a test
goes through it as a browser would."""

from __future__ import annotations

import contextlib
import functools
import html
import re
import sys
from urllib.parse import urlsplit

import httpx
import pytest
from django.urls import reverse

from identity import certificates
from identity.models import IdentityProvider, Protocol
from tests.oidc_provider import _free_port, provider_url, serving

__all__ = ["saml_provider", "saml_server", "through_idp"]


@pytest.fixture(scope="session")
def saml_server():
    port = _free_port()
    url = f"http://localhost:{port}"
    with serving([sys.executable, "-m", "tests.saml_idp", str(port)], f"{url}/metadata"):
        yield url


@contextlib.contextmanager
def impostor_idp(entity_id: str):
    """An identity provider with keys of its own that claims another's entity ID."""
    port = _free_port()
    url = f"http://localhost:{port}"
    with serving([sys.executable, "-m", "tests.saml_idp", str(port), entity_id], f"{url}/metadata"):
        yield url


def introduce(saml_server: str, metadata: bytes) -> None:
    """Gives the IdP our service provider metadata, as its administrator would."""
    assert httpx.post(f"{saml_server}/sp", content=metadata).status_code == 204


@functools.cache
def _our_key_and_certificate() -> tuple[str, str]:
    """Made once: an RSA key takes a good part of a second, and no test needs its own."""
    return certificates.key_and_certificate("Ledertrivsel test")


@pytest.fixture
def saml_provider(world, saml_server, client) -> IdentityProvider:
    key, certificate = _our_key_and_certificate()
    provider = IdentityProvider.objects.create(
        organisation=world.organisation,
        protocol=Protocol.SAML,
        is_enabled=True,
        email_domains="test.example",
        saml_metadata_url=f"{saml_server}/metadata",
        saml_metadata=httpx.get(f"{saml_server}/metadata").text,
        saml_sp_key=key,
        saml_sp_certificate=certificate,
        tested_at="2026-11-01T00:00Z",
    )
    ours = client.get(metadata_path(provider))
    assert ours.status_code == 200, ours.content
    introduce(saml_server, ours.content)
    return provider


def idp_entity_id(saml_server: str) -> str:
    return f"{saml_server}/metadata"


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else ""


def answer_from_idp(start, email: str, mode: str = "ok") -> tuple[str, dict]:
    """Signs in at the IdP as `email`: where its page posts, and what."""
    form = httpx.get(provider_url(start))
    assert form.status_code == 200, form.text
    posted = httpx.post(
        form.url.copy_with(path="/login", query=None),
        data={
            "SAMLRequest": _hidden(form.text, "SAMLRequest"),
            "RelayState": _hidden(form.text, "RelayState"),
            "email": email,
            "mode": mode,
        },
    )
    assert posted.status_code == 200, posted.text
    action = html.unescape(re.search(r'action="([^"]+)"', posted.text).group(1))
    return urlsplit(action).path, {
        "SAMLResponse": _hidden(posted.text, "SAMLResponse"),
        "RelayState": _hidden(posted.text, "RelayState"),
    }


def through_idp(client, start, email: str, mode: str = "ok"):
    path, data = answer_from_idp(start, email, mode)
    return client.post(path, data)


def metadata_path(provider: IdentityProvider) -> str:
    return reverse("identity:saml_metadata", args=[provider.organisation_id])
