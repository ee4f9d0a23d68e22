"""Another installation's part in the benchmark: runs a release's mechanism over this
installation's organisations for a quarter and writes the noisy cells to a signed file:
`manage.py benchmark_export --quarter 2026-Q4 --tool 3 --key benchmark-key.pem
--installation "Aarhus Kommune" --out bidrag.json` (docs/benchmark-exchange.md).

The quarter's budget is spent as by a release: it is exported once, and not also
released here."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmark import selectors
from benchmark.exchange import ExchangeError, export
from benchmark.models import Tool
from benchmark.release import BenchmarkError


class Command(BaseCommand):
    help = "Writes this installation's signed contribution to the benchmark for a quarter."

    def add_arguments(self, parser):
        parser.add_argument("--quarter", required=True, help='e.g. "2026-Q4"')
        parser.add_argument("--tool", type=int, choices=[2, 3], required=True)
        parser.add_argument("--key", required=True, type=Path, help="the private key (PEM)")
        parser.add_argument("--installation", required=True, help="this installation's name")
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, quarter, tool, key: Path, installation, out: Path, **options):
        try:
            selectors.quarter_bounds(quarter)
        except (ValueError, IndexError) as wrong:
            raise CommandError(f'Kvartalet skrives som "2026-Q4", ikke "{quarter}".') from wrong
        if out.exists():
            raise CommandError(f"{out} findes allerede og overskrives ikke.")
        rows = selectors.contributions(tool=Tool(tool), quarter=quarter)
        try:
            document = export(
                tool=Tool(tool), quarter=quarter, rows=rows, installation=installation,
                private_pem=key.read_text(),
            )  # fmt: skip
        except (BenchmarkError, ExchangeError, OSError) as refused:
            raise CommandError(str(refused)) from refused
        out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
        self.stdout.write(f"{out}: {len(rows)} organisations, rho {document['payload']['rho']:.3f}")
