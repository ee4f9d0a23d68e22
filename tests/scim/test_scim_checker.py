"""scim2-tester, the python-scim project's RFC 7643/7644 checker, runs against the
running server over HTTP: discovery, creation, reading with attribute selection,
replacement, PATCH add/replace/remove on every attribute, and deletion."""

from __future__ import annotations

import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

from api import services


@pytest.mark.django_db(transaction=True)
def test_the_scim_checker_finds_nothing_wrong(live_server, world, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    secret = services.token_create(by=world.admin, name="HR-systemet", scopes=["scim"])[1]
    http = httpx2.Client(
        base_url=f"{live_server.url.replace('localhost', '127.0.0.1')}/scim/v2",
        headers={"Authorization": f"Bearer {secret}"},
        timeout=30,
    )
    with http:
        results = check_server(SyncSCIMClient(http))

    failed = [
        f"{r.title} ({r.resource_type}): {r.reason}"
        for r in results
        if r.status in (Status.ERROR, Status.CRITICAL)
    ]
    assert not failed, "\n\n".join(failed)
    passed = {(r.title, r.resource_type) for r in results if r.status == Status.SUCCESS}
    for check in (
        "object_creation",
        "object_query",
        "object_query_without_id",
        "object_replacement",
        "object_deletion",
        "check_add_attribute",
        "check_replace_attribute",
        "check_remove_attribute",
    ):
        assert (check, "User") in passed
        assert (check, "Group") in passed
