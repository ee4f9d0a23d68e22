import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmark import services as benchmark_services
from benchmark.models import Sector, SizeBand
from core import status
from operations import scale
from organisations.models import Organisation, Person, Role
from plans import services as plan_services
from plans.models import Plan


class Command(BaseCommand):
    help = (
        "Makes a large invented organisation for load tests and benchmarks "
        f"(everyone's password: {scale.PASSWORD})."
    )

    def add_arguments(self, parser):
        parser.add_argument("--leaders", type=int, default=20000)
        parser.add_argument(
            "--organisations", type=int, default=1, help="Several, for a multi-tenant database."
        )
        parser.add_argument("--slug", default="skala", help="The first organisation's address.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--benchmark",
            action="store_true",
            help="Each takes part in the benchmark (a sector and size band, both confirmed) "
            "with its plan's rating closed, ready for `release_benchmark`.",
        )
        parser.add_argument(
            "--shared-units",
            action="store_true",
            help="Leaders share their department's unit (the shape before each had their own).",
        )

    def handle(
        self, *args, leaders, organisations, slug, seed, shared_units=False, benchmark=False,
        **options,
    ):  # fmt: skip
        if leaders < 20:
            raise CommandError("At least 20 leaders.")
        started = time.monotonic()
        say = self.stdout.write if options["verbosity"] > 1 else None
        for n in range(organisations):
            this_slug = slug if organisations == 1 else f"{slug}{n + 1}"
            if Organisation.objects.filter(slug=this_slug).exists():
                raise CommandError(f"An organisation {this_slug!r} exists already.")
            made = scale.generate(
                leaders=leaders,
                slug=this_slug,
                seed=seed + n,
                unit_per_leader=not shared_units,
                progress=say,
            )
            status.snapshot_take(organisation=made.organisation)
            if benchmark:
                _take_part(made.organisation, leaders=leaders, seed=seed + n)
            if options["verbosity"]:
                self.stdout.write(
                    f"{made.organisation.slug}: {made.people} people, {made.groups} groups, "
                    f"{made.rounds} rounds ({time.monotonic() - started:.0f} s)"
                )
        if connection.vendor == "postgresql":
            # Bulk inserts leave the planner's statistics behind until autovacuum comes
            # by (within minutes): counted now, so the pages measured next are planned
            # on what is there, as they are in steady running.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


def _take_part(organisation: Organisation, *, leaders: int, seed: int) -> None:
    """The invented organisation closes its plan's rating (its rounds' preparations are
    closed already), and its administrator and MED/SU representative confirm that it
    takes part in the benchmark, in a sector of its own."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    for plan in Plan.objects.filter(organisation=organisation, rating_closed_at__isnull=True):
        plan_services.plan_rating_close(plan=plan)
    bands = ((50, SizeBand.SMALL), (200, SizeBand.MEDIUM), (1000, SizeBand.LARGE))
    size = next((band for limit, band in bands if leaders < limit), SizeBand.VERY_LARGE)
    staff = Person.objects.filter(organisation=organisation)
    benchmark_services.participation_confirm(
        person=staff.filter(role_assignments__role=Role.ORG_ADMIN).first(),
        as_admin=True,
        sector=rng.choice(Sector.values),
        size_band=size,
    )
    benchmark_services.participation_confirm(
        person=staff.filter(role_assignments__role=Role.COOPERATION).first(), as_admin=False
    )
