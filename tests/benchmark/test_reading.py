"""In tool 3's "Kvalificer", a plan team of an organisation that takes part reads how
the other organisations rate each chosen theme: all of them and its own sector, with the
uncertainty said plainly. Others see an invitation, never figures."""

from django.urls import reverse
from django.utils import timezone

from benchmark.models import Participation, Release, ReleasedFigure, Tool


def take_part(world, sector="kommune"):
    Participation.objects.create(
        organisation=world.organisation,
        sector=sector,
        size_band="200_999",
        admin_confirmed_by=world.admin,
        admin_confirmed_at=timezone.now(),
        representative_confirmed_by=world.med,
        representative_confirmed_at=timezone.now(),
    )


def a_release():
    made = Release.objects.create(
        tool=Tool.PLAN, quarter="2026-Q3", rho=0.5, epsilon=5.2, delta=1e-6,
        min_organisations=5, min_leaders=50,
    )  # fmt: skip
    for sector, importance, organisations in (("", 0.61, 42), ("kommune", -0.25, 17),
                                              ("finans", 0.99, 9)):  # fmt: skip
        same = {"release": made, "sector": sector, "importance": importance, "success": 0.125}
        ReleasedFigure.objects.bulk_create(
            ReleasedFigure(**same, item=item, margin=0.31, organisations=organisations)
            for item in range(1, 13)
        )
    return made


def test_a_plan_team_that_takes_part_reads_the_others_for_each_chosen_theme(world, login):
    take_part(world)
    a_release()
    page = login(world.hr).get(reverse("plans:qualify", args=[world.plan.pk])).content.decode()
    assert page.count("Sådan vurderer andre organisationer temaet") == 3  # three chosen
    assert "Alle deltagende organisationer" in page and "Sektoren Kommune" in page
    assert "0,61" in page and "\u22120,25" in page and "± 0,31" in page
    assert "ca. 42 organisationer" in page and "3. kvartal 2026" in page
    assert "0,99" not in page  # another sector's figures are not shown
    assert "inden for usikkerheden" in page


def test_an_organisation_that_does_not_take_part_is_invited_not_shown(world, login):
    a_release()
    page = login(world.med).get(reverse("plans:qualify", args=[world.plan.pk])).content.decode()
    assert "Sådan vurderer andre organisationer temaet" not in page
    assert "0,61" not in page
    assert "Når jeres administrator og MED/SU vælger at deltage" in page
    assert reverse("benchmark:participation") in page  # MED may choose


def test_before_the_first_release_the_team_is_told_there_are_no_figures_yet(world, login):
    take_part(world)
    page = login(world.hr).get(reverse("plans:qualify", args=[world.plan.pk])).content.decode()
    assert "Der er endnu ingen tal for temaet" in page
