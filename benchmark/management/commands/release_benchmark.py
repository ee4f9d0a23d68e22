"""Releases a quarter's benchmark: `manage.py release_benchmark --quarter 2026-Q4`.

Each tool's quarter is released once (its privacy budget is then spent); run it after
the quarter has ended, when its maps are closed.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from benchmark import selectors
from benchmark.models import Tool
from benchmark.release import BenchmarkError, release


class Command(BaseCommand):
    help = "Releases the benchmark across organisations for a quarter (once)."

    def add_arguments(self, parser):
        parser.add_argument("--quarter", required=True, help='e.g. "2026-Q4"')
        parser.add_argument("--tool", type=int, choices=[2, 3], help="only this tool")

    def handle(self, *args, quarter: str, tool: int | None, **options):
        try:
            selectors.quarter_bounds(quarter)
        except (ValueError, IndexError) as wrong:
            raise CommandError(f'Kvartalet skrives som "2026-Q4", ikke "{quarter}".') from wrong
        for chosen in [Tool(tool)] if tool else list(Tool):
            started = time.perf_counter()
            rows = selectors.contributions(tool=chosen, quarter=quarter)
            try:
                made = release(
                    tool=chosen, quarter=quarter, rows=rows, items=selectors.ITEMS[chosen]
                )
            except BenchmarkError as refused:
                raise CommandError(str(refused)) from refused
            self.stdout.write(
                f"{made}: {len(rows)} organisations, {made.figures.count()} figures, "
                f"rho {made.rho:.3f} (epsilon {made.epsilon:.2f} at delta {made.delta:g}), "
                f"{time.perf_counter() - started:.1f} s"
            )
