"""Every page's number of queries, pinned exactly (as Zulip does) and flat in the size
of the organisation. The pages come from the permission matrix, each opened by someone
allowed to see it. When a change alters a count on purpose, run
`UPDATE_QUERY_COUNTS=1 pytest tests/core/test_query_counts.py` and commit the file.
Each page is a test of its own, which lists the queries when its count is wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import Participation
from organisations.models import GroupMembership, Person, Role, RoleAssignment
from tests.access.test_permission_matrix import ACTORS, MATRIX, OK, actor_person

PINNED = Path(__file__).with_name("query_counts.json")
# The pages a leader opens most, as a leader and as a leader of leaders sees them.
KEY_PAGES = [("home", "leader"), ("home", "chef"), ("overview", "leader")]
PAGES = sorted(
    {
        *(
            (name, next(a for a in ACTORS if a != "anonymous" and row.expect[a] == OK))
            for name, row in MATRIX.items()
            if row.method == "get" and any(row.expect[a] == OK for a in ACTORS if a != "anonymous")
        ),
        *KEY_PAGES,
    }
)


def _opened(client, url: str, data) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        client.get(url, data)
    return [query["sql"] for query in context.captured_queries]


def grow(world, n: int = 12) -> None:
    """More of everything a page could list: leaders under the same managers, in the
    same units, groups and rounds."""
    people = Person.objects.bulk_create(
        Person(
            organisation=world.organisation,
            unit=world.sub_unit,
            manager=world.chef,
            name=f"Vækst {i}",
            email=f"vaekst{i}@test.example",
            password="!",
            vouched_at=timezone.now(),
        )
        for i in range(n)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(person=person, role=Role.LEADER_OF_EMPLOYEES) for person in people
    )
    GroupMembership.objects.bulk_create(
        GroupMembership(group=world.group, person=person) for person in people
    )
    Participation.objects.bulk_create(
        Participation(round=world.round, person=person) for person in people
    )


def _listed(queries: list[str]) -> str:
    return "\n".join(f"  {n}. {sql}" for n, sql in enumerate(queries, start=1))


@pytest.mark.parametrize(("name", "actor"), PAGES, ids=[f"{n}-{a}" for n, a in PAGES])
def test_the_page_makes_its_pinned_number_of_queries_whatever_the_size(name, actor, world, client):
    row = MATRIX[name]
    # Signed in as Django does it, so the login's own audit event is on the pages that
    # list events, as it is for a real person.
    Client.force_login(client, actor_person(world, actor))
    url = reverse(name, kwargs=row.kwargs(world))
    client.get(url, row.data_for(world))  # what a first visit caches
    queries = _opened(client, url, row.data_for(world))
    key = f"{name} as {actor}"
    if os.environ.get("UPDATE_QUERY_COUNTS"):
        counts = json.loads(PINNED.read_text())
        counts[key] = len(queries)
        PINNED.write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n")
    pinned = json.loads(PINNED.read_text()).get(key)
    assert len(queries) == pinned, (
        f"{key}: {len(queries)} queries, pinned {pinned}. They were:\n{_listed(queries)}"
    )
    grow(world)
    grown = _opened(client, url, row.data_for(world))
    assert len(grown) == len(queries), (
        f"{key} grows with the organisation: {len(queries)} queries, then {len(grown)}:\n"
        + _listed(grown)
    )


def test_every_pinned_page_still_exists():
    """A page that is gone, or renamed, leaves no stale pin behind."""
    assert set(json.loads(PINNED.read_text())) == {f"{n} as {a}" for n, a in PAGES}
