"""A stored map keeps what the map shows (means, spreads, picks) and no joint cells of
(importance, success): a unanimous cell shows everyone's answer, and a member who
subtracts their own answer from a small group's cells learns the others' (issue 22,
path 6)."""

from __future__ import annotations

import json
from importlib import import_module

from django.apps import apps

from groups import services as group_services
from groups.models import Participation
from plans import services as plan_services
from prioritymap.model import Rated
from tests.factories import plan_open_to_raters

ALL = {n: Rated(importance=1, success=-1) for n in range(1, 21)}


def test_a_closed_rounds_map_holds_no_joint_cells(world):
    for participation in Participation.objects.filter(round=world.round):
        group_services.confidentiality_accept(participation=participation)
        group_services.preparation_save(
            participation=participation, ratings=ALL, picks=[1, 2], notes=""
        )
        group_services.preparation_complete(participation=participation)
    group_services.preparation_close(round_=world.round)
    world.round.refresh_from_db()
    stored = json.dumps(world.round.map_snapshot)
    assert '"importance_spread"' in stored and '"cells"' not in stored


def test_a_closed_plans_map_holds_no_joint_cells(world):
    plan, raters = plan_open_to_raters(world, 5)
    themes = list(plan.themes.all())
    for person in raters:
        response = plan_services.response_get_or_create(plan=plan, person=person)
        plan_services.response_save(
            response=response, ratings={t.pk: Rated(importance=1, success=1) for t in themes}
        )
        plan_services.response_submit(response=response)
    plan_services.plan_rating_close(plan=plan)
    plan.refresh_from_db()
    stored = json.dumps(plan.map_snapshot)
    assert '"importance_spread"' in stored and '"cells"' not in stored


def test_maps_stored_before_lose_their_cells(world):
    old = {
        "respondents": 3,
        "positions": [
            {
                "item": 1, "answers": 3, "importance": 1.0, "success": -1.0,
                "importance_spread": 0.0, "success_spread": 0.0,
                "cells": [[1, -1, 3]], "top_picks": 2,
            }
        ],
    }  # fmt: skip
    world.plan.map_snapshot = {"map": old, "answered": 3, "k": 3}
    world.plan.save(update_fields=["map_snapshot"])
    world.round.map_snapshot = {"map": old}
    world.round.save(update_fields=["map_snapshot"])
    import_module("plans.migrations.0006_maps_without_joint_cells").strip_cells(apps, None)
    import_module("groups.migrations.0009_maps_without_joint_cells").strip_cells(apps, None)
    for stored in (world.plan, world.round):
        stored.refresh_from_db()
        assert '"cells"' not in json.dumps(stored.map_snapshot)
        assert stored.map_snapshot["map"]["positions"][0]["top_picks"] == 2
