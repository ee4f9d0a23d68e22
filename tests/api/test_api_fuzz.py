"""Schemathesis fuzzes the API from its own OpenAPI document: whatever it sends, no
server error, and every answer matches the document."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api import services
from api.models import Scope
from core import status


def _load_schema():
    from django.test.utils import override_settings

    from ledertrivsel.wsgi import application

    # The document is read once, as the API serves it (no database needed for it).
    with override_settings(ALLOWED_HOSTS=["localhost"]):
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = _load_schema()


@pytest.fixture
def token(world, settings):
    from django.core import signals
    from django.db import close_old_connections

    settings.ALLOWED_HOSTS = ["localhost"]
    status.snapshot_take(organisation=world.organisation)
    # As Django's test client does: the test's transaction must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield services.token_create(by=world.admin, name="Fuzz", scopes=[s.value for s in Scope])[1]
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_matches_its_openapi_document_whatever_it_is_sent(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
