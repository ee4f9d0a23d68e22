"""A plan's raters are fixed when its rating opens: each gets an (empty) answer then.
Plans whose rating is open now get theirs for the leaders in scope today, by the rules
of plans/scope.py as they stand at this migration."""

from django.db import migrations
from django.db.models import Exists, OuterRef, Q

LEADERSHIP_ROLES = ["leader_of_leaders", "leader_of_employees", "informal_leader"]


def _units_below(Unit, unit_id: int, organisation_id: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Unit.objects.filter(organisation_id=organisation_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def fix_raters_of_open_plans(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    PlanResponse = apps.get_model("plans", "PlanResponse")
    Person = apps.get_model("organisations", "Person")
    RoleAssignment = apps.get_model("organisations", "RoleAssignment")
    Unit = apps.get_model("organisations", "Unit")
    for plan in Plan.objects.filter(rating_opened_at__isnull=False, rating_closed_at__isnull=True):
        has_role = RoleAssignment.objects.filter(
            person=OuterRef("pk"), role__in=LEADERSHIP_ROLES
        )
        has_reports = Person.objects.filter(manager=OuterRef("pk"), is_active=True)
        leaders = Person.objects.filter(
            organisation_id=plan.organisation_id, is_active=True
        ).filter(Q(Exists(has_role)) | Q(Exists(has_reports)))
        if plan.unit_id is not None:
            leaders = leaders.filter(
                unit_id__in=_units_below(Unit, plan.unit_id, plan.organisation_id)
            )
        answered = set(
            PlanResponse.objects.filter(plan_id=plan.pk).values_list("person_id", flat=True)
        )
        PlanResponse.objects.bulk_create(
            [
                PlanResponse(plan_id=plan.pk, person_id=pk)
                for pk in leaders.values_list("pk", flat=True)
                if pk not in answered
            ],
            batch_size=1000,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_maps_without_joint_cells"),
        ("organisations", "0008_operator_requests"),
    ]

    operations = [migrations.RunPython(fix_raters_of_open_plans, migrations.RunPython.noop)]
