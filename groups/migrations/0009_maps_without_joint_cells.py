"""Stored group maps keep what the map shows and no joint (importance, success) cells:
a member who subtracts their own answer from a small group's cells learns the others'
(issue 22, path 6)."""

from django.db import migrations


def without_cells(value):
    if isinstance(value, dict):
        return {key: without_cells(item) for key, item in value.items() if key != "cells"}
    if isinstance(value, list):
        return [without_cells(item) for item in value]
    return value


def strip_cells(apps, schema_editor):
    Round = apps.get_model("managementgroups", "Round")
    for round_ in Round.objects.exclude(map_snapshot=None).only("pk", "map_snapshot"):
        Round.objects.filter(pk=round_.pk).update(map_snapshot=without_cells(round_.map_snapshot))


class Migration(migrations.Migration):
    dependencies = [("managementgroups", "0008_cadence_label")]

    operations = [migrations.RunPython(strip_cells, migrations.RunPython.noop)]
