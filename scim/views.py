"""/scim/v2/: SCIM 2.0 provisioning (RFC 7643/7644) for the organisation's HR system or
identity provider (Entra ID, Okta, an HR system), with an API token that has the scope
`scim`. The token decides the organisation; nothing else is reachable with it."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.views.decorators.csrf import csrf_exempt
from scim2_models import Error, SCIMException, UnauthorizedException
from scim2_server.handler import ScimHandler
from scim2_server.requests import ScimRequest
from scim2_server.responses import ScimResponse
from scim2_server.routing import Operation
from scim2_server.service import ScimService

from access import policy
from api import services as api_services
from audit import ratelimit
from scim.provider import PROVIDER
from scim.storage import OrganisationStorage

# An identity provider's first sync of a large organisation is a burst of calls.
CALLS_PER_MINUTE = 3000
PREFIX = "/scim/v2"

log = logging.getLogger(__name__)
MANAGER_PATH = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:manager"


def _as_the_rfc_has_it(operation: dict) -> list[dict]:
    """Entra ID's two PATCH forms that RFC 7644 does not have, as the RFC has them:
    a manager as a bare id ("value": "42", not {"value": "42"}), and members removed by
    value ("path": "members", "value": [{"value": "42"}]) rather than by a filter."""
    path = str(operation.get("path", "")).lower()
    value = operation.get("value")
    if path == MANAGER_PATH and isinstance(value, str):
        return [{**operation, "value": {"value": value}}]
    if str(operation.get("op", "")).lower() == "remove" and path == "members" and value:
        members = value if isinstance(value, list) else [value]
        return [
            {"op": "remove", "path": f"members[value eq {json.dumps(str(m.get('value')))}]"}
            for m in members
            if isinstance(m, dict)
        ]
    return [operation]


# The library's own refusals are in English; an IT administrator reads them in the
# provisioning log, so each comes with a Danish sentence first (ours are Danish already).
DANISH = {
    "invalidSyntax": "Forespørgslen kan ikke læses",
    "invalidPath": "Stien peger ikke på en attribut, Ledertrivsel gemmer",
    "invalidFilter": "Filteret kan ikke bruges",
    "invalidValue": "En værdi kan ikke bruges",
    "mutability": "Attributten kan ikke ændres",
    "noTarget": "Stien rammer ingenting",
    "tooMany": "For mange resultater",
    "invalidVers": "Versionen passer ikke",
    "uniqueness": "Værdien er allerede brugt",
}
UNKNOWN_ATTRIBUTE = re.compile(
    r"Extra inputs are not permitted: (?P<name>\S+)|'(?P<path>[^']+)' is not an attribute"
)


def _raised_by_us(exception: Exception) -> bool:
    frame = exception.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    module = frame.tb_frame.f_globals.get("__name__", "") if frame else ""
    return module.startswith("scim.")


class Service(ScimService):
    def error_of(self, exception: Exception) -> Error:
        error = super().error_of(exception)
        if not isinstance(exception, SCIMException) or _raised_by_us(exception):
            return error
        unknown = UNKNOWN_ATTRIBUTE.search(error.detail or "")
        if unknown:
            name = unknown.group("name") or unknown.group("path")
            error.detail = (
                f"Ledertrivsel gemmer ikke attributten {name}. Fjern den fra jeres "
                f"kortlægning (mapping), se docs/organisation-it.md. ({error.detail})"
            )
        elif error.scim_type in DANISH:
            error.detail = f"{DANISH[error.scim_type]}: {error.detail}"
        elif error.status == 404:
            error.detail = f"Findes ikke: {error.detail}"
        elif error.status == 405:
            error.detail = f"Metoden kan ikke bruges her: {error.detail}"
        return error

    def read_patch(self, resource_type, body: bytes, content_type: str | None):
        try:
            patch = json.loads(body)
            patch["Operations"] = [
                rewritten
                for operation in patch["Operations"]
                for rewritten in _as_the_rfc_has_it(operation)
            ]
            body = json.dumps(patch).encode()
        except (ValueError, KeyError, AttributeError, TypeError):
            pass  # not a PatchOp: the library answers it
        return super().read_patch(resource_type, body, content_type)


service = Service(PROVIDER)


def _as_django(response: ScimResponse) -> HttpResponse:
    if response.body is None:
        answer = HttpResponse(status=response.status)
    else:
        answer = JsonResponse(response.body, status=response.status)
    for name, value in response.headers.items():
        if name.lower() == "content-type" and response.body is None:
            continue
        answer[name] = value
    return answer


def _body(request: HttpRequest) -> bytes:
    try:
        return request.body
    except RawPostDataException:
        # A form post, already read by a middleware: not SCIM, whose bodies are JSON.
        return b""


def _scim_request(request: HttpRequest, path: str) -> ScimRequest:
    return ScimRequest(
        method=request.method or "GET",
        base_url=request.build_absolute_uri(PREFIX),
        path="/" + path.removesuffix(".scim"),
        query=request.GET.dict(),
        headers=dict(request.headers),
        body=_body(request),
    )


def _serve(request: HttpRequest, scim_request: ScimRequest) -> ScimResponse:
    if service.match(scim_request).operation is Operation.service_provider_config:
        # RFC 7643 §5: the configuration is for anyone, it tells how to authenticate.
        with service.provider:
            service.route(scim_request, Operation.service_provider_config)
            return service.service_provider_config(scim_request.url, scim_request.query)
    token = policy.scim_token_for(request.headers.get("Authorization"))
    if token is None:
        raise UnauthorizedException(detail="Brug en API-nøgle med adgangen scim.")
    if not ratelimit.allow(f"scim:{token.pk}", limit=CALLS_PER_MINUTE, per=timedelta(minutes=1)):
        # RFC 7644 §3.12 lets a service answer 429; no scimType belongs to it.
        slow_down = Error(status=429, detail="For mange kald. Prøv igen om et minut.")
        return ScimResponse(
            HTTPStatus.TOO_MANY_REQUESTS, slow_down.model_dump(), {"Retry-After": "60"}
        )
    api_services.token_used(token=token)
    return ScimHandler(service, OrganisationStorage(token)).handle(scim_request)


@csrf_exempt
def scim(request: HttpRequest, path: str = "") -> HttpResponse:
    scim_request = _scim_request(request, path)
    try:
        response = _serve(request, scim_request)
    except SCIMException as error:
        log.info("SCIM %s %s: %s", request.method, request.path, error)
        response = service.error_response(error)
    response.headers.setdefault("Cache-Control", "no-store")
    if response.status == HTTPStatus.NO_CONTENT:
        response.body = None
    return _as_django(response)
