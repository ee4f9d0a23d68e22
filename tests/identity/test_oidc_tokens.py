"""ID tokens a real provider would never send: a crafted provider on a port of this
machine serves its discovery document, its keys and a token endpoint that answers with
the token each test asks for. Each must sign nobody in, with a Danish message."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from identity.models import IdentityProvider
from tests.factories import PersonFactory
from tests.oidc_provider import linked, provider_url

KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})


class CraftedProvider(ThreadingHTTPServer):
    token: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _json(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        base = self.server.url
        if self.path == "/.well-known/openid-configuration":
            self._json(
                {
                    "issuer": base,
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "jwks_uri": f"{base}/jwks",
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "response_types_supported": ["code"],
                    "subject_types_supported": ["public"],
                }
            )
        elif self.path == "/jwks":
            self._json(KeySet([KEY]).as_dict(private=False))
        else:
            self.send_error(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self._json({"access_token": "a", "token_type": "Bearer", "id_token": self.server.token})


@pytest.fixture(scope="module")
def crafted():
    server = CraftedProvider(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def id_token(server, nonce: str, *, key=KEY, alg="RS256", **changes) -> str:
    now = int(time.time())
    claims = {
        "iss": server.url,
        "sub": "sub-1",
        "aud": "ledertrivsel",
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
        "email": "ny@test.example",
        **changes,
    }
    return jwt.encode({"alg": alg, "kid": "k1"}, claims, key)


def unsigned(server, nonce: str) -> str:
    """alg "none": a token anyone could write."""
    import base64

    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    now = int(time.time())
    claims = {"iss": server.url, "sub": "sub-1", "aud": "ledertrivsel", "iat": now,
              "exp": now + 300, "nonce": nonce, "email": "ny@test.example"}  # fmt: skip
    return f"{part({'alg': 'none'})}.{part(claims)}."


@pytest.mark.parametrize(
    "case",
    [
        "good",
        "wrong audience",
        "expired",
        "wrong issuer",
        "unsigned",
        "signed by another key",
        "wrong nonce",
    ],
)
def test_only_a_valid_id_token_signs_in(case, crafted, world, client):
    provider = IdentityProvider.objects.create(
        organisation=world.organisation,
        is_enabled=True,
        email_domains="test.example",
        issuer=crafted.url,
        client_id="ledertrivsel",
        client_secret="hemmelig",
    )
    person = PersonFactory(organisation=world.organisation, email="ny@test.example")
    person.set_unusable_password()
    person.save()
    linked(person, provider, "sub-1")
    start = client.post(reverse("login"), {"username": person.email, "password": ""})
    query = parse_qs(urlsplit(provider_url(start)).query)
    nonce, state = query["nonce"][0], query["state"][0]
    crafted.token = {
        "good": lambda: id_token(crafted, nonce),
        "wrong audience": lambda: id_token(crafted, nonce, aud="en-anden-app"),
        "expired": lambda: id_token(
            crafted, nonce, iat=int(time.time()) - 7200, exp=int(time.time()) - 3600
        ),
        "wrong issuer": lambda: id_token(crafted, nonce, iss="https://evil.example"),
        "unsigned": lambda: unsigned(crafted, nonce),
        "signed by another key": lambda: id_token(crafted, nonce, key=OTHER_KEY),
        "wrong nonce": lambda: id_token(crafted, "en-anden-nonce"),
    }[case]()
    response = client.get(reverse("identity:callback"), {"code": "c", "state": state})
    assert response.status_code == 302
    if case == "good":
        # The harness itself works: a valid token signs in.
        assert int(client.session[SESSION_KEY]) == person.pk
        return
    assert response["Location"] == reverse("login")
    assert SESSION_KEY not in client.session
    assert "lykkedes ikke" in client.get(reverse("login")).content.decode()
