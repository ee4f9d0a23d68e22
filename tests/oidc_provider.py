"""A real OpenID Connect provider (oidc-provider-mock) in its own process on a port of
this machine: it publishes its discovery document and keys, shows its sign-in form and
signs its ID tokens, as Entra ID or AD FS would."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

import httpx
import pytest

from identity.models import IdentityProvider

# Test modules and conftests that need the provider import its fixtures from here.
__all__ = ["claims", "oidc_server", "provider", "provider_url", "through_provider"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(command: list[str], ready_url: str):
    """Runs a test server in its own process until it answers `ready_url`, and stops it
    afterwards."""
    server = subprocess.Popen(  # noqa: S603 - the tests' own command lines
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(ready_url, timeout=1).raise_for_status()
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.2)
    try:
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def oidc_server():
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    with serving([*command, "--port", str(port)], f"{url}/.well-known/openid-configuration"):
        yield url


@pytest.fixture
def provider(world, oidc_server) -> IdentityProvider:
    return IdentityProvider.objects.create(
        organisation=world.organisation,
        is_enabled=True,
        email_domains="test.example",
        issuer=oidc_server,
        client_id="ledertrivsel",
        client_secret="hemmelig",
        tested_at="2026-11-01T00:00Z",
    )


def linked(person, provider: IdentityProvider, subject: str) -> None:
    """A link the person confirmed earlier, under the provider's current connection."""
    from identity import services

    services.identity_link(
        person=person, provider=provider, issuer=provider.issuer, subject=subject
    )


def claims(server: str, subject: str, **values) -> None:
    """What the provider says about the person who signs in as `subject`."""
    response = httpx.put(f"{server}/users/{quote(subject)}", json=values)
    assert response.status_code == 204


def provider_url(response) -> str:
    """Where the page that moves on to the provider (identity/to_provider.html) goes."""
    assert response.status_code == 200, response
    found = re.search(r'href="([^"]+)" data-provider-url', response.content.decode())
    return html.unescape(found.group(1))


def through_provider(client, start, subject: str):
    """Goes on to the provider, signs in there as `subject` on its form, and comes back
    to our callback, as a browser would."""
    answer = httpx.post(provider_url(start), data={"sub": subject})
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["location"])
    return client.get(f"{back.path}?{back.query}")
