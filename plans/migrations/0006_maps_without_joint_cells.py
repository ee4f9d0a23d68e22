"""Stored plan maps keep what the map shows and no joint (importance, success) cells
(issue 22, path 6)."""

from django.db import migrations


def without_cells(value):
    if isinstance(value, dict):
        return {key: without_cells(item) for key, item in value.items() if key != "cells"}
    if isinstance(value, list):
        return [without_cells(item) for item in value]
    return value


def strip_cells(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    for plan in Plan.objects.exclude(map_snapshot=None).only("pk", "map_snapshot"):
        Plan.objects.filter(pk=plan.pk).update(map_snapshot=without_cells(plan.map_snapshot))


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_cadence_label")]

    operations = [migrations.RunPython(strip_cells, migrations.RunPython.noop)]
