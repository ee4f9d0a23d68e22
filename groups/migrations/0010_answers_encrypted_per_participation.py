"""Each member's ratings and top picks for a round move from plain rows joined to the
person (Rating, TopPick) into one encrypted record on their participation (issue 22,
path 4), also in rounds run anonymously."""

import json

import encrypted.fields
from django.db import migrations


def answers_into_participations(apps, schema_editor):
    Rating = apps.get_model("managementgroups", "Rating")
    TopPick = apps.get_model("managementgroups", "TopPick")
    Participation = apps.get_model("managementgroups", "Participation")
    answers: dict[int, dict] = {}
    for participation_id, statement, importance, success in Rating.objects.values_list(
        "participation_id", "statement", "importance", "success"
    ).order_by("participation_id", "statement"):
        if importance is None and success is None:
            continue
        entry = answers.setdefault(participation_id, {"ratings": {}, "picks": []})
        entry["ratings"][str(statement)] = [importance, success]
    for participation_id, statement in TopPick.objects.values_list(
        "participation_id", "statement"
    ).order_by("participation_id", "statement"):
        answers.setdefault(participation_id, {"ratings": {}, "picks": []})["picks"].append(
            statement
        )
    for participation_id, entry in answers.items():
        participation = Participation.objects.get(pk=participation_id)
        participation.answers = json.dumps(entry)
        participation.save(update_fields=["answers"])


class Migration(migrations.Migration):
    dependencies = [("managementgroups", "0009_maps_without_joint_cells")]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="answers",
            field=encrypted.fields.EncryptedTextField(blank=True, default=""),
        ),
        migrations.RunPython(answers_into_participations, migrations.RunPython.noop),
        migrations.DeleteModel(name="Rating"),
        migrations.DeleteModel(name="TopPick"),
    ]
