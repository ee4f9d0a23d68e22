"""The scale generator makes an organisation shaped like a real one, fast enough to
make the largest (20,000 leaders) in a load test's set-up."""

from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from groups.models import Round, RoundStatus
from operations import scale
from organisations.models import (
    LEADER_ROLES,
    ManagementGroup,
    Person,
    Role,
    RoleAssignment,
    Unit,
)
from plans.models import PlanResponse


def test_a_generated_organisation_is_shaped_like_a_real_one(db):
    call_command("generate_organisation", leaders=400, slug="proeve", verbosity=0)
    people = Person.objects.filter(organisation__slug="proeve")
    leaders = people.filter(role_assignments__role__in=LEADER_ROLES).distinct()
    assert 390 <= leaders.count() <= 410
    # One top, everyone else leading reports to someone in the same organisation.
    without_manager = leaders.filter(manager__isnull=True)
    assert list(without_manager.values_list("email", flat=True)) == ["direktion@proeve.example"]
    assert (
        not leaders.exclude(manager__organisation__slug="proeve")
        .exclude(manager__isnull=True)
        .exists()
    )
    groups = ManagementGroup.objects.filter(organisation__slug="proeve")
    # A department's groups have 5-12 members (a small rest joins the last group); the
    # top management groups are as small as there are areas.
    sizes = [
        g.size
        for g in groups.filter(unit__name__startswith="Afdeling").annotate(size=Count("members"))
    ]
    assert sizes and min(sizes) >= 5 and max(sizes) <= 15
    closed = Round.objects.filter(group__organisation__slug="proeve", status=RoundStatus.CLOSED)
    assert closed.count() == groups.count()
    assert not closed.filter(map_snapshot__isnull=True).exists()
    assert PlanResponse.objects.filter(plan__organisation__slug="proeve").count() > 50
    assert RoleAssignment.objects.filter(person__email="hr@proeve.example", role="hr").exists()
    # Each leader of employees heads a unit of their own, as in a municipality.
    employees_leaders = people.filter(role_assignments__role=Role.LEADER_OF_EMPLOYEES)
    assert employees_leaders.values("unit").distinct().count() == employees_leaders.count()
    assert Unit.objects.filter(organisation__slug="proeve").count() > employees_leaders.count()
    # Everyone signs in with the one generated password.
    assert Person.objects.get(email="leder1@proeve.example").check_password(scale.PASSWORD)


def test_several_organisations_for_a_multi_tenant_database_and_the_benchmark(db):
    from benchmark import selectors as benchmark_selectors
    from benchmark.models import Tool

    call_command(
        "generate_organisation", leaders=40, organisations=3, slug="t", benchmark=True, verbosity=0
    )
    assert sorted(
        Person.objects.filter(email__startswith="direktion@t").values_list("email", flat=True)
    ) == ["direktion@t1.example", "direktion@t2.example", "direktion@t3.example"]
    # Each takes part, with its plan's rating and its rounds' preparations closed now.
    quarter = benchmark_selectors.quarter_of(timezone.localdate())
    for tool, items in ((Tool.PLAN, 12), (Tool.GROUP, 20)):
        rows = benchmark_selectors.contributions(tool=tool, quarter=quarter)
        assert len(rows) == 3
        assert all(row.leaders > 0 and len(row.means) == items for row in rows)


def test_the_earlier_shape_puts_leaders_in_their_departments_unit(db):
    call_command("generate_organisation", leaders=60, slug="delt", shared_units=True, verbosity=0)
    leaders = Person.objects.filter(
        organisation__slug="delt", role_assignments__role=Role.LEADER_OF_EMPLOYEES
    )
    assert leaders.values("unit").distinct().count() < leaders.count() / 5
