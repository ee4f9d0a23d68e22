"""Every page's number of queries, pinned exactly (as Zulip does) and flat in the size
of the organisation. The pages come from the permission matrix, each opened by someone
allowed to see it. When a change alters a count on purpose, run
`UPDATE_QUERY_COUNTS=1 pytest tests/core/test_query_counts.py` and commit the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import Participation
from organisations.models import GroupMembership, Role
from tests.access.test_permission_matrix import ACTORS, MATRIX, OK, actor_person
from tests.factories import PersonFactory

PINNED = Path(__file__).with_name("query_counts.json")
PAGES = sorted(
    (name, next(a for a in ACTORS if a != "anonymous" and row.expect[a] == OK))
    for name, row in MATRIX.items()
    if row.method == "get" and any(row.expect[a] == OK for a in ACTORS if a != "anonymous")
)


def count_queries(world, client) -> dict[str, int]:
    counts = {}
    for name, actor in PAGES:
        row = MATRIX[name]
        client.force_login(actor_person(world, actor))
        url = reverse(name, kwargs=row.kwargs(world))
        client.get(url, row.data_for(world))  # what a first visit caches
        with CaptureQueriesContext(connection) as context:
            client.get(url, row.data_for(world))
        counts[f"{name} as {actor}"] = len(context.captured_queries)
    return counts


def grow(world, n: int = 12) -> None:
    """More of everything a page could list: leaders under the same managers, in the
    same units, groups and rounds."""
    for i in range(n):
        person = PersonFactory(
            organisation=world.organisation,
            unit=world.sub_unit,
            manager=world.chef,
            roles=[Role.LEADER_OF_EMPLOYEES],
            email=f"vaekst{i}@test.example",
        )
        GroupMembership.objects.create(group=world.group, person=person)
        Participation.objects.create(round=world.round, person=person)


def test_every_page_makes_its_pinned_number_of_queries_whatever_the_size(world, client):
    counts = count_queries(world, client)
    if os.environ.get("UPDATE_QUERY_COUNTS"):
        PINNED.write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n")
    pinned = json.loads(PINNED.read_text())
    changed = {page: (pinned.get(page), n) for page, n in counts.items() if pinned.get(page) != n}
    assert not changed, f"Queries per page changed (pinned, now): {changed}"
    grow(world)
    grown = count_queries(world, client)
    growing = {page: (counts[page], n) for page, n in grown.items() if counts[page] != n}
    assert not growing, f"Pages whose queries grow with the organisation: {growing}"
