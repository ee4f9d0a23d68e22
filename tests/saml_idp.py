"""A real SAML 2.0 identity provider (pysaml2's IdP) in its own process on a port of this
machine: it publishes its metadata, shows a sign-in form for a signed request, and
posts a signed assertion back to the service provider, as Entra ID or an OIOSAML
broker would.

Run as `python -m tests.saml_idp PORT [ENTITY_ID]`. The sign-in form takes a `mode`: `encrypted`
encrypts the assertion (as OIOSAML brokers do); for the negative cases, `forged` signs
with a key that is not in the metadata, `unsigned` signs nothing, `expired` answers
with an assertion whose time is up, `audience` with one made for another service
provider.
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.server import Server
from saml2.xmldsig import SIG_RSA_SHA256

from identity.certificates import key_and_certificate

EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
DISPLAY_NAME = "http://schemas.microsoft.com/identity/claims/displayname"


def _key_pair(folder: Path, name: str) -> tuple[str, str]:
    """Files, as pysaml2 takes them."""
    key, certificate = key_and_certificate(name, days=30)
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_text(key)
    cert_file.write_text(certificate)
    return str(key_file), str(cert_file)


class IdentityProvider:
    def __init__(self, base_url: str, folder: Path, entity_id: str = "") -> None:
        self.base_url = base_url
        self.entity_id = entity_id or f"{base_url}/metadata"
        self.folder = folder
        self.keys = _key_pair(folder, "idp")
        self.other_keys = _key_pair(folder, "impostor")
        self.sp_metadata: dict[str, str] = {}
        self.servers: dict[str, Server] = {}
        self.signed_out: list[str] = []
        self.logout_answers: list[str] = []

    def server(self, mode: str = "ok") -> Server:
        if mode not in self.servers:
            key_file, cert_file = self.other_keys if mode == "forged" else self.keys
            lifetime = {"minutes": -10} if mode == "expired" else {"minutes": 5}
            config = IdPConfig()
            config.load(
                {
                    "entityid": self.entity_id,
                    "xmlsec_binary": "/usr/bin/xmlsec1",
                    "key_file": key_file,
                    "cert_file": cert_file,
                    "metadata": {"inline": list(self.sp_metadata.values())},
                    "service": {
                        "idp": {
                            "name": "Test-IdP",
                            "endpoints": {
                                "single_sign_on_service": [
                                    (f"{self.base_url}/sso", BINDING_HTTP_REDIRECT)
                                ],
                                "single_logout_service": [
                                    (f"{self.base_url}/slo", BINDING_HTTP_REDIRECT)
                                ],
                            },
                            "name_id_format": [saml.NAMEID_FORMAT_PERSISTENT],
                            "policy": {"default": {"lifetime": lifetime}},
                        }
                    },
                }
            )
            self.servers[mode] = Server(config=config)
        return self.servers[mode]

    def metadata(self) -> bytes:
        return create_metadata_string(None, config=self.server().config, valid=24)

    def sign_in_form(self, query: dict) -> str:
        request = self.server().parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        fields = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(query.get(name, ""))}">'
            for name in ("SAMLRequest", "RelayState")
        )
        hint = html.escape(request.message.subject.name_id.text if request.message.subject else "")
        return (
            '<!doctype html><html lang="en"><head><title>Test-IdP</title></head><body>'
            '<main><h1>Test-IdP</h1><form method="post" action="/login">'
            f'{fields}<label for="email">E-mail</label>'
            f'<input id="email" name="email" value="{hint}">'
            '<label for="mode">Mode</label><select id="mode" name="mode">'
            "<option>ok</option><option>encrypted</option><option>forged</option>"
            "<option>unsigned</option>"
            "<option>expired</option><option>audience</option></select>"
            '<button type="submit">Sign in</button></form></main></body></html>'
        )

    def answer(self, form: dict) -> str:
        """The page that posts the signed answer to the service provider."""
        mode = form.get("mode", "ok")
        server = self.server(mode)
        request = self.server().parse_authn_request(form["SAMLRequest"], BINDING_HTTP_REDIRECT)
        sp_entity_id = request.message.issuer.text
        email = form["email"]
        signed = mode != "unsigned"
        response = server.create_authn_response(
            identity={EMAIL: [email], DISPLAY_NAME: [email.split("@")[0].title()]},
            in_response_to=request.message.id,
            destination=request.message.assertion_consumer_service_url,
            sp_entity_id="https://andet.example/sp" if mode == "audience" else sp_entity_id,
            name_id=saml.NameID(format=saml.NAMEID_FORMAT_PERSISTENT, text=f"id-{email}"),
            authn={"class_ref": saml.AUTHN_PASSWORD_PROTECTED},
            sign_assertion=signed,
            sign_response=False,
            # As OIOSAML brokers do: the assertion encrypted to the certificate in the
            # service provider's metadata.
            encrypt_assertion=mode == "encrypted",
        )
        posted = server.apply_binding(
            BINDING_HTTP_POST,
            str(response),
            request.message.assertion_consumer_service_url,
            form.get("RelayState", ""),
            response=True,
        )
        return posted["data"]

    def start_logout(self, query: dict) -> str:
        server = self.server(query.get("mode", "ok"))
        sp_entity_id = query["sp"]
        services = self.server().metadata.single_logout_service(
            sp_entity_id, BINDING_HTTP_REDIRECT, "spsso"
        )
        destination = services[0]["location"]
        _, request = server.create_logout_request(
            destination,
            sp_entity_id,
            name_id=saml.NameID(format=saml.NAMEID_FORMAT_PERSISTENT, text=query["name_id"]),
            sign=False,
        )
        posted = server.apply_binding(
            BINDING_HTTP_REDIRECT, str(request), destination, sign=True, sigalg=SIG_RSA_SHA256
        )
        return dict(posted["headers"])["Location"]

    def __call__(self, environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        try:
            if path == "/metadata":
                return self._send(start_response, "200 OK", self.metadata(), "application/xml")
            if path == "/sp" and method == "POST":
                xml = body.decode()
                entity_id = re.search(r'entityID="([^"]+)"', xml).group(1)
                # The servers are rebuilt only when a provider's metadata changed: most
                # tests introduce the same one again, and a rebuild takes a good while.
                if self.sp_metadata.get(entity_id) != xml:
                    self.sp_metadata[entity_id] = xml
                    self.servers.clear()
                return self._send(start_response, "204 No Content", b"", "text/plain")
            if path == "/sso":
                page = self.sign_in_form(query)
                return self._send(start_response, "200 OK", page.encode(), "text/html")
            if path == "/start-logout":
                # The IdP signs someone out everywhere: a signed LogoutRequest to the
                # service provider, through the browser.
                location = self.start_logout(query)
                start_response("302 Found", [("Location", location)])
                return [b""]
            if path == "/slo" and "SAMLResponse" in query:
                answer = self.server().parse_logout_request_response(
                    query["SAMLResponse"], BINDING_HTTP_REDIRECT
                )
                self.logout_answers.append(answer.response.status.status_code.value)
                page = "<!doctype html><title>Test-IdP</title><p>Signed out everywhere.</p>"
                return self._send(start_response, "200 OK", page.encode(), "text/html")
            if path == "/logout-answers":
                body = "\n".join(self.logout_answers).encode()
                return self._send(start_response, "200 OK", body, "text/plain")
            if path == "/slo":
                # The service provider's signed LogoutRequest: its signature is checked
                # against the certificate in the service provider's metadata.
                request = self.server().parse_logout_request(
                    query["SAMLRequest"],
                    BINDING_HTTP_REDIRECT,
                    relay_state=query.get("RelayState"),
                    sigalg=query.get("SigAlg"),
                    signature=query.get("Signature"),
                )
                self.signed_out.append(request.message.name_id.text)
                page = "<!doctype html><title>Test-IdP</title><p>Signed out at Test-IdP.</p>"
                return self._send(start_response, "200 OK", page.encode(), "text/html")
            if path == "/signed-out":
                body = "\n".join(self.signed_out).encode()
                return self._send(start_response, "200 OK", body, "text/plain")
            if path == "/login" and method == "POST":
                form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                return self._send(start_response, "200 OK", self.answer(form).encode(), "text/html")
        except Exception as error:  # a test IdP shows what went wrong
            return self._send(start_response, "400 Bad Request", repr(error).encode(), "text/plain")
        return self._send(start_response, "404 Not Found", b"", "text/plain")

    @staticmethod
    def _send(start_response, status: str, body: bytes, content_type: str):
        start_response(status, [("Content-Type", content_type)])
        return [body]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    port = int(sys.argv[1])
    # A second argument: another IdP's entity ID, claimed by this one (with keys of its
    # own), as an impostor set up by whoever controls the sign-in settings would.
    entity_id = sys.argv[2] if len(sys.argv) > 2 else ""
    with tempfile.TemporaryDirectory() as folder:
        # "localhost", as the live server: its answer is posted from the same site, so the
        # request cookie (SameSite=Lax over plain HTTP) comes along.
        idp = IdentityProvider(f"http://localhost:{port}", Path(folder), entity_id)
        make_server("127.0.0.1", port, idp, handler_class=QuietHandler).serve_forever()


if __name__ == "__main__":
    main()
