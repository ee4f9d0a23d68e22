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


def test_the_picture_puts_the_organisation_beside_the_others_with_a_table_of_the_same():
    from benchmark.templatetags.benchmark_chart import benchmark_chart

    rows = [
        {"label": "1", "title": "Tid & <ro>", "own_importance": 0.5, "own_success": None,
         "others_importance": -0.25, "others_success": 0.1, "margin": 0.3},
    ]  # fmt: skip
    html = benchmark_chart(rows)
    assert 'role="img"' in html and '<title id="benchmark-chart-title">' in html
    assert "Tid &amp; &lt;ro&gt;" in html and "<ro>" not in html
    # The organisation has a mark for importance only; the others have a band each.
    assert html.count('fill="#004993"/>') == 1
    assert html.count('fill="#d9d9d9"/>') == 2
    table = html[html.index("<table") :]
    assert "0,50" in table and "\u22120,25" in table and "± 0,30" in table and "–" in table


def test_the_prioritise_page_shows_the_picture_only_to_an_organisation_that_takes_part(world):
    from plans.views import _against_benchmark
    from prioritymap.model import GroupMap, Position

    themes = list(world.plan.themes.order_by("position"))
    for theme in themes:
        theme.display_title = theme.title
    own = GroupMap(respondents=6)
    own.positions[themes[0].pk] = Position(
        item=themes[0].pk, answers=6, importance=1.0, success=-0.5,
        importance_spread=0.0, success_spread=0.0,
    )  # fmt: skip
    a_release()
    assert _against_benchmark(world.plan, themes, own) == []  # not taking part
    take_part(world)
    rows = _against_benchmark(world.plan, themes, own)
    assert len(rows) == 12  # the method's themes; the plan's own theme has no benchmark
    assert rows[0]["own_importance"] == 1.0 and rows[0]["others_importance"] == 0.61
    assert rows[1]["own_importance"] is None


def test_a_group_sees_the_others_beside_its_map_only_after_the_meeting(world):
    from types import SimpleNamespace

    from groups.models import RoundStatus
    from groups.views import _against_benchmark
    from prioritymap.model import GroupMap, Position

    take_part(world)
    made = Release.objects.create(
        tool=Tool.GROUP, quarter="2026-Q3", rho=0.5, epsilon=5.2, delta=1e-6,
        min_organisations=5, min_leaders=50,
    )  # fmt: skip
    ReleasedFigure.objects.bulk_create(
        ReleasedFigure(release=made, sector="", item=n, importance=0.3, success=-0.1,
                       margin=0.2, organisations=30)
        for n in range(1, 21)
    )  # fmt: skip
    own = GroupMap(respondents=5)
    own.positions[7] = Position(
        item=7, answers=5, importance=0.8, success=0.2, importance_spread=0.0,
        success_spread=0.0,
    )  # fmt: skip
    view = SimpleNamespace(shown=True, map=own)
    for before in (RoundStatus.PREPARATION, RoundStatus.MEETING):
        world.round.status = before
        assert _against_benchmark(world.round, view) == []  # not before the meeting is over
    world.round.status = RoundStatus.AGREEMENTS
    rows = _against_benchmark(world.round, view)
    assert len(rows) == 20
    seventh = next(row for row in rows if row["label"] == 7)
    assert seventh["own_importance"] == 0.8 and seventh["others_importance"] == 0.3
    assert _against_benchmark(world.round, SimpleNamespace(shown=False, map=None)) == []


def test_top_management_sees_the_organisations_plan_against_the_benchmark(world, login):
    from plans import services as plan_services
    from plans.models import RatingMode

    plan = plan_services.plan_create(
        organisation=world.organisation, by=world.top, team=[world.top], title="Plan 2028",
        unit=None, rating_mode=RatingMode.TEAM, anonymity_k=5,
    )  # fmt: skip
    plan.themes.filter(number__in=[1, 2]).update(importance=1, success=-1)
    take_part(world)
    a_release()
    url = reverse("organisation_status")
    page = login(world.top).get(url).content.decode()
    assert "Jer og de andre organisationer" in page and "benchmark-chart" in page
    # HR and the administrator see the status page's counts, not the plan's map.
    assert "benchmark-chart" not in login(world.hr).get(url).content.decode()
    assert "benchmark-chart" not in login(world.admin).get(url).content.decode()
