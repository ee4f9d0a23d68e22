"""Each leader's ratings of a plan's themes move from one plain row per theme
(PlanRating, joined to the person) into one encrypted record on their response
(issue 22, path 4)."""

import json

import encrypted.fields
from django.db import migrations


def ratings_into_responses(apps, schema_editor):
    PlanRating = apps.get_model("plans", "PlanRating")
    PlanResponse = apps.get_model("plans", "PlanResponse")
    given: dict[int, dict[str, list]] = {}
    for response_id, theme_id, importance, success in PlanRating.objects.values_list(
        "response_id", "theme_id", "importance", "success"
    ).order_by("response_id", "theme_id"):
        if importance is None and success is None:
            continue
        given.setdefault(response_id, {})[str(theme_id)] = [importance, success]
    for response_id, answers in given.items():
        response = PlanResponse.objects.get(pk=response_id)
        response.answers = json.dumps(answers)
        response.save(update_fields=["answers"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_raters_fixed_when_rating_opens")]

    operations = [
        migrations.AddField(
            model_name="planresponse",
            name="answers",
            field=encrypted.fields.EncryptedTextField(blank=True, default=""),
        ),
        migrations.RunPython(ratings_into_responses, migrations.RunPython.noop),
        migrations.DeleteModel(name="PlanRating"),
    ]
